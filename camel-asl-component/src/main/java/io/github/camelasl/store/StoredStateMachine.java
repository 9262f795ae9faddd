package io.github.camelasl.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A state machine created through the Step Functions API, as a store keeps it so that it outlives a restart: its
 * ARN and name, STANDARD or EXPRESS, its role, its current definition's text, when it was created and last updated
 * (null until then). Versions (PublishStateMachineVersion) are to be kept beside it, by ARN and number.
 */
public record StoredStateMachine(String stateMachineArn, String name, String type, String roleArn, String definition,
        Instant creationDate, Instant updateDate) {

    public StoredStateMachine {
        Objects.requireNonNull(stateMachineArn, "stateMachineArn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(creationDate, "creationDate");
    }
}
