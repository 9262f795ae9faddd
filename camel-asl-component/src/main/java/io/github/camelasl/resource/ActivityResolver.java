package io.github.camelasl.resource;

import io.github.camelasl.ActivityEndpoint;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * An activity ({@code arn:aws:states:REGION:ACCOUNT:activity:NAME}) is the queue its workers take tasks from:
 * {@code from("asl:activity:NAME")} (see ActivityEndpoint).
 */
public final class ActivityResolver implements ResourceResolver {

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        if (resource == null || !resource.matches("arn:[^:]+:states:[^:]*:[^:]*:activity:.+")) {
            return Optional.empty();
        }
        return Optional.of(ActivityEndpoint.queueUri(resource.substring(resource.indexOf(":activity:") + 10)));
    }
}
