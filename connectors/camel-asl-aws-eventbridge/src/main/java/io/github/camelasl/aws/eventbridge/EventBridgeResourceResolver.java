package io.github.camelasl.aws.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.AslConstants;
import io.github.camelasl.aws.Arn;
import io.github.camelasl.aws.TaskRequest;
import io.github.camelasl.resource.ResourceProblem;
import io.github.camelasl.resource.ResourceRefusedException;
import io.github.camelasl.resource.ResourceResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * {@code arn:aws:states:::events:putEvents} (any partition; the regional form through the resolver chain) runs on
 * {@code asl-aws-eventbridge:putEvents}, also as {@code .waitForTaskToken} (the engine hands out the token and
 * waits). AWS optimizes no other EventBridge action, nor {@code .sync}: those are refused in AWS's words.
 */
public final class EventBridgeResourceResolver implements ResourceResolver {

    private static final String PUT_EVENTS = "events:" + EventBridgeEndpoint.PUT_EVENTS;
    private static final String CALLBACK = ".waitForTaskToken";

    /**
     * @throws ResourceRefusedException for an {@code events:} integration AWS does not have ({@code events:putRule},
     *                                  {@code putEvents.sync}), in AWS's words
     */
    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        Optional<String> integration = Arn.parse(resource).flatMap(Arn::integration)
                .filter(i -> i.startsWith("events:"));
        if (integration.isEmpty()) {
            return Optional.empty();
        }
        if (!PUT_EVENTS.equals(integration.get()) && !(PUT_EVENTS + CALLBACK).equals(integration.get())) {
            throw new ResourceRefusedException("The resource provided " + resource + " is not recognized. The value "
                    + "is not a valid resource ARN, or the resource is not available in this region.");
        }
        return Optional.of("asl-aws-eventbridge:" + EventBridgeEndpoint.PUT_EVENTS);
    }

    /** Entries is required, and is the only parameter the integration takes (besides the Task's headers). */
    @Override
    public List<ResourceProblem> check(String resource, JsonNode taskState) {
        TaskRequest request = TaskRequest.of(taskState);
        List<ResourceProblem> problems = new ArrayList<>(request.require("Entries"));
        if (request.literal() && taskState.get(request.field()) instanceof ObjectNode written) {
            written.fieldNames().forEachRemaining(name -> {
                String parameter = "Parameters".equals(request.field()) && name.endsWith(".$")
                        ? name.substring(0, name.length() - 2) : name;
                if (!PutEvents.PARAMETERS.contains(parameter) && !AslConstants.HEADERS_FIELD.equals(parameter)) {
                    problems.add(new ResourceProblem(request.field(), PutEvents.notSupported(parameter)));
                }
            });
        }
        return problems;
    }
}
