package io.github.camelasl.aws.testing;

import java.nio.charset.StandardCharsets;

/** A function the Lambda stand-in runs: the event (JSON text) in, the payload out. */
@FunctionalInterface
public interface LambdaFunction {

    Outcome invoke(String event, Invocation context) throws Exception;

    /** What the stand-in was asked: which function, and the request's Invoke options. */
    record Invocation(String requestId, String functionName, String qualifier, String executedVersion,
                      String functionArn, String payload, String invocationType, String logType,
                      String clientContext) {
    }

    /**
     * The function's answer: its payload (as the runtime serialised it), whether it failed (Lambda then sends
     * {@code X-Amz-Function-Error: Unhandled}), and what it logged.
     */
    record Outcome(byte[] payload, boolean failed, String log) {

        public static Outcome returning(String json) {
            return new Outcome(json.getBytes(StandardCharsets.UTF_8), false, "");
        }

        /** A runtime's error document, as the Python runtime writes it. */
        public static Outcome raising(String errorType, String errorMessage, String requestId) {
            String document = "{\"errorMessage\": \"" + errorMessage + "\", \"errorType\": \"" + errorType
                    + "\", \"requestId\": \"" + requestId + "\", \"stackTrace\": []}";
            return new Outcome(document.getBytes(StandardCharsets.UTF_8), true, "");
        }
    }
}
