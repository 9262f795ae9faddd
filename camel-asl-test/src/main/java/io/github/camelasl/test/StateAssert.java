package io.github.camelasl.test;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one state of an execution, by name. Its input is its first entry's (StateEntered), its output its
 * last exit's (StateExited); {@code entry(n)} and {@code exit(n)} choose another for a state entered more than once.
 */
public final class StateAssert extends AbstractAssert<StateAssert, ExecutionRun> {

    private final ExecutionRunAssert execution;
    private final String state;

    StateAssert(ExecutionRunAssert execution, ExecutionRun actual, String state) {
        super(actual, StateAssert.class);
        this.execution = execution;
        this.state = state;
    }

    /** Back to the execution's assertions. */
    public ExecutionRunAssert and() {
        return execution;
    }

    /** It was entered exactly {@code times} times (a retry does not enter it again; a loop or a Map item does). */
    public StateAssert wasEntered(int times) {
        int entered = view().entries(state).size();
        if (entered != times) {
            failWithMessage("Expected state %s entered %s time(s), but it was entered %s time(s); %s", state, times,
                    entered, actual.describe());
        }
        return this;
    }

    /** It was entered at least once. */
    public StateAssert wasEntered() {
        if (view().entries(state).isEmpty()) {
            failWithMessage("Expected state %s entered, but it was not; %s", state, actual.describe());
        }
        return this;
    }

    /** Its Task was retried exactly {@code times} times in all (attempts beyond each entry's first). */
    public StateAssert wasRetried(int times) {
        HistoryView view = view();
        int retries = view.attempts(state) - view.entries(state).size();
        if (retries != times) {
            failWithMessage("Expected state %s retried %s time(s), but it was retried %s time(s) (%s attempt(s)); %s",
                    state, times, Math.max(0, retries), view.attempts(state), actual.describe());
        }
        return this;
    }

    /** Its input on its first entry equals {@code expected} as JSON. */
    public StateAssert hasInput(Object expected) {
        return hasInput(0, expected);
    }

    /** Its input on entry {@code entry} (from 0) equals {@code expected} as JSON. */
    public StateAssert hasInput(int entry, Object expected) {
        List<JsonNode> entries = view().entries(state);
        JsonNode want = StateMachineUnderTest.toInput(expected);
        if (entries.size() <= entry) {
            failWithMessage("Expected state %s's input %s on entry %s, but it was entered %s time(s); %s", state,
                    want, entry, entries.size(), actual.describe());
        }
        JsonNode input = parsed(entries.get(entry).path("stateEnteredEventDetails").path("input"));
        if (!JsonEquality.equal(input, want)) {
            failWithMessage("Expected state %s's input %s, but it was %s; %s", state, want, input, actual.describe());
        }
        return this;
    }

    /** Its output on its last exit equals {@code expected} as JSON. */
    public StateAssert hasOutput(Object expected) {
        List<JsonNode> exits = view().exits(state);
        JsonNode want = StateMachineUnderTest.toInput(expected);
        if (exits.isEmpty()) {
            failWithMessage("Expected state %s's output %s, but it never exited; %s", state, want, actual.describe());
        }
        JsonNode output = parsed(exits.get(exits.size() - 1).path("stateExitedEventDetails").path("output"));
        if (!JsonEquality.equal(output, want)) {
            failWithMessage("Expected state %s's output %s, but it was %s; %s", state, want, output,
                    actual.describe());
        }
        return this;
    }

    private HistoryView view() {
        isNotNull();
        return HistoryView.of(actual.history());
    }

    /** History details carry JSON as text, as AWS's do. */
    private static JsonNode parsed(JsonNode text) {
        if (text.isMissingNode() || text.isNull()) {
            return null;
        }
        if (!text.isTextual()) {
            return text;
        }
        try {
            return Json.parse(text.textValue());
        } catch (Exception e) {
            return text;
        }
    }
}
