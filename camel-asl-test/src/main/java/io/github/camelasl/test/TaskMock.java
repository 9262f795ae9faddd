package io.github.camelasl.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.mock.MockedResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The mock of a Task state (by name) or of every Task calling a Resource: its answers, one per invocation in order,
 * the last answering every invocation after it (as Mockito's {@code thenReturn(a, b)}); counted per execution,
 * across its retries, Map iterations and Parallel branches. An answer goes through the state's ResultSelector,
 * ResultPath, OutputPath, Retry and Catch as the endpoint's would.
 *
 * <pre>
 * machine.mock("Charge").thenThrow("Payment.Declined", "card expired").thenReturn("{\"charged\": true}");
 * machine.mock("Enrich").thenAnswer(input -&gt; Map.of("id", input.get("id"), "ok", true));
 * </pre>
 */
public final class TaskMock {

    private final String description;
    private final List<Function<JsonNode, MockedResponse>> answers = new ArrayList<>();
    private final List<JsonNode> received = new ArrayList<>();

    TaskMock(String description) {
        this.description = description;
    }

    /**
     * Answers {@code response}: JSON text when a String ({@code "\"text\""} for a JSON string), else a JsonNode or
     * any object Jackson converts (a Map, a record).
     *
     * @throws IllegalArgumentException when a String is not JSON text
     */
    public TaskMock thenReturn(Object response) {
        JsonNode payload = toJson(response, "thenReturn");
        return add(input -> new MockedResponse.Return(payload));
    }

    /** Fails the Task with {@code error} (what Retry's and Catch's ErrorEquals match) and no cause. */
    public TaskMock thenThrow(String error) {
        return thenThrow(error, null);
    }

    /** Fails the Task with {@code error} and {@code cause}. */
    public TaskMock thenThrow(String error, String cause) {
        if (error == null || error.isEmpty()) {
            throw new IllegalArgumentException(description + ": thenThrow needs an error name");
        }
        MockedResponse thrown = new MockedResponse.Throw(error, cause);
        return add(input -> thrown);
    }

    /**
     * Answers what {@code answer} makes of the Task's effective input (after InputPath and Parameters or
     * Arguments): a JsonNode or an object Jackson converts (a String is a JSON string here). An {@link AslError} it
     * throws fails the Task with that error and cause; any other exception fails the execution with
     * States.Runtime naming the mock, as a bug in the test.
     */
    public TaskMock thenAnswer(Function<JsonNode, ?> answer) {
        Objects.requireNonNull(answer, "answer");
        return add(input -> {
            try {
                Object result = answer.apply(input);
                return new MockedResponse.Return(result instanceof JsonNode node ? node
                        : Json.MAPPER.valueToTree(result));
            } catch (AslError error) {
                return new MockedResponse.Throw(error.error(), error.cause());
            } catch (RuntimeException e) {
                return new MockedResponse.Throw("States.Runtime", description + "'s answer threw " + e);
            }
        });
    }

    /** The effective inputs its Tasks received, in order, across the kit's executions (copies). */
    public synchronized List<JsonNode> invocations() {
        return List.copyOf(received);
    }

    private synchronized TaskMock add(Function<JsonNode, MockedResponse> answer) {
        answers.add(answer);
        return this;
    }

    /** The answer to invocation {@code invocation} (from 0) of one execution. */
    MockedResponse answer(long invocation, JsonNode input) {
        Function<JsonNode, MockedResponse> answer;
        synchronized (this) {
            if (answers.isEmpty()) {
                return new MockedResponse.Throw("States.Runtime", description + " has no answer: give it one with "
                        + "thenReturn, thenThrow or thenAnswer");
            }
            answer = answers.get((int) Math.min(invocation, answers.size() - 1));
            received.add(input.deepCopy());
        }
        return answer.apply(input.deepCopy()); // the answer may keep or change what it is given
    }

    String description() {
        return description;
    }

    private JsonNode toJson(Object response, String method) {
        if (response instanceof JsonNode node) {
            return node.deepCopy();
        }
        if (response instanceof String text) {
            try {
                return Json.parse(text);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(description + ": " + method + "(\"" + abbreviate(text)
                        + "\") is not JSON text (" + e.getOriginalMessage() + "); for a JSON string write it quoted");
            }
        }
        return Json.MAPPER.valueToTree(response);
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
