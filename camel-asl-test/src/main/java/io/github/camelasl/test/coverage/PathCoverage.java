package io.github.camelasl.test.coverage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionObserver;
import io.github.camelasl.history.HistoryEvent;
import io.github.camelasl.model.DefinitionParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which paths of each state machine the tests exercised: states entered, Choice rules and Defaults that decided,
 * Retriers and Catchers that took errors, transitions (from Start, between states, to End), nested ones in Parallel
 * branches and Map item processors included. Register it as an {@link ExecutionObserver} (the kit does, with
 * {@link #global()}); {@link CoverageReport} writes what it holds. A definition deployed several times with the same
 * text (by several tests, under several names) is one entry. Thread-safe: executions on many threads count at once.
 */
public final class PathCoverage implements ExecutionObserver {

    /** Distinct definition texts kept at most: past it, new ones are counted as not tracked. */
    static final int MAX_DEFINITIONS = 10_000;
    /** Executions followed at once at most (each until it ends): past it, new ones are counted as not tracked. */
    static final int MAX_RUNNING = 100_000;

    private static final PathCoverage GLOBAL = new PathCoverage();

    private final Map<String, TrackedDefinition> definitions = new ConcurrentHashMap<>();
    private final Map<String, Run> running = new ConcurrentHashMap<>();
    private final AtomicLong untrackedDefinitions = new AtomicLong();
    private final AtomicLong untrackedExecutions = new AtomicLong();

    /** One execution being followed: its definition, and its states' exits not yet followed by an entry. */
    private static final class Run {
        final TrackedDefinition definition;
        /** StateExited event id → the state: the next StateEntered names it as its previous event. */
        final Map<Long, String> exits = new ConcurrentHashMap<>();

        Run(TrackedDefinition definition) {
            this.definition = definition;
        }
    }

    /** The coverage of this JVM's test run: what the kit records into, and what is reported at its end. */
    public static PathCoverage global() {
        return GLOBAL;
    }

    @Override
    public void deployed(String stateMachineArn, String definition) {
        track(stateMachineArn, definition);
    }

    @Override
    public void executionRunning(String executionArn, String stateMachineArn, String definition) {
        TrackedDefinition tracked = track(stateMachineArn, definition);
        if (tracked == null || running.size() >= MAX_RUNNING) {
            untrackedExecutions.incrementAndGet();
            return;
        }
        running.put(executionArn, new Run(tracked));
    }

    @Override
    public void onEvent(String executionArn, HistoryEvent event) {
        Run run = running.get(executionArn);
        if (run == null) {
            return;
        }
        String type = event.type();
        if (type.endsWith("StateEntered")) {
            String state = stateName(event, "stateEnteredEventDetails");
            String from = run.exits.remove(event.previousEventId());
            run.definition.entered(state, from);
        } else if (type.endsWith("StateExited")) {
            String state = stateName(event, "stateExitedEventDetails");
            if (run.definition.exitsToEnd(state)) {
                run.definition.count(new TrackedDefinition.Key(CoverageItem.Kind.TRANSITION, state, 0, null));
            } else {
                run.exits.put(event.id(), state);
            }
        } else if (type.equals("ExecutionSucceeded") || type.equals("ExecutionFailed")
                || type.equals("ExecutionTimedOut") || type.equals("ExecutionAborted")) {
            running.remove(executionArn);
        }
    }

    /** The state an event names; rendered, not kept (the history keeps only what its readers render). */
    private static String stateName(HistoryEvent event, String detailsField) {
        return event.render().path(detailsField).path("name").asText(null);
    }

    @Override
    public void choiceRuleMatched(String executionArn, String choiceState, int ruleIndex) {
        count(executionArn, CoverageItem.Kind.CHOICE_RULE, choiceState, ruleIndex);
    }

    @Override
    public void retrying(String executionArn, String state, int retrierIndex, int attempt) {
        count(executionArn, CoverageItem.Kind.RETRIER, state, retrierIndex);
    }

    @Override
    public void caught(String executionArn, String state, int catcherIndex) {
        count(executionArn, CoverageItem.Kind.CATCHER, state, catcherIndex);
    }

    private void count(String executionArn, CoverageItem.Kind kind, String state, int index) {
        Run run = running.get(executionArn);
        if (run != null) {
            run.definition.count(new TrackedDefinition.Key(kind, state, index, null));
        }
    }

    private TrackedDefinition track(String stateMachineArn, String definition) {
        TrackedDefinition tracked = definitions.get(definition);
        if (tracked == null) {
            if (definitions.size() >= MAX_DEFINITIONS) {
                untrackedDefinitions.incrementAndGet();
                return null;
            }
            tracked = definitions.computeIfAbsent(definition, PathCoverage::read);
        }
        tracked.stateMachineArns.add(stateMachineArn);
        return tracked;
    }

    /** A deployed definition: the engine validated it, so it reads. */
    private static TrackedDefinition read(String definition) {
        JsonNode json;
        try {
            json = Json.parse(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a deployed definition is not JSON: " + e.getOriginalMessage(), e);
        }
        return new TrackedDefinition(definition, DefinitionParser.parse(json));
    }

    /** What was covered so far, per definition, ordered by state machine name. */
    public List<DefinitionCoverage> definitions() {
        List<DefinitionCoverage> all = new ArrayList<>();
        for (TrackedDefinition tracked : definitions.values()) {
            all.add(new DefinitionCoverage(List.copyOf(tracked.stateMachineArns), tracked.definition, tracked.sha256,
                    tracked.items()));
        }
        all.sort(Comparator.comparing(DefinitionCoverage::name).thenComparing(DefinitionCoverage::sha256));
        return all;
    }

    /** Executions and definitions not followed because a bound was reached (see the report's notes). */
    public long untrackedExecutions() {
        return untrackedExecutions.get();
    }

    public long untrackedDefinitions() {
        return untrackedDefinitions.get();
    }

    /** Forgets everything recorded (a test of coverage itself; the global coverage is the whole run's). */
    public void reset() {
        definitions.clear();
        running.clear();
        untrackedDefinitions.set(0);
        untrackedExecutions.set(0);
    }
}
