package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.dataflow.PayloadSize;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Collects the outcomes of a Parallel state's branches or a Map state's iterations, by index, so the result
 * keeps input order however the runs interleave. Once the failures pass what the state tolerates it is
 * aborted, and runs still going stop at their next state boundary, or at once when they wait (a Wait state, a
 * retry's back-off, a callback Task's token: see StoppableDelay). It also holds the Map's MaxConcurrency
 * gate: at most that many runs go on at once, the others wait in order without holding a thread.
 *
 * <p>The collected result is measured as the outputs arrive, against the execution's maxPayloadSize: the first
 * output that takes it over is dropped and the state aborted, so outputs never pile up in memory beyond what the
 * state could return.
 */
public final class FanOut {

    private final AtomicReferenceArray<JsonNode> outputs;
    private final AtomicReferenceArray<AslError> failures;
    private final AtomicInteger failureCount = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicReference<AslError> firstFailure =
            new java.util.concurrent.atomic.AtomicReference<>();
    /** What the state tolerates; UpdateMapRun may change them while a Distributed Map runs. */
    private volatile int toleratedCount;
    private volatile double toleratedPercentage;
    private final long startedEventId;
    private volatile boolean aborted;
    /** Set before any run starts (see keep), read only after. */
    private boolean[] kept;
    private int permits = Integer.MAX_VALUE;
    private int maxRunning = Integer.MAX_VALUE;
    /** Runs started, and of those the ones that succeeded or were aborted (failures: failureCount). */
    private final AtomicInteger startedCount = new AtomicInteger();
    private final AtomicInteger succeededCount = new AtomicInteger();
    private final AtomicInteger abortedCount = new AtomicInteger();
    /** A Distributed Map's run (its ARN, DescribeMapRun), or null. */
    private volatile MapRun mapRun;
    private final java.util.ArrayDeque<Runnable> waiting = new java.util.ArrayDeque<>();
    /** What stops the waits of runs under this fan-out when it aborts (see StoppableDelay). */
    private final java.util.Set<Runnable> onAbort = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final int maxResultBytes;
    /** Bytes of the collected result's text so far (brackets and commas included); see withinBudget. */
    private long resultBytes = 2;
    private boolean exactSizes;
    private volatile boolean overflowed;

    FanOut(int size, int toleratedCount, double toleratedPercentage, long startedEventId, int maxResultBytes) {
        this.outputs = new AtomicReferenceArray<>(size);
        this.failures = new AtomicReferenceArray<>(size);
        this.toleratedCount = toleratedCount;
        this.toleratedPercentage = toleratedPercentage;
        this.startedEventId = startedEventId;
        this.maxResultBytes = maxResultBytes;
    }

    /** Limits how many runs may go on at once (a Map's MaxConcurrency). */
    synchronized void limitConcurrency(int maxRunning) {
        this.permits = maxRunning;
        this.maxRunning = maxRunning;
    }

    /**
     * Changes how many runs may go on at once while they run (UpdateMapRun): places freed go to waiting runs at once,
     * and with fewer places no new run starts until enough running ones have finished.
     */
    void changeConcurrency(int newMaxRunning) {
        List<Runnable> resumed = new java.util.ArrayList<>();
        synchronized (this) {
            permits += newMaxRunning - maxRunning;
            maxRunning = newMaxRunning;
            while (permits > 0 && !waiting.isEmpty()) {
                permits--;
                resumed.add(waiting.poll());
            }
        }
        resumed.forEach(Runnable::run);
    }

    /** Changes what the state tolerates while its runs go on (UpdateMapRun). */
    void tolerate(int count, double percentage) {
        this.toleratedCount = count;
        this.toleratedPercentage = percentage;
        if (failureCount.get() > 0 && exceedsTolerance(failureCount.get())) {
            abort();
        }
    }

    /**
     * Lets a run start now (true), or queues {@code resume} to be handed out when a running one finishes
     * (false). Waiting runs hold no thread.
     */
    public synchronized boolean tryStart(Runnable resume) {
        if (permits > 0) {
            permits--;
            return true;
        }
        waiting.add(resume);
        return false;
    }

