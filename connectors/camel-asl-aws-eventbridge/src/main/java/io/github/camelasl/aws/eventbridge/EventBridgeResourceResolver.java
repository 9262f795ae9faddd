package io.github.camelasl.aws.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.AslConstants;
import io.github.camelasl.aws.Arn;
import io.github.camelasl.aws.TaskRequest;
import io.github.camelasl.resource.ResourceProblem;
import io.github.camelasl.resource.ResourceResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * {@code arn:aws:states:::events:putEvents} (any partition; the regional form through the resolver chain) runs on
 * {@code asl-aws-eventbridge:putEvents}, also as {@code .waitForTaskToken} (the engine hands out the token and
 * waits). AWS optimizes no other EventBridge action, nor {@code .sync}.
 */
public final class EventBridgeResourceResolver implements ResourceResolver {

    private static final String PUT_EVENTS = "events:" + EventBridgeEndpoint.PUT_EVENTS;

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        return Arn.parse(resource)
                .flatMap(Arn::integrationCalledBack)
                .filter(PUT_EVENTS::equals)
                .map(integration -> "asl-aws-eventbridge:" + EventBridgeEndpoint.PUT_EVENTS);
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
