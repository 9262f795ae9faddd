package io.github.camelasl.aws.sdk;

import io.github.camelasl.engine.AslError;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Failed SDK calls named as Step Functions names them for SDK integrations: the v2 client's service name, a dot and
 * the v2 exception's simple name ({@code DynamoDb.ResourceNotFoundException}, {@code Sfn.InvalidTokenException};
 * an error the model does not know is the service's base exception, {@code DynamoDb.DynamoDbException}), with the
 * SDK's message as cause ({@code Requested resource not found (Service: DynamoDb, Status Code: 400, Request ID:
 * ...)}). A call that got no answer is {@code <Service>.SdkClientException}.
 */
final class SdkErrors {

    /**
     * The services whose causes AWS records with the SDK's "(SDK Attempt Count: n)" tail: Step Functions' own
     * (corpus test_sfn_send_task_outcome_with_no_such_token); DynamoDB's and S3's recorded causes have none. AWS-side
     * behaviour we only mirror.
     */
    private static final Set<String> KEEP_ATTEMPT_COUNT = Set.of("Sfn");

    private SdkErrors() {
    }

    /** {@code serviceName}: the v2 client's service name, for a call that failed before any answer. */
    static AslError from(SdkException e, String serviceName) {
        String service = serviceName;
        if (e instanceof AwsServiceException aws) {
            AwsErrorDetails details = aws.awsErrorDetails();
            if (details != null && details.serviceName() != null) {
                service = details.serviceName();
            }
        }
        String name = e instanceof SdkClientException ? "SdkClientException" : e.getClass().getSimpleName();
        String cause = KEEP_ATTEMPT_COUNT.contains(service) ? e.getMessage() : withoutAttemptCount(e.getMessage());
        return new AslError(service + "." + name, cause, e);
    }

    /** The SDK appends the number of attempts, which most of AWS's causes do not have. */
    static String withoutAttemptCount(String message) {
        return message == null ? null : message.replaceFirst(" ?\\(SDK Attempt Count: \\d+\\)$", "");
    }
}
