package io.github.camelasl.aws.sqs;

import io.github.camelasl.aws.V1ErrorNames;
import io.github.camelasl.engine.AslError;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** Failed SQS calls named as Step Functions names them ({@code SQS.QueueDoesNotExistException}, ...). */
final class SqsErrors {

    private static final V1ErrorNames NAMES = new V1ErrorNames("SQS", "AmazonSQS", SqsException.class);

    private SqsErrors() {
    }

    static AslError from(SdkException e) {
        return NAMES.from(e);
    }

    /** What SQS answers a request without a required parameter. */
    static AslError missingParameter(String name) {
        return NAMES.serviceError("AmazonSQSException", "The request must contain the parameter " + name + ".", 400,
                "MissingParameter");
    }
}
