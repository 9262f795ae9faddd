package io.github.camelasl.aws.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import io.github.camelasl.engine.TaskCompletions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The {@code .sync} Tasks of one connector: starts a Task's job (the endpoint's reply is TaskSubmitted's output),
 * then describes it on the connector's scheduler, backing off, until it ends, and ends the Task through
 * {@link TaskCompletions}: the job's output, or {@code States.TaskFailed} with the description as cause. A Task
 * that stops waiting otherwise (its TimeoutSeconds or HeartbeatSeconds, its execution stopped, a failed sibling)
 * stops the job, as AWS does; one answered by SendTaskSuccess/Failure leaves it running, as AWS does. A Task
 * resumed after a restart follows the job it started. Throttled describe calls are tried again at the next poll.
 * No thread is held between polls.
 */
public final class SyncJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncJobs.class);
    /** The ends on which AWS stops the job (SendTask* answers leave it running). */
    private static final Set<String> STOPS_THE_JOB = Set.of(TaskCompletions.TIMED_OUT,
            TaskCompletions.HEARTBEAT_TIMED_OUT, TaskCompletions.EXECUTION_ENDED, TaskCompletions.RUN_STOPPED);

    private final TaskCompletions completions;
    private final ScheduledExecutorService scheduler;
    private final PollSchedule schedule;
    private final Map<String, Follow> following = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public SyncJobs(TaskCompletions completions, ScheduledExecutorService scheduler, PollSchedule schedule) {
        this.completions = completions;
        this.scheduler = scheduler;
        this.schedule = schedule;
    }

    /**
     * A {@code .sync} Task's call: starts the job its {@code request} describes, or, {@code resumed} after a
     * restart, follows the job its recorded TaskSubmitted output ({@code request} then) names. Returns the reply.
     */
    public JsonNode submit(String token, boolean resumed, JsonNode request, JobPoller poller) {
        if (token == null || token.isEmpty()) {
            throw new IllegalStateException("a .sync job needs the Task's token (header CamelAslTaskToken): only a "
                    + "Task whose Resource ends in .sync runs it");
        }
        JsonNode submitted = resumed ? request : poller.start(request);
        Follow follow = new Follow(token, poller, submitted);
        following.put(token, follow);
        completions.onEnd(token, follow::ended);
        follow.schedule(schedule.initial());
        return submitted;
    }

    /** How many jobs are followed now. */
    public int following() {
        return following.size();
    }

    /** Stops following (the jobs go on: a durable execution resumed later follows them again). */
    @Override
    public void close() {
        closed = true;
        following.values().forEach(Follow::cancel);
        following.clear();
    }

    /** True when {@code e} (or what it wraps) is a call the service throttled. */
    static boolean throttled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SdkServiceException service && service.isThrottlingException()) {
                return true;
            }
        }
        return false;
    }

    /** One Task's job. */
    private final class Follow {

        private final String token;
        private final JobPoller poller;
        private final JsonNode submitted;
        private Duration wait;
        private ScheduledFuture<?> next;
        private boolean over;

        Follow(String token, JobPoller poller, JsonNode submitted) {
            this.token = token;
            this.poller = poller;
            this.submitted = submitted;
        }

        synchronized void schedule(Duration after) {
            if (over || closed) {
                return;
            }
            wait = after;
            try {
                next = scheduler.schedule(this::poll, after.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                over = true; // the connector is stopping
            }
        }

        private void poll() {
            synchronized (this) {
                if (over) {
                    return;
                }
            }
            if (!completions.waiting(token)) {
                finish(); // ended elsewhere; its end listener decides about the job
                return;
            }
            JsonNode description;
            try {
                description = poller.describe(submitted);
            } catch (RuntimeException e) {
                if (throttled(e)) {
                    schedule(schedule.next(wait));
                } else if (e instanceof AslError error) {
                    end(() -> completions.fail(token, error.error(), error.cause()));
                } else {
                    LOG.warn("Describing the job of task token {} failed", token, e);
                    end(() -> completions.fail(token, ErrorNames.RUNTIME, "describing the job failed: "
                            + e.getMessage()));
                }
                return;
            }
            switch (poller.state(description)) {
                case RUNNING -> schedule(schedule.next(wait));
                case SUCCEEDED -> end(() -> completions.succeed(token, poller.output(description)));
                case FAILED -> end(() -> completions.fail(token, "States.TaskFailed",
                        Json.write(poller.output(description))));
            }
        }

        /** Ends the Task: unless something else ended it first, which then told {@link #ended}. */
        private void end(Runnable completion) {
            if (!finish()) {
                return;
            }
            try {
                completion.run();
            } catch (AslError gone) {
                // TaskDoesNotExist: the Task ended meanwhile
            }
        }

        /** Marks it over; false when it already was. */
        private synchronized boolean finish() {
            following.remove(token, this);
            if (over) {
                return false;
            }
            over = true;
            return true;
        }

        synchronized void cancel() {
            over = true;
            if (next != null) {
                next.cancel(false);
            }
        }

        /** The Task stopped waiting for another reason than this job's end. */
        void ended(String reason) {
            if (closed) {
                return; // the app stops: the job goes on, and a resumed execution follows it again
            }
            cancel();
            following.remove(token, this);
            if (STOPS_THE_JOB.contains(reason)) {
                try {
                    scheduler.execute(this::stopJob);
                } catch (RejectedExecutionException e) {
                    stopJob();
                }
            }
        }

        private void stopJob() {
            try {
                poller.stop(submitted);
            } catch (RuntimeException e) {
                LOG.warn("Stopping the job of task token {} failed: {}", token, e.toString());
            }
        }
    }
}
