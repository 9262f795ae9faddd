package io.github.camelasl.test.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.engine.VirtualClock;
import io.github.camelasl.mock.MockConfig;
import io.github.camelasl.mock.MockTestCase;
import io.github.camelasl.model.MapState;
import io.github.camelasl.model.ParallelState;
import io.github.camelasl.model.State;
import io.github.camelasl.model.StateMachine;
import io.github.camelasl.model.TaskState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs test cases of a mock configuration's state machine entry against a deployed state machine, one after the
 * other, each to its end on the virtual clock: a day's Wait or a minute's back-off costs no real time. A case whose
 * execution waits for something no timer brings (a callback, an activity worker) is stopped and fails, saying so.
 */
public final class MockSuiteRunner {

    /** How long an execution that looks idle, with no timer, may take to end or set one (real time). */
    static final Duration STUCK_GRACE = Duration.ofSeconds(2);

    private final StateMachineRuntime runtime;
    private final VirtualClock clock;
    private final MockConfig config;
    private final String stateMachine;

    /**
     * @param runtime      the state machine under test, deployed on {@code clock} ({@code AslDeployer#withClock})
     * @param stateMachine the entry of the configuration's StateMachines whose test cases run
     * @throws SuiteException when the runtime does not run on {@code clock}, or the configuration has no such entry
     */
    public MockSuiteRunner(StateMachineRuntime runtime, VirtualClock clock, MockConfig config, String stateMachine) {
        if (runtime.config().clock() != clock) {
            throw new SuiteException("The suite cannot run", List.of("the state machine "
                    + runtime.config().name() + " is not deployed on the suite's virtual clock"));
        }
        if (!config.testCaseNames().containsKey(stateMachine)) {
            throw new SuiteException("The suite cannot run", List.of("/StateMachines/"
                    + Expectations.pointer(stateMachine) + ": the mock configuration has no such state machine (it "
                    + "has: " + String.join(", ", config.testCaseNames().keySet()) + ")"));
        }
        this.runtime = runtime;
        this.clock = clock;
        this.config = config;
        this.stateMachine = stateMachine;
    }

    /** The test cases of the entry, in the configuration's order. */
    public Set<String> testCases() {
        return config.testCaseNames().get(stateMachine);
    }

    /**
     * Runs {@code testCases} in order, each with its expectation's input, else {@code input}.
     *
     * @throws SuiteException naming a test case the entry does not have, a state one mocks that is no Task state of
     *                        the definition, or an expectation of a test case the entry does not have
     */
    public List<CaseResult> run(List<String> testCases, JsonNode input, Expectations expectations) {
        List<String> problems = new ArrayList<>();
        Set<String> tasks = taskStates(runtime.machine(), new java.util.HashSet<>());
        for (String name : testCases) {
            String at = "/StateMachines/" + Expectations.pointer(stateMachine) + "/TestCases/"
                    + Expectations.pointer(name);
            MockTestCase testCase = config.testCase(stateMachine, name).orElse(null);
            if (testCase == null) {
                problems.add(at + ": no such test case (it has: " + String.join(", ", testCases()) + ")");
                continue;
            }
            testCase.stateNames().stream().sorted().filter(state -> !tasks.contains(state)).forEach(state ->
                    problems.add(at + "/" + Expectations.pointer(state) + ": the definition has no Task state named '"
                            + state + "'"));
        }
        for (String name : expectations.testCases()) {
            if (!testCases().contains(name)) {
                problems.add("expectations /TestCases/" + Expectations.pointer(name) + ": the mock configuration "
                        + "has no such test case for " + stateMachine);
            }
        }
        if (!problems.isEmpty()) {
            throw new SuiteException("The suite cannot run", problems);
        }
        List<CaseResult> results = new ArrayList<>();
        for (String name : testCases) {
            Expectation expectation = expectations.of(name);
            results.add(run(name, expectation.input() != null ? expectation.input() : input, expectation));
        }
        return results;
    }

