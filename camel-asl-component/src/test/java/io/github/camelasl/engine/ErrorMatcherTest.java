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

    @Test
    void statesAllMatchesEverythingButTheTerminalRuntimeErrors() {
        assertTrue(ErrorMatcher.matches(List.of("States.ALL"), "States.TaskFailed"));
        assertTrue(ErrorMatcher.matches(List.of("States.ALL"), "States.Timeout"));
        assertTrue(ErrorMatcher.matches(List.of("States.ALL"), "Anything"));
        assertFalse(ErrorMatcher.matches(List.of("States.ALL"), "States.Runtime"));
        assertFalse(ErrorMatcher.matches(List.of("States.ALL"), "States.DataLimitExceeded"));
        assertTrue(ErrorMatcher.matches(List.of("States.Runtime"), "States.Runtime"), "named explicitly");
    }

    @Test
    void taskFailedIsAWildcardForTaskErrorsButNotATimeout() {
        assertTrue(ErrorMatcher.matches(List.of("States.TaskFailed"), "Lambda.ServiceException"));
        assertTrue(ErrorMatcher.matches(List.of("States.TaskFailed"), "States.TaskFailed"));
        assertFalse(ErrorMatcher.matches(List.of("States.TaskFailed"), "States.Timeout"));
    }
}
