package io.github.camelasl.aws;

import io.github.camelasl.engine.AslError;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Failed calls named as Step Functions names them for its optimized integrations: a service prefix and the
 * exception's name in the AWS SDK for Java v1 that Step Functions runs on ({@code SQS.QueueDoesNotExistException};
 * v2's service base exception is v1's {@code Amazon<Service>Exception}), with that SDK's cause text, so Retry
 * and Catch written for AWS match.
 *
 * @param prefix        the error-name prefix, e.g. "SQS"
 * @param service       v1's service name in causes, e.g. "AmazonSQS"
 * @param baseException v2's base exception of the service, e.g. SqsException
 */
public record V1ErrorNames(String prefix, String service, Class<? extends AwsServiceException> baseException) {

    public AslError from(SdkException e) {
        if (e instanceof AwsServiceException failure) {
            String name = failure.getClass() == baseException ? service + "Exception"
                    : failure.getClass().getSimpleName();
            AwsErrorDetails details = failure.awsErrorDetails();
            String message = details != null && details.errorMessage() != null ? details.errorMessage()
                    : failure.getMessage();
            String code = details != null ? details.errorCode() : null;
            return new AslError(prefix + "." + name, cause(message, failure.statusCode(), code,
                    failure.requestId()), e);
        }
        String name = e instanceof SdkClientException ? "SdkClientException" : e.getClass().getSimpleName();
        return new AslError(prefix + "." + name, withoutAttemptCount(e.getMessage()), e);
    }

    /** The error the service answers before any call is made (a request missing a required field). */
    public AslError serviceError(String name, String message, int status, String code) {
        return new AslError(prefix + "." + name, cause(message, status, code, null));
    }

    /**
     * A failure a service answered a call made without its SDK client (over its wire protocol): {@code exception} is
     * v1's exception name, or null for the service's base exception.
     */
    public AslError answered(String exception, String message, int status, String code, String requestId,
            Throwable origin) {
        String name = exception != null ? exception : service + "Exception";
        return new AslError(prefix + "." + name, cause(message, status, code, requestId), origin);
    }

    /** v1's AmazonServiceException.getMessage(). */
    private String cause(String message, int status, String code, String requestId) {
        return message + " (Service: " + service + "; Status Code: " + status + "; Error Code: " + code
                + "; Request ID: " + requestId + "; Proxy: null)";
    }

    /** v2 appends the number of attempts, which v1's messages (and so AWS's causes) do not have. */
    private static String withoutAttemptCount(String message) {
        return message == null ? null : message.replaceFirst(" \\(SDK Attempt Count: \\d+\\)$", "");
    }
}
