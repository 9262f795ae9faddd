package io.github.camelasl.engine;

import java.util.List;

/** AWS's rules for matching an error name against a Retry or Catch ErrorEquals list. */
public final class ErrorMatcher {

    private ErrorMatcher() {
    }

    public static boolean matches(List<String> errorEquals, String error) {
        String name = error == null ? "" : error;
        for (String candidate : errorEquals) {
            if (candidate.equals(name)) {
                return true;
            }
            // States.ALL matches every error a state can recover from: not the terminal runtime ones
            if (candidate.equals(ErrorNames.ALL) && !terminal(name)) {
                return true;
            }
            // States.TaskFailed is a wildcard for any task error but a timeout
            if (candidate.equals(ErrorNames.TASK_FAILED) && !name.equals(ErrorNames.TIMEOUT) && !terminal(name)) {
                return true;
            }
        }
        return false;
    }

    /** Errors that end the execution whatever its Retry and Catch say, unless named explicitly. */
    static boolean terminal(String error) {
        return ErrorNames.RUNTIME.equals(error) || ErrorNames.DATA_LIMIT_EXCEEDED.equals(error);
    }
}
