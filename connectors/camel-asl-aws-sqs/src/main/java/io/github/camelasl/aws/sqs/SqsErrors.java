package io.github.camelasl.aws.sqs;

import io.github.camelasl.engine.AslError;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Failed SQS calls named as Step Functions names them: "SQS." and the exception's name in the AWS SDK for Java
 * v1 that Step Functions runs on ({@code SQS.QueueDoesNotExistException}; v2's base {@code SqsException} is v1's
 * {@code AmazonSQSException}), with that SDK's cause text, so Retry and Catch written for AWS match.
 */
final class SqsErrors {

    private static final String PREFIX = "SQS.";
    private static final String SERVICE = "AmazonSQS";

    private SqsErrors() {
    }

    static AslError from(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String name = service.getClass() == SqsException.class ? "AmazonSQSException"
                    : service.getClass().getSimpleName();
            AwsErrorDetails details = service.awsErrorDetails();
            String message = details != null && details.errorMessage() != null ? details.errorMessage()
                    : service.getMessage();
            String code = details != null ? details.errorCode() : null;
            return new AslError(PREFIX + name, cause(message, service.statusCode(), code, service.requestId()), e);
        }
        String name = e instanceof SdkClientException ? "SdkClientException" : e.getClass().getSimpleName();
        return new AslError(PREFIX + name, withoutAttemptCount(e.getMessage()), e);
    }

    /** What SQS answers a request without a required parameter. */
    static AslError missingParameter(String name) {
        return new AslError(PREFIX + "AmazonSQSException",
                cause("The request must contain the parameter " + name + ".", 400, "MissingParameter", null));
    }

    /** v1's AmazonServiceException.getMessage(). */
    private static String cause(String message, int status, String code, String requestId) {
        return message + " (Service: " + SERVICE + "; Status Code: " + status + "; Error Code: " + code
                + "; Request ID: " + requestId + "; Proxy: null)";
    }

    /** v2 appends the number of attempts, which v1's messages (and so AWS's causes) do not have. */
    private static String withoutAttemptCount(String message) {
        return message == null ? null : message.replaceFirst(" \\(SDK Attempt Count: \\d+\\)$", "");
    }
}
