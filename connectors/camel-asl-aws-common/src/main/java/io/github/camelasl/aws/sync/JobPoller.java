package io.github.camelasl.aws.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a {@code .sync} Task follows one kind of job of one service (a Glue job run, a Batch job, an ECS task, ...):
 * start it, describe it, read the description, stop it. {@link SyncJobs} drives it. The methods call the service;
 * they throw what the connector names for the Task ({@link io.github.camelasl.engine.AslError}, e.g.
 * {@code Glue.EntityNotFoundException}) and may let a throttled call's SDK exception through, which the driver
 * retries.
 */
public interface JobPoller {

    /** Where a job is, as the driver reads it from a description. */
    enum JobState {
        RUNNING, SUCCEEDED, FAILED
    }

    /**
     * Starts the job the Task's request describes. The result is TaskSubmitted's output (the start call's response
     * as Step Functions renders it) and all that {@link #describe} and {@link #stop} need, since a resumed Task has
     * only it.
     */
    ObjectNode start(JsonNode request);

    /** The job's description now (the service's describe call), for {@link #state} and {@link #output}. */
    JsonNode describe(JsonNode submitted);

    JobState state(JsonNode description);

    /** The Task's result when the job succeeded, and the cause (as JSON text) of States.TaskFailed when it failed. */
    JsonNode output(JsonNode description);

    /** Stops the job: the Task timed out or its execution stopped, as AWS stops it. */
    void stop(JsonNode submitted);
}
