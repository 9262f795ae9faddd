package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.model.State;
import io.github.camelasl.model.StateMachine;
import io.github.camelasl.model.TaskState;
import io.github.camelasl.store.ExecutionStore;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Step caching, beyond AWS: a Task state named in the endpoint's {@code cachedStates} whose effective input and
 * definition are those of a run already recorded reuses that run's result instead of calling its endpoint
 * again. Configured outside the definition, so the definition stays valid for AWS. The key is a SHA-256 of the
 * state machine's ARN, the state's JSON pointer, its JSON as written in the definition, the endpoint it calls
 * and its effective input: a change to any of them runs the state again. Only successful results are kept.
 */
public final class StepCaching {

    /** Caches nothing. */
    public static final StepCaching NONE = new StepCaching(null, Map.of(), null);

    private final String stateMachineArn;
    /** Each cached Task state, by identity, with its JSON text in the definition. */
    private final Map<State, String> cached;
    private final ExecutionStore store;

    private StepCaching(String stateMachineArn, Map<State, String> cached, ExecutionStore store) {
        this.stateMachineArn = stateMachineArn;
        this.cached = cached;
        this.store = store;
    }

    /**
     * @param names      state names to cache, or "*" for every Task state; empty for none
     * @param definition the definition as parsed JSON (the states' text is taken from it)
     * @throws IllegalArgumentException naming a state that is not a Task state of the definition
     */
    public static StepCaching of(Set<String> names, StateMachine machine, JsonNode definition, String stateMachineArn,
            ExecutionStore store) {
        if (names.isEmpty()) {
            return NONE;
        }
        java.util.Collection<TaskState> tasks = machine.taskStates().values();
        Set<String> unknown = new TreeSet<>(names);
        unknown.remove("*");
        tasks.forEach(task -> unknown.remove(task.name()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("cachedStates names " + unknown + ", which "
                    + (unknown.size() == 1 ? "is not a Task state" : "are not Task states") + " of the definition "
                    + "(its Task states: " + tasks.stream().map(State::name).collect(Collectors.joining(", ")) + ")");
        }
        Map<State, String> cached = new java.util.IdentityHashMap<>();
        for (TaskState task : tasks) {
            if (names.contains("*") || names.contains(task.name())) {
                cached.put(task, Json.write(definition.at(task.common().pointer())));
            }
        }
        return new StepCaching(stateMachineArn, cached, store);
    }

    public boolean caches(State state) {
        return cached.containsKey(state);
    }

    /** The key of this run of the state: null when the state is not cached. */
    public String key(State state, String endpointUri, JsonNode effectiveInput) {
        String text = cached.get(state);
        if (text == null) {
            return null;
        }
        return Ids.sha256(stateMachineArn + '\n' + state.common().pointer() + '\n' + text + '\n' + endpointUri + '\n'
                + Json.write(effectiveInput));
    }

    public Optional<JsonNode> lookup(String key) {
        return store.cachedResult(key);
    }

    public void remember(String key, State state, JsonNode result) {
        store.cacheResult(key, stateMachineArn, state.name(), result);
    }
}
