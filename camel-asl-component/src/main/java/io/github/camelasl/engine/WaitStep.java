package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.dataflow.InputOutput;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.dataflow.JsonPaths;
import io.github.camelasl.model.WaitState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Wait: works out how long to wait. The top-level machine parks (its exchange ends; the runtime calls
 * {@link #complete} when the wait is due, see StateMachineRuntime.park); a Parallel branch or Map iteration,
 * whose exchange its multicast or split waits for, waits in its route with Camel's asynchronous delayer. Neither
 * holds a thread.
 */
public final class WaitStep {

    /**
     * Seconds is "an integer value from 0 to 99999999", and a JSONata Seconds "must evaluate to an integer in the
     * stated range" (https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html).
     */
    static final long MAX_SECONDS = 99_999_999;

    private WaitStep() {
    }

    public static void prepare(Scope scope) {
        Transitions.enter(scope);
        WaitState state = (WaitState) scope.current();
        Instant resumedUntil = scope.takeResumedWaitUntil();
        long now = scope.execution().clock().millis(); // a Timestamp is relative to it, and the wait starts at it
        long delay;
        if (JsonataStates.applies(state)) {
            scope.effectiveInput(scope.stateInput());
            delay = jsonataDelayMillis(scope, state, now);
        } else {
            Bindings bindings = scope.bindings();
            JsonNode effective = InputOutput.inputPath(state.common().inputPath(), scope.stateInput(), bindings);
            scope.effectiveInput(effective);
            delay = delayMillis(state, effective, bindings, now);
        }
        if (resumedUntil != null) {
            // resumed after a restart: the wait began before it, and ends when it was due to
            delay = Math.max(0, resumedUntil.toEpochMilli() - now);
        } else if (delay > 0) {
            scope.waitingUntil(Instant.ofEpochMilli(now + delay)); // a durable timer: it survives a restart
        }
        if (delay > 0 && scope.parent() == null) {
            // the top-level machine parks: its exchange ends here, and the runtime goes on when the Wait is due
            scope.park(now + delay);
            delay = 0;
        }
        scope.delayMillis(delay);
    }

    public static void complete(Scope scope) {
        scope.delayMillis(0);
        if (JsonataStates.applies(scope.current())) {
            ObjectNode states = JsonataStates.states(scope);
            Map<String, JsonNode> assigned = JsonataStates.assign(scope, scope.current().common().assign(), states);
            Transitions.exit(scope, JsonataStates.output(scope, scope.current().common().output(), states,
                    scope.stateInput()), assigned);
            return;
        }
        Bindings bindings = scope.bindings();
        Map<String, JsonNode> assigned = Assignments.evaluate(scope.current().common().assign(),
                scope.effectiveInput(), bindings);
        JsonNode output = InputOutput.outputPath(scope.current().common().outputPath(), scope.effectiveInput(),
                bindings);
        Transitions.exit(scope, output, assigned);
    }

    /**
     * How long a JSONPath-dialect Wait waits on {@code data} (its effective input), in milliseconds: TestState
     * evaluates Seconds, SecondsPath, Timestamp or TimestampPath as a run would, with its errors, and waits not.
     */
    public static long delayMillisOf(WaitState state, JsonNode data, Bindings context) {
        return delayMillis(state, data, context, System.currentTimeMillis());
    }

    /** As above, a Timestamp counted from {@code nowMillis} (the clock TestState runs on). */
    public static long delayMillisOf(WaitState state, JsonNode data, Bindings context, long nowMillis) {
        return delayMillis(state, data, context, nowMillis);
    }

    /** A Timestamp as AWS reads it (ISO-8601 with an offset), or null when it is not one. */
    public static Instant timestampOf(String text) {
        return parseTimestamp(text);
    }

    static long delayMillis(WaitState state, JsonNode data, Bindings context, long now) {
        if (state.seconds() != null) {
            return Delays.ofSeconds(NumberFields.literalWholeNumber(state.seconds()));
        }
        if (state.secondsPath() != null) {
            return Delays.ofSeconds(secondsFromPath(state.secondsPath(), data, context));
        }
        Instant until;
        if (state.timestamp() != null) {
            until = parseTimestamp(state.timestamp().asText());
        } else {
            JsonNode value = read("TimestampPath", state.timestampPath(), data, context);
            until = value.isTextual() ? parseTimestamp(value.textValue()) : null;
            if (until == null) {
                throw AslError.runtime("The TimestampPath parameter does not reference a valid ISO-8601 extended "
                        + "offset date-time format string: " + state.timestampPath() + " == " + show(value));
            }
        }
        return Delays.until(until, now);
    }

    private static long jsonataDelayMillis(Scope scope, WaitState state, long now) {
        ObjectNode states = JsonataStates.states(scope);
        if (state.seconds() != null) {
            JsonNode seconds = JsonataStates.value(scope, state.seconds(), states, "Seconds");
            Long whole = NumberFields.jsonataWholeNumber(seconds);
            if (whole == null || whole < 0 || whole > MAX_SECONDS) {
                throw new AslError(ErrorNames.QUERY_EVALUATION_ERROR, "The JSONata expression '"
                        + JsonataStates.expressionText(state.seconds()) + "' specified for the field 'Seconds' "
                        + "returned an unexpected result: " + (seconds == null ? "undefined" : Json.write(seconds))
                        + ". Expected an integer from 0 to " + MAX_SECONDS + ".");
            }
            return Delays.ofSeconds(whole);
        }
        JsonNode timestamp = JsonataStates.value(scope, state.timestamp(), states, "Timestamp");
        Instant until = timestamp != null && timestamp.isTextual() ? parseTimestamp(timestamp.textValue()) : null;
        if (until == null) {
            throw new AslError(ErrorNames.QUERY_EVALUATION_ERROR, "The Timestamp field cannot be parsed as an "
                    + "ISO-8601 extended offset date-time format string: "
                    + (timestamp == null ? "undefined" : show(timestamp)));
        }
        return Delays.until(until, now);
    }

    private static long secondsFromPath(String path, JsonNode data, Bindings context) {
        JsonNode value = read("SecondsPath", path, data, context);
        // a whole number that fits in a long: a longer one would wrap (2^64 to 0, "no wait")
        Long seconds = NumberFields.wholeNumber(value);
        if (seconds == null) {
            throw AslError.runtime("The SecondsPath parameter cannot be parsed as a long value: " + path + " == "
                    + show(value));
        }
        if (seconds < 0) {
            throw AslError.runtime("The SecondsPath parameter references a negative value: " + path + " == "
                    + show(value));
        }
        return seconds;
    }

    private static JsonNode read(String field, String path, JsonNode data, Bindings context) {
        try {
            return JsonPaths.read(path, data, context);
        } catch (JsonPaths.NotFound e) {
            throw AslError.runtime("The " + field + " parameter does not reference an input value: " + path);
        }
    }

    private static String show(JsonNode value) {
        return value.isTextual() ? value.textValue() : Json.write(value);
    }

    /** ISO-8601 with an offset, as AWS requires (no offset, or a space for the T, is refused). */
    static Instant parseTimestamp(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
