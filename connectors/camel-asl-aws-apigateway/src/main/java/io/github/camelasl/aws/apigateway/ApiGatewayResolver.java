package io.github.camelasl.aws.apigateway;

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
 * {@code arn:aws:states:::apigateway:invoke} (and {@code .waitForTaskToken}, which calls the same way while the
 * engine waits for the token) runs on {@code asl-aws-apigateway:invoke}. At deployment it checks the required
 * fields, a literal ApiEndpoint (a host name; recorded as allowed), literal values AWS does not take, and that a
 * computed ApiEndpoint has allowed hosts to be checked against.
 */
public final class ApiGatewayResolver implements ResourceResolver {

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        return Arn.parse(resource)
                .flatMap(Arn::integrationCalledBack)
                .filter("apigateway:invoke"::equals)
                .map(integration -> "asl-aws-apigateway:" + ApiGatewayEndpoint.INVOKE);
    }

    @Override
    public List<ResourceProblem> check(String resource, JsonNode taskState) {
        return TaskRequest.of(taskState).require("ApiEndpoint", "Method");
    }

    @Override
    public List<ResourceProblem> check(String resource, JsonNode taskState, CamelContext camelContext) {
        TaskRequest request = TaskRequest.of(taskState);
        List<ResourceProblem> problems = new ArrayList<>(request.require("ApiEndpoint", "Method"));
        ApiGatewayComponent component = camelContext.getComponent("asl-aws-apigateway", ApiGatewayComponent.class);
        boolean prefixes = component.getConfiguration().hasAllowedEndpoints();
        String field = request.field();
        String computed = "The apigateway:invoke Task's ApiEndpoint comes from the data; allow the API hosts it may "
                          + "call with the asl-aws-apigateway component's allowedEndpoints";
        if (!request.literal() || !taskState.get(field).isObject()) {
            if (!prefixes) {
                problems.add(new ResourceProblem(field, computed));
            }
            return problems;
        }
        JsonNode parameters = taskState.get(field);
        boolean jsonata = "Arguments".equals(field);
        String endpoint = literal(parameters, "ApiEndpoint", jsonata);
        String writtenHost = null;
        String writtenAuthType = null;
        if (endpoint != null) {
            try {
                String host = InvokeRequest.checkedHost(endpoint);
                String authType = literal(parameters, "AuthType", jsonata);
                boolean authComputed = parameters.has("AuthType.$") || (authType == null
                        && parameters.get("AuthType") != null);
                if (component.getConfiguration().isTrustDefinitionEndpoints()) {
                    // an AuthType from the data signs only for allowedEndpoints: the host is recorded as unsigned
                    writtenHost = host;
                    writtenAuthType = authComputed ? "NO_AUTH" : authType;
                } else if (!component.getConfiguration().allows(host)) {
                    problems.add(new ResourceProblem(field, "The apigateway:invoke Task's ApiEndpoint '" + host
                            + "' is not one of the asl-aws-apigateway component's allowedEndpoints"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new ResourceProblem(field, e.getMessage()));
            }
        } else if (request.has("ApiEndpoint") && !prefixes) {
            problems.add(new ResourceProblem(field, computed));
        }
        String method = literal(parameters, "Method", jsonata);
        if (method != null && !InvokeRequest.METHODS.contains(method)) {
            problems.add(new ResourceProblem(field, "The apigateway:invoke Task's Method must be one of "
                    + String.join(", ", InvokeRequest.METHODS.stream().sorted().toList()) + ", not '" + method + "'"));
        }
        String authType = literal(parameters, "AuthType", jsonata);
        if (authType != null && !InvokeRequest.AUTH_TYPES.contains(authType)) {
            problems.add(new ResourceProblem(field, "The apigateway:invoke Task's AuthType must be NO_AUTH, IAM_ROLE "
                    + "or RESOURCE_POLICY, not '" + authType + "'"));
        }
        JsonNode headers = parameters.get("Headers");
        if (headers != null && headers.isObject()) {
            headers.fieldNames().forEachRemaining(name -> {
                String header = !jsonata && name.endsWith(".$") ? name.substring(0, name.length() - 2) : name;
                String lower = header.toLowerCase(Locale.ROOT);
                if (InvokeRequest.FORBIDDEN_HEADERS.contains(lower) || lower.startsWith("x-forwarded")
                        || lower.startsWith("x-amz")) {
                    problems.add(new ResourceProblem(field, "The apigateway:invoke Task may not set the header '"
                            + header + "' (Step Functions refuses it)"));
                }
            });
        }
        if (writtenHost != null && problems.isEmpty()) {
            component.allowWrittenEndpoint(writtenHost, writtenAuthType); // a refused Task calls nothing
        }
        return problems;
    }

    private static String literal(JsonNode holder, String key, boolean jsonata) {
        JsonNode value = holder.get(key);
        if (value == null || !value.isTextual()) {
            return null;
        }
        String text = value.asText().trim();
        return jsonata && text.startsWith("{%") && text.endsWith("%}") ? null : value.asText();
    }
}
