package io.github.camelasl.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.camelasl.history.HistoryEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where executions live. Every state boundary of every execution goes through here, so a durable store
 * plugs in behind this interface without touching the routes.
 */
public interface ExecutionStore extends AutoCloseable {

    /** Records a new execution; returns the existing one when an execution of that ARN exists already. */
    ExecutionRecord create(ExecutionRecord record);

    /** Records that a (sub-)machine scope moved to {@code stateName} with {@code input}. */
    void checkpoint(String executionArn, Checkpoint checkpoint);

    /** Records a history event ({@link HistoryEvent#toJson()} renders it in AWS's shape). */
    void appendEvent(String executionArn, HistoryEvent event);

    /**
     * The per-boundary calls (checkpoint, appendEvent) for one execution, bound to it once: a store can then
     * skip finding the execution on every state boundary. By default they call this store with the ARN.
     */
    default Recorder recorder(String executionArn) {
        return new Recorder() {
            @Override
            public void checkpoint(Checkpoint checkpoint) {
                ExecutionStore.this.checkpoint(executionArn, checkpoint);
            }

            @Override
            public void appendEvent(HistoryEvent event) {
                ExecutionStore.this.appendEvent(executionArn, event);
            }
        };
    }

    /** What an execution writes at its state boundaries. */
    interface Recorder {
        /** Returns once the checkpoint (and every event appended before it) is as safe as the store makes it. */
        void checkpoint(Checkpoint checkpoint);

        /**
         * A checkpoint that may still be on its way when this returns: the next {@link #checkpoint} (or the end)
         * makes it durable, with everything before it, in order. For a boundary into a state that only moves
         * data (Pass, Choice, Succeed, Fail): until a state calls out, waits or ends, nothing outside has seen
         * the transition, and after a crash the execution redoes it from the checkpoint before.
         */
        default void checkpointDeferred(Checkpoint checkpoint) {
            checkpoint(checkpoint);
        }

        void appendEvent(HistoryEvent event);

        /** Keeps nothing: for executions the store does not hold, and for EXPRESS ones. */
        Recorder NOWHERE = new Recorder() {
            @Override
            public void checkpoint(Checkpoint checkpoint) {
            }

            @Override
            public void appendEvent(HistoryEvent event) {
            }
        };
    }

    /**
     * Records the end of an execution. Its last top-level checkpoint is kept unless it SUCCEEDED: a redrive goes
     * on from there.
     */
    void complete(ExecutionRecord finished);

    /**
     * Marks a FAILED, TIMED_OUT or ABORTED execution RUNNING again for a redrive ({@link ExecutionRecord#redriven});
     * returns the record as it now is, or empty when there is no such execution or it is not in one of those
     * states (then nothing changes).
     */
    Optional<ExecutionRecord> redrive(String executionArn, Instant redriveDate);

    Optional<ExecutionRecord> find(String executionArn);

    /**
     * The executions named {@code executionName}, of any state machine (a name is unique per state machine, as in
     * AWS), by ARN; found without reading every execution.
     */
    List<ExecutionRecord> findByName(String executionName);

    Collection<ExecutionRecord> list();

    /**
     * A page of {@code stateMachineArn}'s executions (of {@code status} only, unless it is null), newest first (by
     * start date, then ARN, descending), from after {@code after} (from the newest when null), at most {@code limit}.
     * A durable store answers from an index, in time that does not grow with the executions it holds.
     */
    default ExecutionSummary.Page executions(String stateMachineArn, io.github.camelasl.engine.ExecutionStatus status,
            ExecutionSummary.Cursor after, int limit) {
        return ExecutionSummary.Page.of(list().stream()
                .filter(r -> r.stateMachineArn().equals(stateMachineArn))
                .filter(r -> status == null || r.status() == status)
                .map(ExecutionSummary::of), after, limit);
    }

    /** The history events recorded for an execution, in AWS's shape, oldest first. */
    List<JsonNode> events(String executionArn);

    /**
     * A page of the executions of every state machine that {@code filter} lets through, in {@code sort}'s order,
     * from after {@code after} (from the first when null), at most {@code limit}: the console's list. A durable store
     * answers the first pages from an index.
     */
    default ExecutionListing.Page listExecutions(ExecutionListing.Filter filter, ExecutionListing.Sort sort,
            ExecutionListing.Cursor after, int limit) {
        return ExecutionListing.Page.of(list().stream().map(this::listing), filter, sort, after, limit);
    }

