package io.github.camelasl.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A version of a state machine created through the Step Functions API (PublishStateMachineVersion), as a store keeps
 * it: its state machine's ARN and its number (its ARN is the two joined by ':'), the definition and role it was
 * published with, its description (null when none), and when it was published.
 */
public record StoredStateMachineVersion(String stateMachineArn, int number, String definition, String roleArn,
        String description, Instant creationDate) {

    public StoredStateMachineVersion {
        Objects.requireNonNull(stateMachineArn, "stateMachineArn");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(creationDate, "creationDate");
        if (number < 1) {
            throw new IllegalArgumentException("a version's number is from 1, but was " + number);
        }
    }
}
