package io.github.camelasl.test.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.ExecutionStatus;
import java.time.Duration;
import java.util.List;

/**
 * How one test case ran.
 *
 * @param status      how the execution ended, or null when it could not end (see {@code failures})
 * @param states      the states it entered, in order (a Map's or Parallel's inner states included)
 * @param wallTime    the real time the case took
 * @param virtualTime the execution's own time, on the virtual clock (its Waits and back-offs)
 * @param failures    what did not go as expected, each naming the field: empty when the case passed
 */
public record CaseResult(String name, ExecutionStatus status, JsonNode output, String error, String cause,
        List<String> states, Duration wallTime, Duration virtualTime, List<String> failures) {

    public CaseResult {
        states = List.copyOf(states);
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
