package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The task tokens of {@code .waitForTaskToken} Tasks ({@code $$.Task.Token}) and the Tasks waiting on them, for
 * one component: SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat find the waiting Task by its token,
 * whichever state machine it belongs to. A token is 32 random bytes: whoever holds it may end the Task.
 */
public final class TaskTokens {

    /** A Task waiting on its token. */
    public interface Waiter {
        void succeeded(JsonNode output);

        void failed(String error, String cause);

        void heartbeat();

        /** An activity worker took the task. */
        default void started(String workerName) {
        }

        /** Its execution ended (stopped, timed out) while it waited. */
        default void executionEnded() {
            failed(ErrorNames.RUNTIME, "the execution ended while the task waited");
        }

        /**
         * The connector following the Task's job ended it ({@link TaskCompletions#succeed}/{@link
         * TaskCompletions#fail}): as SendTaskSuccess or SendTaskFailure, but its {@link #onEnd} listeners are not
         * told (the connector knows).
         */
        default void completed(JsonNode output, String error, String cause) {
            if (error == null) {
                succeeded(output);
            } else {
                failed(error, cause);
            }
        }

        /**
         * Tells {@code listener} once, with the reason (see {@link TaskCompletions}), when the Task stops waiting
         * for another reason than {@link #completed}; at once if it already has.
         */
        default void onEnd(java.util.function.Consumer<String> listener) {
        }
    }

    private record Waiting(String executionArn, Waiter waiter) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    void await(String token, String executionArn, Waiter waiter) {
        waiting.put(token, new Waiting(executionArn, waiter));
    }

    /** The Task stopped waiting (it timed out, or its execution ended): the token answers nothing any more. */
    void forget(String token) {
        waiting.remove(token);
    }

    /** Ends the waits of an execution that ended (stopped, timed out): their Tasks go on to find it over. */
    void release(String executionArn) {
        waiting.entrySet().removeIf(entry -> {
            if (entry.getValue().executionArn().equals(executionArn)) {
                entry.getValue().waiter().executionEnded();
                return true;
            }
            return false;
        });
    }

    /** Whether a Task waits for {@code token} here. */
    public boolean waiting(String token) {
        return token != null && waiting.containsKey(token);
    }

    /** The Task waiting for {@code token}, left waiting; null when none does. */
    Waiter waiter(String token) {
        Waiting found = token == null ? null : waiting.get(token);
        return found == null ? null : found.waiter();
    }

    /** Ends the Task waiting for {@code token} for the connector following its job (see {@link TaskCompletions}). */
    void complete(String token, JsonNode output, String error, String cause) {
        take(token).completed(output, error, cause);
    }

    /** AWS's SendTaskSuccess. */
    public void sendSuccess(String token, JsonNode output) {
        take(token).succeeded(output);
    }

    /** AWS's SendTaskFailure: the Task fails with {@code error} and {@code cause}, for its Retry and Catch. */
    public void sendFailure(String token, String error, String cause) {
        take(token).failed(error, cause);
    }

    /**
     * An activity worker took the task of this token (ActivityStarted); a token no Task waits for is ignored.
     *
     * @return whether a Task waits for the token (false: it timed out, or its execution ended, while queued)
     */
    public boolean started(String token, String workerName) {
        Waiting found = waiting.get(token);
        if (found != null) {
            found.waiter().started(workerName);
        }
        return found != null;
    }

    /** AWS's SendTaskHeartbeat: the Task's HeartbeatSeconds start again. */
    public void sendHeartbeat(String token) {
        Waiting found = waiting.get(check(token));
        if (found == null) {
            throw doesNotExist();
        }
        found.waiter().heartbeat();
    }

    private Waiter take(String token) {
        Waiting found = waiting.remove(check(token));
        if (found == null) {
            throw doesNotExist();
        }
        return found.waiter();
    }

    private static String check(String token) {
        if (token == null || token.isEmpty() || token.length() > 1024) {
            throw new AslError("InvalidToken", "Invalid Token: the taskToken must be 1 to 1024 characters");
        }
        return token;
    }

    private static AslError doesNotExist() {
        return new AslError("TaskDoesNotExist", "Task Does Not Exist: no task waits for this token (it ended, "
                + "timed out, or its execution stopped)");
    }
}
