package io.github.camelasl.aws.s3;

import io.github.camelasl.engine.AslError;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Failed S3 calls named as Step Functions' SDK integration names them: "S3." and the AWS SDK for Java v2
 * exception's name ({@code S3.NoSuchKeyException}, {@code S3.NoSuchBucketException}, {@code S3.S3Exception} for
 * the others S3 answers), with that SDK's message as cause ({@code The specified bucket does not exist (Service:
 * S3, Status Code: 404, Request ID: ..., Extended Request ID: ...)}), so Retry and Catch written for AWS match.
 */
final class S3Errors {

    private static final String PREFIX = "S3.";

    private S3Errors() {
    }

    static AslError from(SdkException e) {
        String name = e instanceof SdkClientException ? "SdkClientException" : e.getClass().getSimpleName();
        return new AslError(PREFIX + name, withoutAttemptCount(e.getMessage()), e);
    }

    /** The SDK appends the number of attempts, which AWS's causes do not have. */
    static String withoutAttemptCount(String message) {
        return message == null ? null : message.replaceFirst(" ?\\(SDK Attempt Count: \\d+\\)$", "");
    }
}
