package io.github.camelasl.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An alias of a state machine created through the Step Functions API (CreateStateMachineAlias), as a store keeps it:
 * its state machine's ARN and its name (its ARN is the two joined by ':'), its description (null when none), the one
 * or two versions it routes to with their weights, when it was created and last updated.
 */
public record StoredStateMachineAlias(String stateMachineArn, String name, String description, List<Route> routes,
        Instant creationDate, Instant updateDate) {

    /** A version the alias routes to, by ARN, and the percentage of executions it gets. */
    public record Route(String versionArn, int weight) {
        public Route {
            Objects.requireNonNull(versionArn, "versionArn");
        }
    }

    public StoredStateMachineAlias {
        Objects.requireNonNull(stateMachineArn, "stateMachineArn");
        Objects.requireNonNull(name, "name");
        routes = List.copyOf(routes);
        Objects.requireNonNull(creationDate, "creationDate");
        Objects.requireNonNull(updateDate, "updateDate");
    }
}