    /** The names of the Task states of {@code machine}, at any depth. */
    private static Set<String> taskStates(StateMachine machine, Set<String> names) {
        for (State state : machine.states().values()) {
            if (state instanceof TaskState) {
                names.add(state.common().name());
            } else if (state instanceof ParallelState parallel) {
                parallel.branches().forEach(branch -> taskStates(branch, names));
            } else if (state instanceof MapState map) {
                taskStates(map.itemProcessor(), names);
            }
        }
        return names;
    }

    /** Runs one test case to its end and checks it. */
    public CaseResult run(String testCase, JsonNode input, Expectation expectation) {
        MockTestCase mocks = config.testCase(stateMachine, testCase).orElseThrow(() -> new SuiteException(
                "The suite cannot run", List.of("no test case '" + testCase + "' for " + stateMachine)));
        long began = System.nanoTime();
        StateMachineRuntime.Started started;
        try {
            started = runtime.begin(input, null, Map.of(), List.of(), false, mocks.newExecution());
        } catch (AslError e) {
            return failed(testCase, began, "Input: the execution cannot start: " + e.error() + ": " + e.cause());
        }
        CompletableFuture<ExecutionResult> completion = started.completion();
        String stuck = null;
        try {
            if (!runToTheEnd(completion)) {
                stuck = "the execution waits for something no timer brings (a callback or an activity worker?) and "
                        + "was stopped";
            }
        } catch (IllegalStateException e) { // the clock's bounds: too many timers, or never idle
            stuck = e.getMessage();
        }
        if (stuck != null) {
            try {
                runtime.stop(started.executionArn(), "States.Runtime", "asl test: " + stuck);
            } catch (RuntimeException ignored) {
                // it may have ended meanwhile
            }
        }
        ExecutionResult result;
        try {
            result = completion.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(testCase, began, "interrupted");
        } catch (ExecutionException e) {
            return failed(testCase, began, "Status: the execution could not run: " + e.getCause());
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - began);
        List<String> states = statesEntered(result.history());
        List<String> failures = new ArrayList<>();
        if (stuck != null) {
            failures.add("Status: " + stuck);
        }
        failures.addAll(expectation.check(result.status(), result.output(), result.error(), result.cause(), states));
        Duration virtual = result.startDate() == null || result.stopDate() == null ? Duration.ZERO
                : Duration.between(result.startDate(), result.stopDate());
        return new CaseResult(testCase, result.status(), result.output(), result.error(), result.cause(), states,
                wall, virtual, failures);
    }

    /**
     * Runs the clock until the execution ends; false when it is left waiting with no timer due. Work the clock does
     * not see (a pool it was not handed) can look idle for a moment: such a wait is given a short real-time grace,
     * in which the execution may end or set a timer, before the case is called stuck.
     */
    private boolean runToTheEnd(CompletableFuture<ExecutionResult> completion) {
        long graceEnds = System.nanoTime() + STUCK_GRACE.toNanos();
        while (!clock.runUntil(completion::isDone)) {
            while (clock.pendingTimers() == 0 && !completion.isDone()) {
                if (System.nanoTime() > graceEnds) {
                    return false;
                }
                try {
                    completion.get(5, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException | ExecutionException e) {
                    // not yet (or failed: the caller reads how)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private static CaseResult failed(String testCase, long began, String failure) {
        return new CaseResult(testCase, null, null, null, null, List.of(), Duration.ofNanos(System.nanoTime() - began),
                Duration.ZERO, List.of(failure));
    }

    /** The names of the states entered, in history order. */
    static List<String> statesEntered(List<JsonNode> history) {
        List<String> states = new ArrayList<>();
        if (history != null) {
            for (JsonNode event : history) {
                JsonNode entered = event.get("stateEnteredEventDetails");
                if (entered != null && entered.hasNonNull("name")) {
                    states.add(entered.get("name").asText());
                }
            }
        }
        return states;
    }
}
