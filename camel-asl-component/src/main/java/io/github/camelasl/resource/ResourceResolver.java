package io.github.camelasl.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * Maps a Task's {@code Resource} to the Camel endpoint URI that does the work. The AWS connectors and user
 * mappings (ARN pattern to URI) are resolvers; put one in the Camel registry and the component uses it.
 */
@FunctionalInterface
public interface ResourceResolver {

    /**
     * The endpoint URI for {@code resource}, or empty when this resolver does not know it. Text taken from the
     * Resource goes into the URI only as {@link UriSafeText} allows, so a Resource cannot add options to it.
     *
     * @throws ResourceRefusedException when this resolver knows the Resource but will not run it (a part that would
     *                                  change the URI, an ARN of its kind that is not valid); validation reports why
     */
    Optional<String> resolve(String resource, CamelContext camelContext);

    /**
     * Checks, at deployment, a Task state whose {@code resource} this resolver resolves: required parameters
     * missing from its literal {@code Parameters} or {@code Arguments}, for example. Validation reports each
     * problem as AWS's SCHEMA_VALIDATION_FAILED. Called only when {@link #resolve} gives this resolver's URI for
     * the resource; {@code taskState} is the state's JSON object as written. None by default.
     */
    default List<ResourceProblem> check(String resource, JsonNode taskState) {
        return List.of();
    }

    /**
     * {@link #check(String, JsonNode)} for a resolver that needs the application's configuration to judge the state
     * (the HTTP Task's allowed endpoints and connections, for example). Calls the two-argument check by default.
     */
    default List<ResourceProblem> check(String resource, JsonNode taskState, CamelContext camelContext) {
        return check(resource, taskState);
    }

    /**
     * Where a connector found by {@link java.util.ServiceLoader} stands among the others: higher first, so a
     * connector dedicated to a service (S3's {@code aws-sdk:s3:*} actions) wins over a generic one that answers the
     * same ARN (the SDK bridge, -100). Equal priorities keep the ServiceLoader's order. Other resolvers are tried in
     * the order the chain gives them.
     */
    default int priority() {
        return 0;
    }
}
