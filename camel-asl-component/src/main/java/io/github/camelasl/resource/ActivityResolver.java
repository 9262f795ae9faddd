package io.github.camelasl.resource;

import io.github.camelasl.ActivityEndpoint;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;

/**
 * An activity ({@code arn:aws:states:REGION:ACCOUNT:activity:NAME}) is the queue its workers take tasks from:
 * {@code from("asl:activity:NAME")} (see ActivityEndpoint). The name goes into the queue's URI, so it may hold
 * only what {@link UriSafeText} allows.
 */
public final class ActivityResolver implements ResourceResolver {

    /** DOTALL: a name with a line break is still an activity's, refused by name rather than unrecognized. */
    private static final Pattern ACTIVITY_ARN = Pattern.compile("arn:[^:]+:states:[^:]*:[^:]*:activity:.+",
            Pattern.DOTALL);

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        if (resource == null || !ACTIVITY_ARN.matcher(resource).matches()) {
            return Optional.empty();
        }
        String name = resource.substring(resource.indexOf(":activity:") + 10);
        return Optional.of(ActivityEndpoint.queueUri(UriSafeText.require(resource, "activity name", name,
                "run as an activity")));
    }
}
