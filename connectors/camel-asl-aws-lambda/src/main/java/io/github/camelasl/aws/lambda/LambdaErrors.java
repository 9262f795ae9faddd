package io.github.camelasl.aws.lambda;

import io.github.camelasl.engine.AslError;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * The SDK's exceptions under the names Step Functions gives them ({@code Lambda.ResourceNotFoundException},
 * {@code Lambda.TooManyRequestsException}, {@code Lambda.ServiceException}, {@code Lambda.AWSLambdaException},
 * {@code Lambda.SdkClientException}, ...), so that Retry and Catch rules written for AWS match.
 */
final class LambdaErrors {

    static final String GENERIC_SERVICE_ERROR = "Lambda.AWSLambdaException";
    static final String CLIENT_ERROR = "Lambda.SdkClientException";

    private LambdaErrors() {
    }

    /** The ASL error for a failed call; a failure that is not the SDK's is returned as it is. */
    static Throwable toAsl(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AslError) {
                return t;
            }
            if (t instanceof AwsServiceException service) {
                return new AslError(serviceErrorName(service), causeOf(service), service);
            }
            if (t instanceof SdkException client) {
                return new AslError(CLIENT_ERROR, client.getMessage(), client);
            }
        }
        return failure;
    }

    /**
     * Lambda's modelled exceptions are named after their error code; an error the SDK does not model is the
     * generic exception, which the Java SDK v1 that Step Functions uses calls AWSLambdaException.
     */
    private static String serviceErrorName(AwsServiceException e) {
        boolean modelled = e instanceof LambdaException && e.getClass() != LambdaException.class;
        return modelled ? "Lambda." + e.getClass().getSimpleName() : GENERIC_SERVICE_ERROR;
    }

    /** The message as the Java SDK v1 writes it, which is what Step Functions puts in the cause. */
    private static String causeOf(AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        String message = details == null || details.errorMessage() == null ? e.getMessage() : details.errorMessage();
        String code = details == null ? null : details.errorCode();
        return message + " (Service: AWSLambda; Status Code: " + e.statusCode() + "; Error Code: " + code
                + "; Request ID: " + e.requestId() + "; Proxy: null)";
    }
}
