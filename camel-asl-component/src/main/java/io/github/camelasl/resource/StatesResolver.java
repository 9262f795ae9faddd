package io.github.camelasl.resource;

import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelContext;

/**
 * The engine's built-in Step Functions integrations: {@code arn:aws:states:::states:startExecution} (request-response,
 * {@code .sync}, {@code .sync:2}, {@code .waitForTaskToken}) and the {@code arn:aws:states:::aws-sdk:sfn:ACTION}
 * actions a pipeline uses on the machines of the same application (StartExecution, StartSyncExecution,
 * DescribeExecution, StopExecution, SendTaskSuccess/Failure/Heartbeat). Their endpoint ({@code asl:states:...}) runs
 * the machine here when it is deployed here, and otherwise hands the call to the connector that calls AWS, when the
 * classpath has one. Other {@code sfn} actions resolve to nothing here (the aws-sdk bridge takes them).
 */
final class StatesResolver implements ResourceResolver {

    private static final String STATES = "arn:aws:states:::states:startExecution";
    private static final String SFN = "arn:aws:states:::aws-sdk:sfn:";
    /** The aws-sdk actions run here; the same list as the endpoint's ({@code NestedEndpoint.SDK_ACTIONS}). */
    private static final Set<String> SDK_ACTIONS = Set.of("startExecution", "startSyncExecution", "describeExecution",
            "stopExecution", "sendTaskSuccess", "sendTaskFailure", "sendTaskHeartbeat");

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        if (resource == null) {
            return Optional.empty();
        }
        String partitioned = resource.replaceFirst("^arn:aws-[a-z-]+:", "arn:aws:"); // aws-cn, aws-us-gov
        if (partitioned.startsWith(STATES)) {
            return switch (partitioned.substring(STATES.length())) {
                case "" -> Optional.of("asl:states:startExecution");
                case ".sync" -> Optional.of("asl:states:startExecution.sync");
                case ".sync:2" -> Optional.of("asl:states:startExecution.sync2");
                case ".waitForTaskToken" -> Optional.of("asl:states:startExecution.waitForTaskToken");
                default -> Optional.empty();
            };
        }
        if (partitioned.startsWith(SFN)) {
            String action = partitioned.substring(SFN.length());
            if (SDK_ACTIONS.contains(action) || action.equals("startExecution.waitForTaskToken")) {
                return Optional.of("asl:states:sdk." + action);
            }
        }
        return Optional.empty();
    }
}
