package io.github.camelasl.aws.sns;

import io.github.camelasl.engine.AslError;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * Failed SNS calls named as Step Functions names them: "SNS." and the exception's name in the AWS SDK for Java
 * v1 that Step Functions runs on ({@code SNS.NotFoundException}; v2's base {@code SnsException} is v1's
 * {@code AmazonSNSException}), with that SDK's cause text, so Retry and Catch written for AWS match.
 */
final class SnsErrors {

    private static final String PREFIX = "SNS.";
    private static final String SERVICE = "AmazonSNS";

    private SnsErrors() {
    }

    static AslError from(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String name = service.getClass() == SnsException.class ? "AmazonSNSException"
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

    /** What SNS answers a Publish without a destination. */
    static AslError noDestination() {
        return new AslError(PREFIX + "InvalidParameterException", cause(
                "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter", 400,
                "InvalidParameter", null));
    }

    /** What SNS answers a Publish without a Message. */
    static AslError noMessage() {
        return new AslError(PREFIX + "AmazonSNSException", cause("1 validation error detected: Value null at "
                + "'message' failed to satisfy constraint: Member must not be null", 400, "ValidationError", null));
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
