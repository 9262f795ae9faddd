package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** AWS's matching rules for ErrorEquals. */
class ErrorMatcherTest {

    @Test
    void namesMatchExactly() {
        assertTrue(ErrorMatcher.matches(List.of("ModelDiverged"), "ModelDiverged"));
        assertFalse(ErrorMatcher.matches(List.of("ModelDiverged"), "modeldiverged"));
    }

    /** As AWS recorded: States.ALL catches DataLimitExceeded; nothing catches States.Runtime, even by name. */
    @Test
    void statesAllMatchesEverythingButStatesRuntime() {
        assertTrue(ErrorMatcher.matches(List.of("States.ALL"), "States.TaskFailed"));
        assertTrue(ErrorMatcher.matches(List.of("States.ALL"), "States.Timeout"));
        assertTrue(ErrorMatcher.matches(List.of("States.ALL"), "Anything"));
        assertTrue(ErrorMatcher.matches(List.of("States.ALL"), "States.DataLimitExceeded"));
        assertFalse(ErrorMatcher.matches(List.of("States.ALL"), "States.Runtime"));
        assertFalse(ErrorMatcher.matches(List.of("States.Runtime"), "States.Runtime"), "not even named explicitly");
    }

    @Test
    void taskFailedIsAWildcardForTaskErrorsButNotATimeout() {
        assertTrue(ErrorMatcher.matches(List.of("States.TaskFailed"), "Lambda.ServiceException"));
        assertTrue(ErrorMatcher.matches(List.of("States.TaskFailed"), "States.TaskFailed"));
        assertFalse(ErrorMatcher.matches(List.of("States.TaskFailed"), "States.Timeout"));
    }
}
