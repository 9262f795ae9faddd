package io.github.camelasl.aws.apigateway;

import io.github.camelasl.engine.AslError;
import io.github.camelasl.http.HttpReply;
import java.nio.charset.StandardCharsets;

/**
 * {@code apigateway:invoke}'s errors, as "Call API Gateway with Step Functions" (Error handling) names them:
 * {@code ApiGateway.<HTTP Status Code>} with the response body as cause, or {@code ApiGateway.<Exception>} when
 * there is no status.
 */
final class ApiGatewayErrors {

    static final String PREFIX = "ApiGateway.";

    private ApiGatewayErrors() {
    }

    static AslError status(HttpReply reply) {
        return new AslError(PREFIX + reply.statusCode(), new String(reply.body(), StandardCharsets.UTF_8));
    }

    /** No status: named for the exception under the failure ({@code ApiGateway.SocketTimeoutException}, ...). */
    static AslError exception(Throwable failure, String message) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new AslError(PREFIX + root.getClass().getSimpleName(), message);
    }
}