    /** The listing of a record: its failed state read from its events when it failed. */
    private ExecutionListing listing(ExecutionRecord record) {
        return ExecutionListing.of(record, ExecutionListing.failed(record.status())
                ? ExecutionListing.failedStateOf(events(record.executionArn())) : null);
    }

    /** How many executions started in [{@code from}, {@code to}) each state machine has, by status. */
    default List<ExecutionListing.Counts> countsByStateMachine(Instant from, Instant to) {
        java.util.Map<String, java.util.Map<io.github.camelasl.engine.ExecutionStatus, Long>> counts =
                new java.util.TreeMap<>();
        for (ExecutionRecord r : list()) {
            if (!r.startDate().isBefore(from) && r.startDate().isBefore(to)) {
                counts.computeIfAbsent(r.stateMachineArn(),
                        arn -> new java.util.EnumMap<>(io.github.camelasl.engine.ExecutionStatus.class))
                        .merge(r.status(), 1L, Long::sum);
            }
        }
        return counts.entrySet().stream().map(e -> new ExecutionListing.Counts(e.getKey(), e.getValue())).toList();
    }

    /**
     * The FAILED and TIMED_OUT executions that stopped in [{@code from}, {@code to}) (of {@code stateMachineArn} only,
     * unless it is null), grouped by state machine, failed state and error, the largest groups first, at most
     * {@code limit} groups.
     */
    default List<ExecutionListing.FailureGroup> failureGroups(Instant from, Instant to, String stateMachineArn,
            int limit) {
        return ExecutionListing.FailureGroup.of(list().stream().map(this::listing), from, to, stateMachineArn, limit);
    }

    /**
     * The events of an execution after the one of id {@code afterId}, oldest first, at most {@code limit}: what a
     * live viewer has not seen yet. A durable store reads them from its index by execution and id.
     */
    default List<JsonNode> eventsAfter(String executionArn, long afterId, int limit) {
        return events(executionArn).stream().filter(e -> e.path("id").asLong() > afterId).limit(limit).toList();
    }

    /** The last checkpoint of the execution's top-level scope, while it runs. */
    Optional<Checkpoint> lastCheckpoint(String executionArn);

    /**
     * True when what this store holds outlives the JVM: the component then resumes the RUNNING executions it
     * finds in it when their state machine is deployed.
     */
    default boolean durable() {
        return false;
    }

    /** The RUNNING executions of a state machine: after a restart, those to resume. */
    default List<ExecutionRecord> unfinished(String stateMachineArn) {
        return list().stream()
                .filter(r -> r.status() == io.github.camelasl.engine.ExecutionStatus.RUNNING
                        && r.stateMachineArn().equals(stateMachineArn))
                .toList();
    }

    /**
     * The RUNNING executions of a state machine (of every one when {@code stateMachineArn} is null), to resume.
     * One the store cannot read back whole is handed to {@code unreadable} instead of being returned, so that one
     * bad row keeps no other execution from resuming.
     */
    default List<ExecutionRecord> unfinished(String stateMachineArn,
            java.util.function.Consumer<Unreadable> unreadable) {
        return list().stream()
                .filter(r -> r.status() == io.github.camelasl.engine.ExecutionStatus.RUNNING
                        && (stateMachineArn == null || r.stateMachineArn().equals(stateMachineArn)))
                .toList();
    }

    /** A RUNNING execution whose record cannot be read back: its ARN, and what is wrong with it. */
    record Unreadable(String executionArn, String stateMachineArn, String problem) {
    }

    /**
     * Keeps a state machine created (or updated) through the Step Functions API, replacing the one of its ARN. A
     * store that keeps none (the default) leaves them to live in memory only, forgotten on a restart.
     */
    default void putStateMachine(StoredStateMachine stateMachine) {
    }

    /** Forgets the state machine of {@code stateMachineArn}, its versions and aliases (its executions stay). */
    default void deleteStateMachine(String stateMachineArn) {
    }

