package io.github.camelasl.aws.s3;

import io.github.camelasl.aws.Arn;
import io.github.camelasl.resource.ResourceResolver;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * {@code arn:aws:states:::aws-sdk:s3:ACTION} (any partition) runs on {@code asl-aws-s3:ACTION} for the actions
 * the connector has; other actions and the {@code .waitForTaskToken} variants resolve to nothing, so validation
 * reports the Resource as unsupported.
 */
public final class S3ResourceResolver implements ResourceResolver {

    private static final String PREFIX = "aws-sdk:s3:";

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        return Arn.parse(resource)
                .flatMap(Arn::integration)
                .filter(integration -> integration.startsWith(PREFIX))
                .map(integration -> integration.substring(PREFIX.length()))
                .filter(S3Actions::supports)
                .map(action -> "asl-aws-s3:" + action);
    }
}
