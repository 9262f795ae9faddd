package io.github.camelasl.store;

import java.time.Instant;
import java.util.Objects;

/** An activity created through the Step Functions API (CreateActivity), as a store keeps it across a restart. */
public record StoredActivity(String activityArn, String name, Instant creationDate) {

    public StoredActivity {
        Objects.requireNonNull(activityArn, "activityArn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(creationDate, "creationDate");
    }
}