    /** A run finished: its place goes to the next waiting run, which is returned to be resumed, or null. */
    public synchronized Runnable finished() {
        permits++;
        if (permits > 0 && !waiting.isEmpty()) {
            permits--;
            return waiting.poll();
        }
        return null;
    }

    /**
     * A redrive: the runs that succeeded before the state failed keep their outputs and do not run again
     * ({@code outputs} by index, null for a run that did not succeed). Ignored unless it has one slot per run.
     */
    void keep(ArrayNode kept) {
        if (kept == null || kept.size() != outputs.length()) {
            return;
        }
        this.kept = new boolean[outputs.length()];
        exactSizes = true; // kept outputs have no measured size: every size is measured here
        for (int i = 0; i < kept.size(); i++) {
            if (!kept.get(i).isNull()) {
                resultBytes += PayloadSize.exactBytes(kept.get(i), remainingBytes()) + 1;
                outputs.set(i, kept.get(i));
                this.kept[i] = true;
            }
        }
    }

    /** The output of run {@code index} (null while it has none). */
    JsonNode output(int index) {
        return outputs.get(index);
    }

    /** Whether run {@code index} succeeded before a redrive and is not run again. */
    boolean kept(int index) {
        return kept != null && kept[index];
    }

    /** The outputs of the runs that succeeded, null for the others: what a redrive keeps. */
    ArrayNode succeededOutputs() {
        ArrayNode array = Json.NODES.arrayNode(outputs.length());
        for (int i = 0; i < outputs.length(); i++) {
            JsonNode out = failures.get(i) == null ? outputs.get(i) : null;
            array.add(out == null ? Json.NODES.nullNode() : out);
        }
        return array;
    }

    /**
     * Run {@code index} succeeded with {@code output}, of {@code measuredBytes} as measured at its end (exact, or
     * an upper bound). An output that takes the collected result over maxPayloadSize is dropped and the state
     * aborted (see {@link #overflowed()}).
     */
    synchronized void succeeded(int index, JsonNode output, long measuredBytes) {
        succeededCount.incrementAndGet();
        if (overflowed) {
            return;
        }
        if (!withinBudget(output, measuredBytes)) {
            overflowed = true;
            abort();
            return;
        }
        outputs.set(index, output);
    }

    /**
     * Adds {@code output} to the result's size. The sizes measured at the runs' ends are added as they are while
     * their sum stays within the limit; as small outputs' are upper bounds, once the sum passes it the outputs so far
     * are measured exactly (once), and from then on each one as it arrives: only the exact size fails the state.
     */
    private boolean withinBudget(JsonNode output, long measuredBytes) {
        if (!exactSizes) {
            resultBytes += measuredBytes + 1;
            if (resultBytes <= maxResultBytes) {
                return true;
            }
            exactSizes = true;
            resultBytes = 2;
            for (int i = 0; i < outputs.length() && resultBytes <= maxResultBytes; i++) {
                JsonNode collected = outputs.get(i);
                if (collected != null) {
                    resultBytes += PayloadSize.exactBytes(collected, remainingBytes()) + 1;
                }
            }
        }
        if (resultBytes <= maxResultBytes) {
            resultBytes += PayloadSize.exactBytes(output, remainingBytes()) + 1;
        }
        return resultBytes <= maxResultBytes;
    }

    private int remainingBytes() {
        return (int) Math.max(0, maxResultBytes - resultBytes);
    }

    /** Whether the collected result passed maxPayloadSize: the state fails with States.DataLimitExceeded. */
    boolean overflowed() {
        return overflowed;
    }

    void failed(int index, AslError error) {
        failures.set(index, error);
        firstFailure.compareAndSet(null, error);
        if (exceedsTolerance(failureCount.incrementAndGet()) || ErrorMatcher.terminal(error.error())) {
            abort();
        }
    }

