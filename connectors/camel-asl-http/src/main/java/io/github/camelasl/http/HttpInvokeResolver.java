package io.github.camelasl.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.Arn;
import io.github.camelasl.aws.TaskRequest;
import io.github.camelasl.resource.ResourceProblem;
import io.github.camelasl.resource.ResourceResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * {@code arn:aws:states:::http:invoke} (any partition) runs on {@code asl-http:invoke}. AWS offers the HTTP Task as
 * request-response only, so {@code http:invoke.waitForTaskToken} resolves to nothing and validation refuses it.
 *
 * <p>At deployment it checks each HTTP Task against the application's configuration: the required fields, a
 * literal ApiEndpoint (an http(s) URL without credentials; recorded as allowed), a literal ConnectionArn (it must
 * be configured), literal headers Step Functions refuses, and that a computed ApiEndpoint has allowed prefixes to
 * be checked against.
 */
public final class HttpInvokeResolver implements ResourceResolver {

    static final String INTEGRATION = "http:invoke";

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        return Arn.parse(resource)
                .flatMap(Arn::integration)
                .filter(INTEGRATION::equals)
                .map(integration -> "asl-http:" + HttpInvokeEndpoint.INVOKE);
    }

    @Override
    public List<ResourceProblem> check(String resource, JsonNode taskState) {
        return TaskRequest.of(taskState).require("ApiEndpoint", "Method");
    }

    @Override
    public List<ResourceProblem> check(String resource, JsonNode taskState, CamelContext camelContext) {
        TaskRequest request = TaskRequest.of(taskState);
        List<ResourceProblem> problems = new ArrayList<>(request.require("ApiEndpoint", "Method"));
        HttpInvokeComponent component = camelContext.getComponent("asl-http", HttpInvokeComponent.class);
        String field = request.field();
        if (!request.literal() || !taskState.get(field).isObject()) {
            if (!component.hasPrefixesFor(null)) {
                problems.add(new ResourceProblem(field, "The HTTP Task's request is computed, so its ApiEndpoint "
                        + "comes from the data; allow the URLs it may call with the asl-http component's "
                        + "allowedEndpoints"));
            }
            return problems;
        }
        JsonNode parameters = taskState.get(field);
        boolean jsonata = "Arguments".equals(field);

        HttpConnection connection = null;
        for (String holder : List.of("Authentication", "InvocationConfig")) {
            JsonNode arn = literal(parameters.get(holder), "ConnectionArn", jsonata);
            if (arn != null && arn.isTextual()) {
                connection = component.connection(arn.asText()).orElse(null);
                if (connection == null) {
                    problems.add(new ResourceProblem(field, "The connection '" + arn.asText() + "' in "
                            + holder + ".ConnectionArn is not configured: bind an HttpConnection named '"
                            + HttpConnections.nameOf(arn.asText()) + "' or add it to the asl-http component's "
                            + "connections"));
                }
            }
        }

        JsonNode endpoint = literal(parameters, "ApiEndpoint", jsonata);
        if (endpoint != null) {
            try {
                java.net.URI url = EndpointAllowList.checkedUrl(endpoint.asText(), "ApiEndpoint");
                if (component.isTrustDefinitionEndpoints()) {
                    component.allowDefinitionEndpoint(endpoint.asText());
                }
                if (!component.allows(endpoint.asText(), url, connection)) {
                    problems.add(new ResourceProblem(field, "The HTTP Task's ApiEndpoint '" + endpoint.asText()
                            + "' is not under an allowed endpoint prefix (the asl-http component's allowedEndpoints "
                            + "or its connection's)"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new ResourceProblem(field, "The HTTP Task's " + e.getMessage()));
            }
        } else if (request.has("ApiEndpoint") && !component.hasPrefixesFor(connection)) {
            problems.add(new ResourceProblem(field, "The HTTP Task's ApiEndpoint comes from the data; allow the "
                    + "URLs it may call with the asl-http component's allowedEndpoints or its connection's"));
        }

        JsonNode method = literal(parameters, "Method", jsonata);
        if (method != null && !HttpInvokeRequest.METHODS.contains(method.asText())) {
            problems.add(new ResourceProblem(field, "The HTTP Task's Method must be one of "
                    + String.join(", ", HttpInvokeRequest.METHODS.stream().sorted().toList()) + ", not '"
                    + method.asText() + "'"));
        }
        JsonNode headers = parameters.get("Headers");
        if (headers != null && headers.isObject()) {
            headers.fieldNames().forEachRemaining(name -> {
                String header = !jsonata && name.endsWith(".$") ? name.substring(0, name.length() - 2) : name;
                String lower = header.toLowerCase(Locale.ROOT);
                if (HttpInvokeRequest.FORBIDDEN_HEADERS.contains(lower) || lower.startsWith("x-forwarded")
                        || lower.startsWith("x-amz")) {
                    problems.add(new ResourceProblem(field, "The HTTP Task may not set the header '" + header
                            + "' (Step Functions refuses it)"));
                }
            });
        }
        return problems;
    }

    /**
     * The literal text value of {@code key} in {@code holder} (an object as written), or null when it is absent or
     * computed ({@code key.$} in Parameters, a {% %} expression in Arguments).
     */
    private static JsonNode literal(JsonNode holder, String key, boolean jsonata) {
        if (holder == null || !holder.isObject()) {
            return null;
        }
        JsonNode value = holder.get(key);
        if (value == null || !value.isTextual()) {
            return null;
        }
        String text = value.asText().trim();
        if (jsonata && text.startsWith("{%") && text.endsWith("%}")) {
            return null;
        }
        return value;
    }
}
