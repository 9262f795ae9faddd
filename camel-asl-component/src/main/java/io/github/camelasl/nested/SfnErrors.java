package io.github.camelasl.nested;

import io.github.camelasl.engine.AslError;
import java.util.UUID;

/**
 * Step Functions' errors as a Task calling Step Functions sees them: the optimized integration
 * ({@code states:startExecution}) names them as the AWS SDK for Java v1 does
 * ({@code StepFunctions.StateMachineDoesNotExistException}, cause
 * {@code "msg (Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: r;
 * Proxy: null)"}), the aws-sdk integration as v2 does ({@code Sfn.InvalidTokenException}, cause
 * {@code "msg (Service: Sfn, Status Code: 400, Request ID: r) (SDK Attempt Count: 1)"}); both as recorded from AWS.
 */
final class SfnErrors {

    private SfnErrors() {
    }

    /** {@code error} is the API's error code (StateMachineDoesNotExist, ValidationException, ...). */
    static AslError of(boolean sdk, String code, String message) {
        String requestId = UUID.randomUUID().toString();
        if (sdk) {
            return new AslError("Sfn." + exceptionName(code), message + " (Service: Sfn, Status Code: 400, Request ID: "
                    + requestId + ") (SDK Attempt Count: 1)");
        }
        return new AslError("StepFunctions." + exceptionName(code), message + " (Service: AWSStepFunctions; Status "
                + "Code: 400; Error Code: " + code + "; Request ID: " + requestId + "; Proxy: null)");
    }

    /**
     * An error of this engine's (ExecutionAlreadyExists, InvalidName, ...) as the integration names it; the
     * language's own errors (States.DataLimitExceeded) stay as they are.
     */
    static AslError translate(boolean sdk, AslError error) {
        if (error.error() == null || error.error().startsWith("States.") || error.error().contains(".")) {
            return error;
        }
        String cause = error.cause() == null ? error.error() : error.cause();
        return of(sdk, error.error(), cause);
    }

    /** The SDK's exception class: the code with "Exception" appended, unless it ends so already. */
    private static String exceptionName(String code) {
        return code.endsWith("Exception") ? code : code + "Exception";
    }
}
