package io.github.camelasl.engine;

import java.util.List;

/** AWS's rules for matching an error name against a Retry or Catch ErrorEquals list. */
public final class ErrorMatcher {

    private ErrorMatcher() {
    }

    public static boolean matches(List<String> errorEquals, String error) {
        String name = error == null ? "" : error;
        if (ErrorNames.RUNTIME.equals(name)) {
            return false; // AWS: States.Runtime ends the execution, whatever Retry or Catch name
        }
        for (String candidate : errorEquals) {
            if (candidate.equals(name)) {
                return true;
            }
            // States.ALL matches every error but States.Runtime (AWS catches States.DataLimitExceeded with it)
            if (candidate.equals(ErrorNames.ALL)) {
                return true;
            }
            // States.TaskFailed is a wildcard for any task error but a timeout
            if (candidate.equals(ErrorNames.TASK_FAILED) && !name.equals(ErrorNames.TIMEOUT)
                    && !name.equals(ErrorNames.DATA_LIMIT_EXCEEDED)) {
                return true;
            }
        }
        return false;
    }

    /** Errors that end the execution whatever Retry, Catch or a Map's tolerance say. */
    static boolean terminal(String error) {
        return ErrorNames.RUNTIME.equals(error);
    }
}