    /** The state gives up: runs still going stop at their next boundary, and those waiting at once. */
    private void abort() {
        aborted = true; // before the stops run: a delay registered after this sees it (StoppableDelay.start)
        for (Runnable stop : onAbort) {
            stop.run();
        }
    }

    /** {@code stop} is run when this fan-out aborts (unless forgotten first). */
    void onAbort(Runnable stop) {
        onAbort.add(stop);
    }

    void forgetOnAbort(Runnable stop) {
        onAbort.remove(stop);
    }

    /** A failure no tolerance covers (States.Runtime), or null. */
    AslError terminalFailure() {
        for (int i = 0; i < failures.length(); i++) {
            AslError error = failures.get(i);
            if (error != null && ErrorMatcher.terminal(error.error())) {
                return error;
            }
        }
        return null;
    }

    boolean exceedsTolerance(int count) {
        return count > toleratedCount || (outputs.length() > 0 && count * 100.0 / outputs.length() > toleratedPercentage);
    }

    public boolean aborted() {
        return aborted;
    }

    public int size() {
        return outputs.length();
    }

    long startedEventId() {
        return startedEventId;
    }

    int failureCount() {
        return failureCount.get();
    }

    /** A ResultWriter's: each run's input and start and stop times (epoch ms, 0 until then); null without one. */
    private AtomicReferenceArray<JsonNode> inputs;
    private java.util.concurrent.atomic.AtomicLongArray startMillis;
    private java.util.concurrent.atomic.AtomicLongArray stopMillis;

    /** Keeps each run's input and times from now on, for a ResultWriter's NONE results. Before any run starts. */
    void describeRuns() {
        inputs = new AtomicReferenceArray<>(outputs.length());
        startMillis = new java.util.concurrent.atomic.AtomicLongArray(outputs.length());
        stopMillis = new java.util.concurrent.atomic.AtomicLongArray(outputs.length());
    }

    /** Run {@code index} started with {@code input} (for DescribeMapRun's counts and a ResultWriter). */
    void runStarted(int index, JsonNode input, java.time.Instant at) {
        startedCount.incrementAndGet();
        if (inputs != null) {
            inputs.set(index, input);
            startMillis.set(index, at.toEpochMilli());
        }
    }

    /** Run {@code index} ended, however. */
    void runStopped(int index, java.time.Instant at) {
        if (stopMillis != null) {
            stopMillis.set(index, at.toEpochMilli());
        }
    }

    JsonNode input(int index) {
        return inputs == null ? null : inputs.get(index);
    }

    java.time.Instant startedAt(int index) {
        long millis = startMillis == null ? 0 : startMillis.get(index);
        return millis == 0 ? null : java.time.Instant.ofEpochMilli(millis);
    }

    java.time.Instant stoppedAt(int index) {
        long millis = stopMillis == null ? 0 : stopMillis.get(index);
        return millis == 0 ? null : java.time.Instant.ofEpochMilli(millis);
    }

    /** Run {@code index}'s failure, or null. */
    AslError failure(int index) {
        return failures.get(index);
    }

    /** A run stopped unfinished, its state having given up (for DescribeMapRun's counts). */
    void runAborted() {
        abortedCount.incrementAndGet();
    }

    int startedCount() {
        return startedCount.get();
    }

    int succeededCount() {
        return succeededCount.get();
    }

    int abortedCount() {
        return abortedCount.get();
    }

    MapRun mapRun() {
        return mapRun;
    }

    void mapRun(MapRun run) {
        this.mapRun = run;
    }

    /** The failure that happened first, or null. */
    AslError firstFailure() {
        return firstFailure.get();
    }

    /** Outputs in input order; a failed run's slot holds null. */
    ArrayNode outputs() {
        ArrayNode array = Json.NODES.arrayNode(outputs.length());
        for (int i = 0; i < outputs.length(); i++) {
            JsonNode out = outputs.get(i);
            array.add(out == null ? Json.NODES.nullNode() : out);
        }
        return array;
    }
}
