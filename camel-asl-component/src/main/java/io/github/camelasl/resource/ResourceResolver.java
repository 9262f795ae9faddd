package io.github.camelasl.resource;

import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * Maps a Task's {@code Resource} to the Camel endpoint URI that does the work. The AWS connectors and user
 * mappings (ARN pattern to URI) are resolvers; put one in the Camel registry and the component uses it.
 */
@FunctionalInterface
public interface ResourceResolver {

    /** The endpoint URI for {@code resource}, or empty when this resolver does not know it. */
    Optional<String> resolve(String resource, CamelContext camelContext);
}
