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
 * literal ApiEndpoint (an https URL without credentials, allowed for its connection; recorded as written next to
 * it), a literal ConnectionArn (it must be configured), literal headers Step Functions refuses, and that a computed
 * ApiEndpoint has allowed prefixes to be checked against (see {@link HttpInvokeComponent}).
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
        boolean connectionComputed = false;
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
            } else if (parameters.has(holder + ".$") || computed(parameters.get(holder), "ConnectionArn",
                    jsonata)) {
                connectionComputed = true;
            }
        }

        JsonNode endpoint = literal(parameters, "ApiEndpoint", jsonata);
        String written = null;
        HttpConnection writtenWith = null;
        if (endpoint != null) {
            try {
                java.net.URI url = EndpointAllowList.checkedUrl(endpoint.asText(), "ApiEndpoint");
                // a connection chosen by the data is not "written next to" this URL: it must allow it itself
                written = endpoint.asText();
                writtenWith = connectionComputed ? null : connection;
                String refusal = connectionComputed ? null : component.refusal(endpoint.asText(), url, connection, true);
                if (refusal != null) {
                    problems.add(new ResourceProblem(field, "The HTTP Task may not call its ApiEndpoint '"
                            + endpoint.asText() + "': " + refusal));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new ResourceProblem(field, "The HTTP Task's " + e.getMessage()));
            }
        } else if (request.has("ApiEndpoint") && !component.hasPrefixesFor(connectionComputed ? null : connection)) {
            problems.add(new ResourceProblem(field, HttpInvokeComponent.credentialed(connection) != null
                    && !connectionComputed
                    ? "The HTTP Task's ApiEndpoint comes from the data and its connection '" + connection.getName()
                      + "' has no allowedEndpoints of its own: allow the URLs its credentials may go to there "
                      + "(the asl-http component's allowedEndpoints carry no connection's credentials)"
                    : "The HTTP Task's ApiEndpoint comes from the data; allow the URLs it may call with the "
                      + "asl-http component's allowedEndpoints or its connection's"));
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
        if (written != null && problems.isEmpty()) {
            component.allowWrittenEndpoint(written, writtenWith); // only a Task that deploys: a refused one calls nothing
        }
        return problems;
    }

    /** Whether {@code key} of {@code holder} is computed: {@code key.$} in Parameters, a {% %} expression in Arguments. */
    private static boolean computed(JsonNode holder, String key, boolean jsonata) {
        if (holder == null) {
            return false;
        }
        if (!holder.isObject()) {
            return jsonata; // the whole holder is an expression
        }
        if (holder.has(key + ".$")) {
            return true;
        }
        JsonNode value = holder.get(key);
        return jsonata && value != null && value.isTextual() && value.asText().trim().startsWith("{%");
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
