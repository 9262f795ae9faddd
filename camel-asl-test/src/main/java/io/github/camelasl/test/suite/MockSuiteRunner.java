package io.github.camelasl.test.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.engine.VirtualClock;
import io.github.camelasl.test.AslTestKit;
import io.github.camelasl.test.ExecutionRun;
import io.github.camelasl.mock.MockConfig;
import io.github.camelasl.mock.MockTestCase;
import io.github.camelasl.model.StateMachine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs test cases of a mock configuration's state machine entry, one after the other, each in a deployment of its
 * own on a virtual clock of its own (starting at the same instant: a case's times do not depend on the wall clock or
 * on the cases before it, and a case that hangs an endpoint leaves the next ones alone), run to its end the kit's way
 * ({@link ExecutionRun#runUntilEnded()}): a day's Wait or a minute's back-off costs no real time. A case whose
 * execution waits for something no timer brings (a callback, an activity worker) is stopped and fails, saying so.
 */
public final class MockSuiteRunner {

    /** Deploys the state machine under test on a clock; the runner undeploys it after the case. */
    @FunctionalInterface
    public interface Deployment {
        StateMachineRuntime deployOn(VirtualClock clock) throws Exception;
    }

    /** How long a stopped case may take to end once stopped (real time; it ends at once). */
    private static final Duration STOPPED_END = Duration.ofSeconds(30);

    private final Deployment deployment;
    private final Instant clockStart;
    private final StateMachine machine;
    private final MockConfig config;
    private final String stateMachine;

    /**
     * Deploys the state machine once, to check the definition and the configuration before any case runs.
     *
     * @param deployment   deploys the state machine under test on the clock it is given ({@code
     *                     AslDeployer#withClock}); a deployment that fails throws what it threw (an invalid
     *                     definition's problems)
     * @param clockStart   where each case's clock starts ({@link AslTestKit#DEFAULT_START} unless told)
     * @param stateMachine the entry of the configuration's StateMachines whose test cases run
     * @throws SuiteException when the configuration has no such entry
     */
    public MockSuiteRunner(Deployment deployment, Instant clockStart, MockConfig config, String stateMachine) {
        if (!config.testCaseNames().containsKey(stateMachine)) {
            throw new SuiteException("The suite cannot run", List.of("/StateMachines/"
                    + Expectations.pointer(stateMachine) + ": the mock configuration has no such state machine (it "
                    + "has: " + String.join(", ", config.testCaseNames().keySet()) + ")"));
        }
        this.deployment = deployment;
        this.clockStart = java.util.Objects.requireNonNull(clockStart, "clockStart");
        this.config = config;
        this.stateMachine = stateMachine;
        StateMachineRuntime probe = deploy(AslTestKit.newClock(clockStart));
        this.machine = probe.machine();
        undeploy(probe);
    }

    /** The definition's model (its Task states, for checks of one's own). */
    public StateMachine machine() {
        return machine;
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
        Set<String> tasks = machine.taskStates().keySet();
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

    /** Runs one test case to its end, on a deployment and a clock of its own, and checks it. */
    public CaseResult run(String testCase, JsonNode input, Expectation expectation) {
        MockTestCase mocks = config.testCase(stateMachine, testCase).orElseThrow(() -> new SuiteException(
                "The suite cannot run", List.of("no test case '" + testCase + "' for " + stateMachine)));
        long began = System.nanoTime();
        VirtualClock clock = AslTestKit.newClock(clockStart);
        StateMachineRuntime runtime = deploy(clock);
        try {
            return run(runtime, clock, testCase, mocks, input, expectation, began);
        } finally {
            undeploy(runtime);
        }
    }

    private CaseResult run(StateMachineRuntime runtime, VirtualClock clock, String testCase, MockTestCase mocks,
            JsonNode input, Expectation expectation, long began) {
        StateMachineRuntime.Started started;
        try {
            started = runtime.begin(input, null, Map.of(), List.of(), false, mocks.newExecution());
        } catch (AslError e) {
            return failed(testCase, began, "Input: the execution cannot start: " + e.error() + ": " + e.cause());
        }
        CompletableFuture<ExecutionResult> completion = started.completion();
        ExecutionRun run = ExecutionRun.of(runtime, started.executionArn(), completion);
        String stuck = null;
        try {
            if (!run.runUntilEnded()) {
                stuck = "the execution waits for something no timer brings (a callback or an activity worker?) and "
                        + "was stopped; " + run.whereItIs();
            }
        } catch (IllegalStateException e) { // the clock's bounds: too many timers, or never idle
            stuck = "the execution did not end within the virtual clock's bounds and was stopped: " + e.getMessage();
        }
        if (stuck != null) {
            try {
                runtime.stop(started.executionArn(), "States.Runtime", "asl test: " + stuck);
                clock.runUntilIdle(); // what the stop leaves to do (a waiting Task's release) runs as time moves
            } catch (RuntimeException ignored) {
                // it may have ended meanwhile, or be past the clock's bounds: the undeployment ends it
            }
        }
        ExecutionResult result;
        try {
            result = completion.get(STOPPED_END.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(testCase, began, "interrupted");
        } catch (ExecutionException e) {
            return failed(testCase, began, "Status: the execution could not run: " + e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            return failed(testCase, began, "Status: " + stuck + "; it did not end when stopped");
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - began);
        List<String> states = run.statesEntered();
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

    private StateMachineRuntime deploy(VirtualClock clock) {
        try {
            return deployment.deployOn(clock);
        } catch (RuntimeException e) {
            throw e; // an invalid definition's problems, as the caller's deployment says them
        } catch (Exception e) {
            throw new SuiteException("The suite cannot run", List.of("the state machine did not deploy: " + e));
        }
    }

    private static void undeploy(StateMachineRuntime runtime) {
        try {
            runtime.undeploy();
        } catch (Exception e) {
            // its routes stay in the context until it stops: the next case deploys its own
        }
    }

    private static CaseResult failed(String testCase, long began, String failure) {
        return new CaseResult(testCase, null, null, null, null, List.of(), Duration.ofNanos(System.nanoTime() - began),
                Duration.ZERO, List.of(failure));
    }
}
