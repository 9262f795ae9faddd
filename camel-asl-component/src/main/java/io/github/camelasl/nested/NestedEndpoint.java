package io.github.camelasl.nested;

import io.github.camelasl.AslComponent;
import java.util.Set;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code asl:states:ACTION}: what a Task calling Step Functions runs when the state machine it names is deployed in
 * the same CamelContext (see {@code StatesResolver}, which gives these URIs; nothing else should). ACTION is the
 * optimized integration's {@code startExecution}, {@code startExecution.sync}, {@code startExecution.sync2} (for
 * {@code .sync:2}) or {@code startExecution.waitForTaskToken}, or the aws-sdk integration's {@code sdk.ACTION}
 * (one of {@link #SDK_ACTIONS}, {@code sdk.startExecution.waitForTaskToken} too).
 */
public final class NestedEndpoint extends DefaultEndpoint {

    /** The path prefix of these endpoints under the asl component. */
    public static final String PREFIX = "states:";
    /** The Step Functions API actions the aws-sdk integration runs here. */
    public static final Set<String> SDK_ACTIONS = Set.of("startExecution", "startSyncExecution", "describeExecution",
            "stopExecution", "sendTaskSuccess", "sendTaskFailure", "sendTaskHeartbeat");
    static final Set<String> OPTIMIZED = Set.of("startExecution", "startExecution.sync", "startExecution.sync2",
            "startExecution.waitForTaskToken");

    private final String action;

    /** @param action what follows {@code asl:states:} */
    public NestedEndpoint(String uri, AslComponent component, String action) {
        super(uri, component);
        boolean sdk = action.startsWith("sdk.") && (SDK_ACTIONS.contains(action.substring(4))
                || action.equals("sdk.startExecution.waitForTaskToken"));
        if (!sdk && !OPTIMIZED.contains(action)) {
            throw new IllegalArgumentException("asl:states:" + action + " is not a Step Functions action run here; "
                    + "one of " + OPTIMIZED + " or sdk.ACTION for ACTION in " + SDK_ACTIONS);
        }
        this.action = action;
    }

    @Override
    public Producer createProducer() {
        return new NestedProducer(this, action);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("asl:states:" + action + " only runs the Tasks that call Step "
                + "Functions");
    }

    @Override
    public boolean isRemote() {
        return false;
    }
}
