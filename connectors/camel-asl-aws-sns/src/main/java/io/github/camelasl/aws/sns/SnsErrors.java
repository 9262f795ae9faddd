package io.github.camelasl.aws.sns;

import io.github.camelasl.aws.V1ErrorNames;
import io.github.camelasl.engine.AslError;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.model.SnsException;

/** Failed SNS calls named as Step Functions names them ({@code SNS.NotFoundException}, ...). */
final class SnsErrors {

    private static final V1ErrorNames NAMES = new V1ErrorNames("SNS", "AmazonSNS", SnsException.class);

    private SnsErrors() {
    }

    static AslError from(SdkException e) {
        return NAMES.from(e);
    }

    /** What SNS answers a Publish without a destination. */
    static AslError noDestination() {
        return NAMES.serviceError("InvalidParameterException",
                "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter", 400,
                "InvalidParameter");
    }

    /** What SNS answers a Publish without a Message. */
    static AslError noMessage() {
        return NAMES.serviceError("AmazonSNSException", "1 validation error detected: Value null at 'message' "
                + "failed to satisfy constraint: Member must not be null", 400, "ValidationError");
    }
}
