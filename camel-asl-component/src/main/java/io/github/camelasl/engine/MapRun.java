package io.github.camelasl.engine;

import io.github.camelasl.store.StoredMapRun;
import java.time.Instant;

/**
 * One run of a Distributed Map state: its ARN ({@code arn:aws:states:<region>:<account>:mapRun:<machine>/<Label or
 * state name>:<uuid>}, as AWS names it: sfn API reference, DescribeMapRun, and the recorded MapRunStarted events of
 * the conformance corpus), what DescribeMapRun answers while it runs and after, and UpdateMapRun's changes. The
 * iterations run inline in the execution this session, so the counts are the iterations': a child workflow
 * execution per item (or batch) is what AWS counts.
 */
public final class MapRun {

    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String ABORTED = "ABORTED";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MapRun.class);

    private final String arn;
    private final String uuid;
    private final String executionArn;
    private final String stateMachineArn;
    private final Instant startDate;
    private final FanOut fanOut;
    private final Execution execution;
    private final int itemCount;
    private volatile int maxConcurrency;
    private volatile double toleratedFailurePercentage;
    private volatile long toleratedFailureCount;
    /** Whether UpdateMapRun changed what the run tolerates: a failure past it is then the threshold's. */
    private volatile boolean toleranceChanged;
    private volatile String status = RUNNING;
    private volatile Instant stopDate;
    private volatile long resultsWritten;

    private MapRun(String arn, String uuid, Execution execution, FanOut fanOut, int itemCount, int maxConcurrency,
            double toleratedFailurePercentage, long toleratedFailureCount) {
        this.arn = arn;
        this.uuid = uuid;
        this.execution = execution;
        this.executionArn = execution.arn();
        this.stateMachineArn = execution.config().stateMachineArn();
        this.startDate = execution.clock().instant();
        this.fanOut = fanOut;
        this.itemCount = itemCount;
        this.maxConcurrency = maxConcurrency;
        this.toleratedFailurePercentage = toleratedFailurePercentage;
        this.toleratedFailureCount = toleratedFailureCount;
    }

    /**
     * Starts the run of a Distributed Map whose fan-out is set up: kept by the execution (for UpdateMapRun) and by
     * the store (for DescribeMapRun and ListMapRuns).
     *
     * @param maxConcurrency as the state gives it: 0 for no limit
     */
    static MapRun start(Execution execution, String labelOrStateName, FanOut fanOut, int maxConcurrency,
            double toleratedFailurePercentage, long toleratedFailureCount) {
        String uuid = Ids.uuid();
        MapRun run = new MapRun(arn(execution.arn(), labelOrStateName, uuid), uuid, execution, fanOut, fanOut.size(),
                maxConcurrency, toleratedFailurePercentage, toleratedFailureCount);
        fanOut.mapRun(run);
        execution.mapRunStarted(run);
        run.keep();
        return run;
    }

    /** The map run ARN of an execution's run: its region, account and state machine name, then label and id. */
    static String arn(String executionArn, String labelOrStateName, String uuid) {
        String[] parts = executionArn.split(":", -1);
        // arn:<partition>:states:<region>:<account>:execution:<machine>:<name>
        String machine = parts.length > 6 ? parts[6] : "";
        String prefix = parts.length > 4 ? String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4])
                : "arn:aws:states::";
        return prefix + ":mapRun:" + machine + "/" + labelOrStateName + ":" + uuid;
    }

    public String arn() {
        return arn;
    }

    /** The id that ends the ARN: ResultWriter writes under {@code <Prefix>/<uuid>/}. */
    public String uuid() {
        return uuid;
    }

    public String executionArn() {
        return executionArn;
    }

    public String status() {
        return status;
    }

    boolean toleranceChanged() {
        return toleranceChanged;
    }

    /** What DescribeMapRun answers now. */
    public StoredMapRun describe() {
        int started = fanOut.startedCount();
        int succeeded = fanOut.succeededCount();
        int failed = fanOut.failureCount();
        int aborted = fanOut.abortedCount();
        int running = RUNNING.equals(status) ? Math.max(0, started - succeeded - failed - aborted) : 0;
        int pending = RUNNING.equals(status) ? Math.max(0, itemCount - started) : 0;
        if (!RUNNING.equals(status)) {
            aborted += Math.max(0, itemCount - started) + Math.max(0, started - succeeded - failed - aborted);
        }
        StoredMapRun.Counts counts = new StoredMapRun.Counts(pending, running, succeeded, failed, 0, aborted,
                itemCount, resultsWritten);
        return new StoredMapRun(arn, executionArn, stateMachineArn, startDate, stopDate, status, maxConcurrency,
                toleratedFailurePercentage, toleratedFailureCount, counts, counts);
    }

    /**
     * UpdateMapRun: a new MaxConcurrency (0: no limit), ToleratedFailurePercentage or ToleratedFailureCount, each
     * null when not given. It takes effect at once: freed places start waiting iterations, and failures already past
     * the new tolerance stop the run.
     */
    public synchronized StoredMapRun update(Integer newMaxConcurrency, Double newPercentage, Long newCount) {
        if (!RUNNING.equals(status)) {
            throw new AslError("ValidationException", "Map Run '" + arn + "' is not running: it is " + status);
        }
        if (newMaxConcurrency != null) {
            maxConcurrency = newMaxConcurrency;
            fanOut.changeConcurrency(MapStep.effectiveConcurrency(newMaxConcurrency));
        }
        if (newPercentage != null || newCount != null) {
            if (newPercentage != null) {
                toleratedFailurePercentage = newPercentage;
            }
            if (newCount != null) {
                toleratedFailureCount = newCount;
            }
            toleranceChanged = true;
            fanOut.tolerate((int) Math.min(toleratedFailureCount, Integer.MAX_VALUE), toleratedFailurePercentage);
        }
        keep();
        return describe();
    }

    /** ResultWriter wrote the results of {@code count} iterations. */
    void resultsWritten(long count) {
        resultsWritten = count;
    }

    /** The run ended with {@code endStatus} (SUCCEEDED, FAILED or ABORTED). */
    synchronized void end(String endStatus) {
        if (!RUNNING.equals(status)) {
            return;
        }
        status = endStatus;
        stopDate = execution.clock().instant();
        keep();
    }

    /** To the store. A store that fails on it costs DescribeMapRun this run, not the execution its Map. */
    private void keep() {
        try {
            execution.store().putMapRun(describe());
        } catch (RuntimeException e) {
            LOG.warn("The store did not keep map run {}: {}", arn, e.toString());
        }
    }
}
