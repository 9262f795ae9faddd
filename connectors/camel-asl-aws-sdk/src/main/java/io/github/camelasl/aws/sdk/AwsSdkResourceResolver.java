package io.github.camelasl.aws.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.aws.Arn;
import io.github.camelasl.aws.SdkJson;
import io.github.camelasl.aws.TaskRequest;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.resource.ResourceProblem;
import io.github.camelasl.resource.ResourceRefusedException;
import io.github.camelasl.resource.ResourceResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;

/**
 * {@code arn:aws:states:::aws-sdk:SERVICE:ACTION} (and {@code .waitForTaskToken}: the engine hands out the token and
 * waits) runs on {@code asl-aws-sdk:SERVICE/ACTION} when the service's AWS SDK for Java v2 module is on the
 * classpath and its client has the action. A service with no module resolves to nothing, so validation names the
 * module to add; an action the client does not have, a streaming one, {@code .sync} (AWS has none for SDK
 * integrations) and Step Functions' other names for itself are refused with the reason. Its priority is low: a
 * connector dedicated to a service (S3's) answers first.
 */
public final class AwsSdkResourceResolver implements ResourceResolver {

    static final int PRIORITY = -100;

    private static final String PREFIX = "aws-sdk:";
    private static final String CALLBACK = ".waitForTaskToken";
    /** A v2 package name and a client method name: nothing else can come from the ARN into a URI. */
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9]*");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    /** Step Functions' names for itself that are not its SDK name (LocalStack issue 9872: not valid on AWS). */
    private static final List<String> NOT_SFN = List.of("stepfunctions", "states");

    /** The operations this resolver resolved, by integration without suffix, for {@link #check}. */
    private final Map<String, SdkOperation> resolved = new ConcurrentHashMap<>();

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        Optional<String> integration = integration(resource);
        if (integration.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = integration.get().substring(PREFIX.length()).split(":", -1);
        if (parts.length != 2 || !SERVICE.matcher(parts[0]).matches() || !ACTION.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        String service = parts[0];
        if (NOT_SFN.contains(service)) {
            throw new ResourceRefusedException("Step Functions is 'sfn' in aws-sdk integrations: "
                    + "arn:aws:states:::aws-sdk:sfn:" + parts[1]);
        }
        Optional<SdkServices.Service> found = SdkServices.find(service, loader(camelContext));
        if (found.isEmpty()) {
            return Optional.empty(); // validation names software.amazon.awssdk:SERVICE (IntegrationModules)
        }
        SdkOperation operation = SdkOperation.find(found.get(), parts[1]);
        resolved.put(integration.get(), operation);
        return Optional.of("asl-aws-sdk:" + service + "/" + operation.action());
    }

    /**
     * Each literal parameter the request has no member for, naming the members it has; else the first value written
     * out that the request cannot take (a nested field its structure lacks, a text where a number goes).
     */
    @Override
    public List<ResourceProblem> check(String resource, JsonNode taskState) {
        SdkOperation operation = integration(resource).map(resolved::get).orElse(null);
        if (operation == null) {
            return List.of();
        }
        TaskRequest request = TaskRequest.of(taskState);
        var builder = operation.newRequest();
        List<ResourceProblem> problems = new ArrayList<>();
        for (String key : request.keys()) {
            if (SdkJson.field(builder.sdkFields(), key) == null) {
                problems.add(new ResourceProblem(request.field() + "/" + pointerToken(key), "The field '" + key
                        + "' is not a parameter of aws-sdk:" + operation.what() + "; it takes "
                        + String.join(", ", SdkJson.names(builder))));
            }
        }
        if (problems.isEmpty() && request.literal() && taskState.get(request.field()).isObject()) {
            // the values written out are built into a request as the call will: a nested field the structure
            // lacks, or a value of the wrong type, fails now rather than when the state runs
            JsonNode written = literal(taskState.get(request.field()), "Parameters".equals(request.field()));
            try {
                SdkJson.fill("aws-sdk:" + operation.what(), builder, written, Set.of());
            } catch (IllegalArgumentException e) {
                problems.add(new ResourceProblem(request.field(), e.getMessage()));
            } catch (RuntimeException e) {
                // a value the SDK's builder itself refuses: still this state's problem, not a check that failed
                problems.add(new ResourceProblem(request.field(), "aws-sdk:" + operation.what() + " cannot take the "
                        + "values written out: " + e));
            }
        }
        return problems;
    }

    /**
     * What a request writes out: without the values computed at run time (a Parameters key ending in {@code .$}, a
     * JSONata {@code {% %}} string in Arguments), at any depth; an array holding one is left out whole.
     */
    static JsonNode literal(JsonNode node, boolean jsonPath) {
        if (node.isObject()) {
            ObjectNode copy = Json.NODES.objectNode();
            node.properties().forEach(e -> {
                if (!(jsonPath && e.getKey().endsWith(".$"))) {
                    JsonNode value = literal(e.getValue(), jsonPath);
                    if (value != null) {
                        copy.set(e.getKey(), value);
                    }
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.NODES.arrayNode();
            for (JsonNode element : node) {
                JsonNode value = literal(element, jsonPath);
                if (value == null) {
                    return null;
                }
                copy.add(value);
            }
            return copy;
        }
        if (!jsonPath && node.isTextual() && node.asText().strip().startsWith("{%")) {
            return null;
        }
        return node;
    }

    /**
     * The integration without {@code .waitForTaskToken} when {@code resource} is an aws-sdk one.
     *
     * @throws ResourceRefusedException for {@code .sync}, which AWS does not offer for SDK integrations
     */
    private static Optional<String> integration(String resource) {
        Optional<String> integration = Arn.parse(resource).flatMap(Arn::integration)
                .filter(i -> i.startsWith(PREFIX));
        if (integration.isEmpty()) {
            return integration;
        }
        String text = integration.get();
        if (text.endsWith(CALLBACK)) {
            return Optional.of(text.substring(0, text.length() - CALLBACK.length()));
        }
        int sync = text.indexOf(".sync");
        if (sync > 0) {
            throw new ResourceRefusedException("The service integration '" + text + "' is not supported: AWS SDK "
                    + "integrations run as request-response or .waitForTaskToken, not '" + text.substring(sync)
                    + "'");
        }
        return integration;
    }

    /** The class loader the services are looked up in: the CamelContext's application one (the CLI's --classpath). */
    static ClassLoader loader(CamelContext camelContext) {
        ClassLoader loader = camelContext == null ? null : camelContext.getApplicationContextClassLoader();
        return loader != null ? loader : AwsSdkResourceResolver.class.getClassLoader();
    }

    private static String pointerToken(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
