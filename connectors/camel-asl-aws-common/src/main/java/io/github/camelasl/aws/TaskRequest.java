package io.github.camelasl.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.resource.ResourceProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The request a Task state writes for a service, as far as it can be told before the state runs: the literal keys
 * of its {@code Parameters} (JSONPath; {@code Key.$} gives {@code Key} from the data) or its {@code Arguments}
 * object (JSONata; a value may be an expression, the key is there). Parameters that are not an object (an array, a
 * string, ...) are a request without keys. A request that is computed (an {@code Arguments} that is one JSONata
 * expression, or no Parameters/Arguments at all, when the state's input is the request) has every key: there is
 * nothing to check. Connectors use it in
 * {@link io.github.camelasl.resource.ResourceResolver#check} to report missing required parameters.
 */
public final class TaskRequest {

    private final String field;
    private final JsonNode value;

    private TaskRequest(String field, JsonNode value) {
        this.field = field;
        this.value = value;
    }

    /** The request of the Task state {@code taskState} (its JSON object as written). */
    public static TaskRequest of(JsonNode taskState) {
        if (taskState != null && taskState.isObject()) {
            for (String field : List.of("Arguments", "Parameters")) {
                JsonNode value = taskState.get(field);
                if (value != null) {
                    return new TaskRequest(field, value);
                }
            }
        }
        return new TaskRequest(null, null);
    }

    /** {@code Parameters} or {@code Arguments}, whichever the state writes its request in; null when neither. */
    public String field() {
        return field;
    }

    /**
     * True when the keys are known: the request is written out, not computed. Validation lets Arguments be only an
     * object or an expression, so a textual Arguments is an expression.
     */
    public boolean literal() {
        return value != null && !("Arguments".equals(field) && value.isTextual());
    }

    /** True when {@code key} is in the request, or may be (the request is computed). */
    public boolean has(String key) {
        if (!literal()) {
            return true;
        }
        return value.has(key) || ("Parameters".equals(field) && value.has(key + ".$"));
    }

    /**
     * The keys the request writes, in its order, a Parameters key {@code Key.$} as {@code Key}: none when the request
     * is computed ({@link #literal()} is false) or not an object.
     */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        if (literal() && value.isObject()) {
            value.fieldNames().forEachRemaining(key -> keys.add("Parameters".equals(field) && key.endsWith(".$")
                    ? key.substring(0, key.length() - 2) : key));
        }
        return keys;
    }

    /** A problem for each of {@code keys} missing from the request, in their order. */
    public List<ResourceProblem> require(String... keys) {
        List<ResourceProblem> problems = new ArrayList<>();
        for (String key : keys) {
            if (!has(key)) {
                problems.add(ResourceProblem.missing(field, key));
            }
        }
        return problems;
    }

    /** A problem when none of {@code keys} is in the request. */
    public Optional<ResourceProblem> requireOneOf(String... keys) {
        if (Stream.of(keys).anyMatch(this::has)) {
            return Optional.empty();
        }
        String names = Stream.of(keys).map(k -> "'" + k + "'").collect(Collectors.joining(", "));
        return Optional.of(new ResourceProblem(field, "One of the fields " + names
                + " is required but all were missing"));
    }
}