    /** The state machines kept by {@link #putStateMachine}, oldest first: those to deploy again on a restart. */
    default List<StoredStateMachine> stateMachines() {
        return List.of();
    }

    /**
     * Marks a kept state machine as being deleted (DeleteStateMachine while some of its executions run), until
     * {@link #deleteStateMachine} forgets it: a restart resumes its executions and then deletes it.
     */
    default void markStateMachineDeleting(String stateMachineArn) {
    }

    /** The ARNs marked by {@link #markStateMachineDeleting} and not deleted since. */
    default java.util.Set<String> deletingStateMachines() {
        return java.util.Set.of();
    }

    /**
     * Keeps a version of a state machine kept by {@link #putStateMachine} (PublishStateMachineVersion), replacing
     * the one of its number. A store that keeps none (the default) leaves versions to live in memory only.
     */
    default void putStateMachineVersion(StoredStateMachineVersion version) {
    }

    /** Forgets a version; its number is not given again ({@link #lastStateMachineVersionNumber}). */
    default void deleteStateMachineVersion(String stateMachineArn, int number) {
    }

    /** The versions kept, of every state machine, each state machine's oldest first. */
    default List<StoredStateMachineVersion> stateMachineVersions() {
        return List.of();
    }

    /** The highest number a version of the state machine was kept with, deleted ones too: 0 when none. */
    default int lastStateMachineVersionNumber(String stateMachineArn) {
        return 0;
    }

    /** Keeps an alias of a state machine kept by {@link #putStateMachine}, replacing the one of its name. */
    default void putStateMachineAlias(StoredStateMachineAlias alias) {
    }

    default void deleteStateMachineAlias(String stateMachineArn, String name) {
    }

    /** The aliases kept, of every state machine. */
    default List<StoredStateMachineAlias> stateMachineAliases() {
        return List.of();
    }

    /**
     * The version of a state machine an execution runs and the alias that chose it, when it was started on a version
     * or alias ARN (DescribeExecution's stateMachineVersionArn and stateMachineAliasArn).
     *
     * @param versionArn the version it runs
     * @param aliasArn   the alias it was started through, or null when it was started on the version's ARN
     */
    record StartedThrough(String versionArn, String aliasArn) {
        public StartedThrough {
            java.util.Objects.requireNonNull(versionArn, "versionArn");
        }
    }

    /**
     * Keeps the version and alias an execution kept by {@link #create} was started through; a second call for the
     * same execution changes nothing. A store that keeps none (the default) forgets them.
     */
    default void putStartedThrough(String executionArn, StartedThrough startedThrough) {
    }

    /** Those of {@code executionArns} that were started through a version or alias, with them. */
    default java.util.Map<String, StartedThrough> startedThrough(Collection<String> executionArns) {
        return java.util.Map.of();
    }

    /**
     * A page, as {@link #executions} gives them, of the executions {@link #putStartedThrough} kept with
     * {@code versionOrAliasArn}: of a version ARN, those that ran the version (started on it, or through an alias
     * that picked it); of an alias ARN, those started through the alias. A durable store answers from an index of
     * those executions, without reading the others.
     */
    default ExecutionSummary.Page executionsStartedThrough(String versionOrAliasArn,
            io.github.camelasl.engine.ExecutionStatus status, ExecutionSummary.Cursor after, int limit) {
        Collection<ExecutionRecord> all = list();
        java.util.Map<String, StartedThrough> through = startedThrough(all.stream()
                .map(ExecutionRecord::executionArn).toList());
        return ExecutionSummary.Page.of(all.stream()
                .filter(r -> status == null || r.status() == status)
                .filter(r -> {
                    StartedThrough started = through.get(r.executionArn());
                    return started != null && (versionOrAliasArn.equals(started.versionArn())
                            || versionOrAliasArn.equals(started.aliasArn()));
                })
                .map(ExecutionSummary::of), after, limit);
    }

    /**
     * Keeps an activity created through the Step Functions API, replacing the one of its ARN. A store that keeps
     * none (the default) leaves them to live in memory only, forgotten on a restart.
     */
    default void putActivity(StoredActivity activity) {
    }

    default void deleteActivity(String activityArn) {
    }

    /** The activities kept by {@link #putActivity}. */
    default List<StoredActivity> activities() {
        return List.of();
    }

