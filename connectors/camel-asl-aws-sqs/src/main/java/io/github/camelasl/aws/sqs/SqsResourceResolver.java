package io.github.camelasl.aws.sqs;

import io.github.camelasl.aws.Arn;
import io.github.camelasl.resource.ResourceResolver;
import java.util.Optional;
import org.apache.camel.CamelContext;

/** {@code arn:aws:states:::sqs:sendMessage} (any partition) runs on {@code asl-aws-sqs:sendMessage}. */
public final class SqsResourceResolver implements ResourceResolver {

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        return Arn.parse(resource)
                .flatMap(Arn::integration)
                .filter(("sqs:" + SqsEndpoint.SEND_MESSAGE)::equals)
                .map(integration -> "asl-aws-sqs:" + SqsEndpoint.SEND_MESSAGE);
    }
}
