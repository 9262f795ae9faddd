package io.github.camelasl.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.history.ExecutionHistory;
import io.github.camelasl.history.HistoryEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store for EXPRESS executions and for tests: everything in memory, bounded so that a long-running app
 * does not grow without end. Finished executions are forgotten oldest first, once more than
 * {@code maxFinished} of them are kept or they weigh more than {@code maxFinishedItems} items: the events of
 * their histories plus the top-level elements of their inputs and outputs (a history keeps every state's input
 * and output alive, and a Map's input and output may hold 10,000 items each, so a bound on executions alone
 * would let a few long loops or wide Maps fill the heap, and the collector copy it all again and again).
 *
 * <p>The default keeps the latest 1,000 (Camel's BacklogTracer keeps as many messages): each kept execution
 * outlives a few young collections, which copy it. Keeping 10,000, W6 saw G1 young pauses of 60-230 ms about
 * every second; at 1,000 they take about 10 ms and W6 runs 1.6 times as fast.
 */
public class InMemoryExecutionStore implements ExecutionStore {

    public static final int DEFAULT_MAX_FINISHED = 1_000;
    /** The weight allowed per kept execution, on average: a 10-state run's 22 events and a few fields. */
    private static final int ITEMS_PER_FINISHED = 25;

    private final Map<String, Entry> executions = new ConcurrentHashMap<>();
    /**
     * Finished executions in the order they finished: the eviction order, without scanning the map. Lock-free:
     * every execution of every caller thread passes here as it ends, so a lock would serialise them.
     */
    private final ConcurrentLinkedQueue<Entry> finishedOrder = new ConcurrentLinkedQueue<>();
    private final int maxFinished;
    private final long maxFinishedItems;
    private final AtomicInteger finishedCount = new AtomicInteger();
    private final AtomicLong finishedItems = new AtomicLong();

    private static final class Entry implements Recorder {
        volatile ExecutionRecord record;
        volatile Checkpoint checkpoint;
        final List<HistoryEvent> events = new ArrayList<>();
        /** Its weight when it finished (see the class): what it adds to finishedItems, and takes away when it leaves. */
        volatile long weight;
        /** The version and alias it was started through, if any: forgotten with it. */
        volatile StartedThrough startedThrough;
        /** The state it failed in, set when it ends FAILED or TIMED_OUT. */
        volatile String failedState;

        Entry(ExecutionRecord record) {
            this.record = record;
        }

        @Override
        public void checkpoint(Checkpoint value) {
            if (Checkpoint.TOP.equals(value.scope())) {
                checkpoint = value;
            }
        }

        @Override
        public void appendEvent(HistoryEvent event) {
            synchronized (events) {
                events.add(event);
            }
        }

        int eventCount() {
            synchronized (events) {
                return events.size();
            }
        }
    }

    public InMemoryExecutionStore() {
        this(DEFAULT_MAX_FINISHED);
    }

    public InMemoryExecutionStore(int maxFinished) {
        this(maxFinished, (long) maxFinished * ITEMS_PER_FINISHED);
    }

    public InMemoryExecutionStore(int maxFinished, long maxFinishedItems) {
        this.maxFinished = maxFinished;
        this.maxFinishedItems = maxFinishedItems;
    }

    @Override
    public ExecutionRecord create(ExecutionRecord record) {
        return executions.computeIfAbsent(record.executionArn(), arn -> new Entry(record)).record;
    }

    @Override
    public Recorder recorder(String executionArn) {
        Entry entry = executions.get(executionArn);
        return entry != null ? entry : Recorder.NOWHERE;
    }

    @Override
    public void checkpoint(String executionArn, Checkpoint checkpoint) {
        recorder(executionArn).checkpoint(checkpoint);
    }

    @Override
    public void appendEvent(String executionArn, HistoryEvent event) {
        recorder(executionArn).appendEvent(event);
    }

    @Override
    public void complete(ExecutionRecord finished) {
        Entry entry = executions.get(finished.executionArn());
        if (entry == null) {
            return;
        }
        if (ExecutionListing.failed(finished.status())) {
            entry.failedState = failedState(entry);
        }
        entry.record = finished;
        if (finished.status() == io.github.camelasl.engine.ExecutionStatus.SUCCEEDED) {
            entry.checkpoint = null; // kept otherwise: a redrive goes on from it
        }
        entry.weight = entry.eventCount() + elements(finished.input()) + elements(finished.output());
        finishedOrder.add(entry);
        int count = finishedCount.incrementAndGet();
        long items = finishedItems.addAndGet(entry.weight);
        // whoever finds the bounds passed evicts the oldest; an entry leaves the queue once (poll or remove)
        while (count > maxFinished || (items > maxFinishedItems && count > 1)) {
            Entry oldest = finishedOrder.poll();
            if (oldest == null) {
                break;
            }
            executions.remove(oldest.record.executionArn(), oldest);
            count = finishedCount.decrementAndGet();
            items = finishedItems.addAndGet(-oldest.weight);
        }
    }

    /** A value's top-level elements: what a wide array or object costs, read without walking it. */
    private static int elements(JsonNode value) {
        return value == null ? 0 : value.isContainerNode() ? value.size() : 1;
    }

    @Override
    public Optional<ExecutionRecord> redrive(String executionArn, java.time.Instant redriveDate) {
        Entry entry = executions.get(executionArn);
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) { // two redrives of one execution: one wins
            if (!entry.record.redrivable()) {
                return Optional.empty();
            }
            // running again: no longer among the finished ones that may be forgotten
            if (finishedOrder.remove(entry)) {
                finishedCount.decrementAndGet();
                finishedItems.addAndGet(-entry.weight);
            }
            entry.failedState = null;
            entry.record = entry.record.redriven(redriveDate);
            return Optional.of(entry.record);
        }
    }

    /** Step caching results: the most recent {@value #MAX_CACHED_RESULTS}, by key. */
    public static final int MAX_CACHED_RESULTS = 10_000;
    private final Map<String, JsonNode> cachedResults = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
                    return size() > MAX_CACHED_RESULTS;
                }
            });

    @Override
    public Optional<JsonNode> cachedResult(String key) {
        return Optional.ofNullable(cachedResults.get(key));
    }

    @Override
    public void cacheResult(String key, String stateMachineArn, String stateName, JsonNode result) {
        cachedResults.put(key, result);
    }

    @Override
    public Optional<ExecutionRecord> find(String executionArn) {
        Entry entry = executions.get(executionArn);
        return entry == null ? Optional.empty() : Optional.of(entry.record);
    }

    @Override
    public List<JsonNode> events(String executionArn) {
        Entry entry = executions.get(executionArn);
        if (entry == null) {
            return List.of();
        }
        synchronized (entry.events) {
            return ExecutionHistory.rendered(List.copyOf(entry.events));
        }
    }

    @Override
    public Optional<Checkpoint> lastCheckpoint(String executionArn) {
        Entry entry = executions.get(executionArn);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.checkpoint);
    }

    @Override
    public List<ExecutionRecord> findByName(String executionName) {
        return executions.values().stream().map(e -> e.record).filter(r -> r.name().equals(executionName))
                .sorted(java.util.Comparator.comparing(ExecutionRecord::executionArn)).toList();
    }

    /** The last state the entry's history shows entering. */
    private static String failedState(Entry entry) {
        synchronized (entry.events) {
            for (int i = entry.events.size() - 1; i >= 0; i--) {
                HistoryEvent event = entry.events.get(i);
                if (event.type().endsWith("StateEntered")) {
                    return ExecutionListing.failedStateOf(List.of(event.toJson()));
                }
            }
        }
        return null;
    }

    private static ExecutionListing listing(Entry entry) {
        ExecutionRecord record = entry.record;
        return ExecutionListing.of(record, ExecutionListing.failed(record.status()) ? entry.failedState : null);
    }

    @Override
    public ExecutionListing.Page listExecutions(ExecutionListing.Filter filter, ExecutionListing.Sort sort,
            ExecutionListing.Cursor after, int limit) {
        return ExecutionListing.Page.of(executions.values().stream().map(InMemoryExecutionStore::listing), filter,
                sort, after, limit);
    }

    @Override
    public List<ExecutionListing.FailureGroup> failureGroups(java.time.Instant from, java.time.Instant to,
            String stateMachineArn, int limit) {
        return ExecutionListing.FailureGroup.of(executions.values().stream().map(InMemoryExecutionStore::listing),
                from, to, stateMachineArn, limit);
    }

    @Override
    public List<JsonNode> eventsAfter(String executionArn, long afterId, int limit) {
        Entry entry = executions.get(executionArn);
        if (entry == null) {
            return List.of();
        }
        List<HistoryEvent> after;
        synchronized (entry.events) {
            // ids grow along the list: the events after afterId are its tail, found from the end
            int from = entry.events.size();
            while (from > 0 && entry.events.get(from - 1).id() > afterId) {
                from--;
            }
            after = List.copyOf(entry.events.subList(from, Math.min(entry.events.size(), from + limit)));
        }
        return ExecutionHistory.rendered(after);
    }

    @Override
    public Collection<ExecutionRecord> list() {
        return executions.values().stream().map(e -> e.record).toList();
    }

    @Override
    public void putStartedThrough(String executionArn, StartedThrough startedThrough) {
        Entry entry = executions.get(executionArn);
        if (entry != null && entry.startedThrough == null) {
            entry.startedThrough = startedThrough;
        }
    }

    @Override
    public Map<String, StartedThrough> startedThrough(java.util.Collection<String> executionArns) {
        Map<String, StartedThrough> out = new java.util.HashMap<>();
        for (String arn : executionArns) {
            Entry entry = executions.get(arn);
            if (entry != null && entry.startedThrough != null) {
                out.put(arn, entry.startedThrough);
            }
        }
        return out;
    }

    /** The activities and tags created through the API (never evicted, as the state machines). */
    private final Map<String, StoredActivity> activities = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();

    @Override
    public void putActivity(StoredActivity activity) {
        activities.put(activity.activityArn(), activity);
    }

    @Override
    public void deleteActivity(String activityArn) {
        activities.remove(activityArn);
    }

    @Override
    public List<StoredActivity> activities() {
        return List.copyOf(activities.values());
    }

    @Override
    public void putTags(String resourceArn, Map<String, String> resourceTags) {
        tags.put(resourceArn, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(resourceTags)));
    }

    @Override
    public void deleteTags(String resourceArn) {
        tags.remove(resourceArn);
    }

    @Override
    public Map<String, Map<String, String>> tags() {
        return Map.copyOf(tags);
    }

    /** How many map runs this store keeps: the oldest is forgotten past it, as a bounded store must. */
    static final int MAX_MAP_RUNS = 10_000;
    /** Map runs by ARN, oldest first. */
    private final Map<String, StoredMapRun> mapRuns = new java.util.LinkedHashMap<>();

    @Override
    public void putMapRun(StoredMapRun mapRun) {
        synchronized (mapRuns) {
            mapRuns.put(mapRun.mapRunArn(), mapRun);
            if (mapRuns.size() > MAX_MAP_RUNS) {
                mapRuns.remove(mapRuns.keySet().iterator().next());
            }
        }
    }

    @Override
    public java.util.Optional<StoredMapRun> mapRun(String mapRunArn) {
        synchronized (mapRuns) {
            return java.util.Optional.ofNullable(mapRuns.get(mapRunArn));
        }
    }

    @Override
    public List<StoredMapRun> mapRuns(String executionArn) {
        synchronized (mapRuns) {
            return mapRuns.values().stream().filter(r -> r.executionArn().equals(executionArn))
                    .sorted(java.util.Comparator.comparing(StoredMapRun::startDate)).toList();
        }
    }

    /** The state machines created through the API, by ARN (never evicted: each is one definition). */
    private final Map<String, StoredStateMachine> stateMachines = new ConcurrentHashMap<>();
    private final java.util.Set<String> deleting = ConcurrentHashMap.newKeySet();

    @Override
    public void markStateMachineDeleting(String stateMachineArn) {
        deleting.add(stateMachineArn);
    }

    @Override
    public java.util.Set<String> deletingStateMachines() {
        return java.util.Set.copyOf(deleting);
    }

    @Override
    public void putStateMachine(StoredStateMachine stateMachine) {
        stateMachines.put(stateMachine.stateMachineArn(), stateMachine);
    }

    @Override
    public void deleteStateMachine(String stateMachineArn) {
        stateMachines.remove(stateMachineArn);
        deleting.remove(stateMachineArn);
        versions.keySet().removeIf(key -> key.stateMachineArn().equals(stateMachineArn));
        lastVersionNumbers.remove(stateMachineArn);
        aliases.keySet().removeIf(key -> key.stateMachineArn().equals(stateMachineArn));
    }

    private record VersionKey(String stateMachineArn, int number) {
    }

    private record AliasKey(String stateMachineArn, String name) {
    }

    private final Map<VersionKey, StoredStateMachineVersion> versions = new ConcurrentHashMap<>();
    private final Map<String, Integer> lastVersionNumbers = new ConcurrentHashMap<>();
    private final Map<AliasKey, StoredStateMachineAlias> aliases = new ConcurrentHashMap<>();

    @Override
    public void putStateMachineVersion(StoredStateMachineVersion version) {
        versions.put(new VersionKey(version.stateMachineArn(), version.number()), version);
        lastVersionNumbers.merge(version.stateMachineArn(), version.number(), Math::max);
    }

    @Override
    public void deleteStateMachineVersion(String stateMachineArn, int number) {
        versions.remove(new VersionKey(stateMachineArn, number));
    }

    @Override
    public List<StoredStateMachineVersion> stateMachineVersions() {
        return versions.values().stream()
                .sorted(java.util.Comparator.comparing(StoredStateMachineVersion::stateMachineArn)
                        .thenComparingInt(StoredStateMachineVersion::number))
                .toList();
    }

    @Override
    public int lastStateMachineVersionNumber(String stateMachineArn) {
        return lastVersionNumbers.getOrDefault(stateMachineArn, 0);
    }

    @Override
    public void putStateMachineAlias(StoredStateMachineAlias alias) {
        aliases.put(new AliasKey(alias.stateMachineArn(), alias.name()), alias);
    }

    @Override
    public void deleteStateMachineAlias(String stateMachineArn, String name) {
        aliases.remove(new AliasKey(stateMachineArn, name));
    }

    @Override
    public List<StoredStateMachineAlias> stateMachineAliases() {
        return aliases.values().stream()
                .sorted(java.util.Comparator.comparing(StoredStateMachineAlias::stateMachineArn)
                        .thenComparing(StoredStateMachineAlias::name))
                .toList();
    }

    @Override
    public List<StoredStateMachine> stateMachines() {
        return stateMachines.values().stream()
                .sorted(java.util.Comparator.comparing(StoredStateMachine::creationDate)
                        .thenComparing(StoredStateMachine::stateMachineArn))
                .toList();
    }
}
