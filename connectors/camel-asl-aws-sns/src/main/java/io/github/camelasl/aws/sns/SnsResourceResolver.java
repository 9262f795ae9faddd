package io.github.camelasl.aws.sns;

import io.github.camelasl.aws.Arn;
import io.github.camelasl.resource.ResourceResolver;
import java.util.Optional;
import org.apache.camel.CamelContext;

/** {@code arn:aws:states:::sns:publish} (any partition) runs on {@code asl-aws-sns:publish}. */
public final class SnsResourceResolver implements ResourceResolver {

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        return Arn.parse(resource)
                .flatMap(Arn::integration)
                .filter(("sns:" + SnsEndpoint.PUBLISH)::equals)
                .map(integration -> "asl-aws-sns:" + SnsEndpoint.PUBLISH);
    }
}