    /**
     * Keeps the tags of a state machine or activity created through the API (key to value, in their order),
     * replacing those it had; none (an empty map) is kept too: the resource is known to have none.
     */
    default void putTags(String resourceArn, java.util.Map<String, String> tags) {
    }

    /** Forgets a resource's tags (it was deleted). */
    default void deleteTags(String resourceArn) {
    }

    /** The tags kept by {@link #putTags}, by resource ARN, each in its order. */
    default java.util.Map<String, java.util.Map<String, String>> tags() {
        return java.util.Map.of();
    }

    /**
     * Keeps a Distributed Map run (DescribeMapRun's shape), replacing the one of its ARN: written when it starts, when
     * UpdateMapRun changes it and when it ends. A store that keeps none (the default) forgets them.
     */
    default void putMapRun(StoredMapRun mapRun) {
    }

    /** The map run of that ARN, as {@link #putMapRun} last kept it. */
    default Optional<StoredMapRun> mapRun(String mapRunArn) {
        return Optional.empty();
    }

    /** The map runs of an execution, in the order they started (ListMapRuns). */
    default List<StoredMapRun> mapRuns(String executionArn) {
        return List.of();
    }

    /** Step caching (see StepCaching): the result recorded under {@code key}, if any. */
    default Optional<JsonNode> cachedResult(String key) {
        return Optional.empty();
    }

    /** Step caching: records a state's successful result under {@code key}. A store may keep only so many. */
    default void cacheResult(String key, String stateMachineArn, String stateName, JsonNode result) {
    }

    /**
     * After a {@link RefusedWriteException}: drops what of the execution is not committed yet (the events and
     * boundaries the store refused or would refuse again) and takes its writes again, so that it can be ended
     * FAILED after its last committed boundary. A store that refuses no execution's data has nothing to drop.
     */
    default void discardUncommitted(String executionArn) {
    }

    @Override
    default void close() {
    }

    /**
     * A state boundary: which scope (a JSON pointer of the (sub-)machine) is entering which state, with what a
     * resume needs: the variables, the time a Wait (or a retry's back-off) ends, the token a callback Task waits
     * for, the attempts its retriers have made ({@code retryAttempts}, by retrier; null when it is not being
     * retried), and for a Parallel or Map that failed the outputs of its runs that succeeded ({@code
     * succeededRuns}, by index, null where one did not), so that a redrive runs only the others.
     */
    record Checkpoint(String scope, String stateName, JsonNode input, long lastEventId, JsonNode variables,
            Instant waitUntil, String taskToken, JsonNode retryAttempts, ArrayNode succeededRuns) {

        /** The top-level machine's scope pointer. */
        public static final String TOP = "";

        public Checkpoint(String scope, String stateName, JsonNode input) {
            this(scope, stateName, input, 0, null, null, null, null, null);
        }

        public Checkpoint(String scope, String stateName, JsonNode input, long lastEventId, JsonNode variables,
                Instant waitUntil) {
            this(scope, stateName, input, lastEventId, variables, waitUntil, null, null, null);
        }

        /** This boundary, now parked in a Wait until {@code until}. */
        public Checkpoint waitingUntil(Instant until) {
            return new Checkpoint(scope, stateName, input, lastEventId, variables, until, taskToken, retryAttempts,
                    succeededRuns);
        }

        /** This boundary, its Task now waiting for {@code token} (its endpoint was called). */
        public Checkpoint awaitingToken(String token) {
            return new Checkpoint(scope, stateName, input, lastEventId, variables, waitUntil, token, retryAttempts,
                    succeededRuns);
        }

        /** This boundary's state failed and is retried at {@code until}, its retriers having made {@code attempts}. */
        public Checkpoint retryingAt(Instant until, JsonNode attempts) {
            return new Checkpoint(scope, stateName, input, lastEventId, variables, until, null, attempts,
                    succeededRuns);
        }

        /** This boundary's Parallel or Map failed; these of its runs succeeded. */
        public Checkpoint withSucceededRuns(ArrayNode outputs) {
            return new Checkpoint(scope, stateName, input, lastEventId, variables, waitUntil, taskToken,
                    retryAttempts, outputs);
        }
    }
}
