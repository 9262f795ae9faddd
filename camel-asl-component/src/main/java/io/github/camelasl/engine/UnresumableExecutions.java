package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.history.EventDetails;
import io.github.camelasl.history.ExecutionHistory;
import io.github.camelasl.history.HistoryEvent;
import io.github.camelasl.history.HistoryEventType;
import io.github.camelasl.history.HistoryListener;
import io.github.camelasl.history.TerminalText;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Ends an execution that cannot resume, so that it is not left RUNNING for ever and keeps no other from resuming:
 * its record, history or checkpoint cannot be read back, its definition is gone or no longer deploys, or its
 * checkpoint names a state its definition does not have. It ends FAILED with States.Runtime and a cause naming the
 * execution and what is wrong, with ExecutionFailed in its history when the store can still read that, and a WARN
 * in the log. One the store cannot even end is left RUNNING, with a WARN naming it.
 */
public final class UnresumableExecutions {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UnresumableExecutions.class);

    private UnresumableExecutions() {
    }

    /** The cause an execution that cannot resume ends with. */
    static String cause(String executionArn, String problem) {
        return "Execution " + executionArn + " cannot resume: " + problem;
    }

    /**
     * Fails the execution {@code record} (or, when the store could not read its record, the one of that ARN and
     * state machine) because of {@code problem}.
     *
     * @return its result; failed with the store's error when the store could not end it either
     */
    public static CompletableFuture<ExecutionResult> fail(ExecutionStore store, String executionArn,
            String stateMachineArn, ExecutionRecord record, String problem, List<HistoryListener> listeners) {
        return fail(store, executionArn, stateMachineArn, record, problem, listeners, EngineClock.system());
    }

    /** As above, its stop date and event timestamp read from {@code clock} (its state machine's). */
    public static CompletableFuture<ExecutionResult> fail(ExecutionStore store, String executionArn,
            String stateMachineArn, ExecutionRecord record, String problem, List<HistoryListener> listeners,
            EngineClock clock) {
        String cause = cause(executionArn, problem);
        Instant stop = clock.instant();
        try {
            List<HistoryEvent> earlier = readableHistory(store, executionArn);
            List<com.fasterxml.jackson.databind.JsonNode> events = null;
            if (earlier != null) {
                ExecutionStore.Recorder recorder = store.recorder(executionArn);
                ExecutionHistory history = new ExecutionHistory(executionArn, earlier, listeners,
                        recorder::appendEvent, Integer.MAX_VALUE, clock::millis, () -> { });
                history.append(HistoryEventType.ExecutionFailed, history.lastEventId(),
                        EventDetails.failure(ErrorNames.RUNTIME, cause));
                events = history.events();
            }
            ExecutionRecord failed = record != null
                    ? record.finished(ExecutionStatus.FAILED, null, ErrorNames.RUNTIME, cause, stop)
                    : new ExecutionRecord(executionArn, stateMachineArn, null, ExecutionStatus.FAILED, null, null,
                            ErrorNames.RUNTIME, cause, null, stop);
            store.complete(failed);
            LOG.warn("{}. It ends FAILED ({}).", TerminalText.escape(cause), ErrorNames.RUNTIME);
            return CompletableFuture.completedFuture(new ExecutionResult(executionArn, failed.name(),
                    ExecutionStatus.FAILED, null, ErrorNames.RUNTIME, cause, failed.startDate(), stop, events));
        } catch (RuntimeException e) {
            LOG.warn("{}. The store cannot end it either ({}): it is left aside, RUNNING.", TerminalText.escape(cause),
                    TerminalText.escape(e.getMessage()));
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Its history as the store holds it, or null when that cannot be read (the end is then recorded alone). */
    private static List<HistoryEvent> readableHistory(ExecutionStore store, String executionArn) {
        try {
            return store.events(executionArn).stream().map(event -> HistoryEvent.stored((ObjectNode) event)).toList();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
