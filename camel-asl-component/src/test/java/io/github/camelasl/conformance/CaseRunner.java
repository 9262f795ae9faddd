package io.github.camelasl.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslDeployer;
import io.github.camelasl.AslValidationException;
import io.github.camelasl.conformance.ConformanceCase.Outcome;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.resource.ResourceResolver;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.store.InMemoryExecutionStore;
import io.github.camelasl.validation.Diagnostic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Runs cases on the engine, the way the recording ran them on AWS: same definition, input, type and names. Cases
 * run concurrently (executions are asynchronous and some Wait for seconds), a bounded number at a time.
 */
final class CaseRunner implements AutoCloseable {

    private static final String DEFAULT_MACHINE_NAME = "conformance-machine";
    private static final String DEFAULT_EXECUTION_NAME = "conformance-execution";

    private final CamelContext camel;
    private final ScheduledExecutorService timers;
    private final ExecutorService workers;
    private final Duration timeout;
    private final Set<String> services;
    private final Function<ConformanceCase, List<ResourceResolver>> resolvers;
    private final CaseFixture fixture;
    /** Adding and removing routes is serialised; it is quick, and Camel's route bookkeeping is simplest that way. */
    private final Object routes = new Object();

    CaseRunner(int concurrency, Duration timeout) throws Exception {
        this(concurrency, timeout, Set.of(), c -> List.of());
    }

    /**
     * A runner for a connector's test: cases needing only {@code services} run too, each with the resolvers
     * {@code resolvers} gives for it (pointing its Tasks at a local stand-in of the service, say).
     */
    CaseRunner(int concurrency, Duration timeout, Set<String> services,
               Function<ConformanceCase, List<ResourceResolver>> resolvers) throws Exception {
        this(concurrency, timeout, services, resolvers, (c, deployer, camel) -> () -> { });
    }

    /**
     * What a case needs deployed beside its own state machine, in the runner's CamelContext with the case's deployer
     * (the child machines its Tasks start, say); closed once the case has run.
     */
    @FunctionalInterface
    interface CaseFixture {
        AutoCloseable deploy(ConformanceCase c, AslDeployer deployer, CamelContext camel) throws Exception;
    }

    /** As above, with {@code fixture} deployed for each case before it runs. */
    CaseRunner(int concurrency, Duration timeout, Set<String> services,
               Function<ConformanceCase, List<ResourceResolver>> resolvers, CaseFixture fixture) throws Exception {
        this.fixture = fixture;
        this.timeout = timeout;
        this.services = Set.copyOf(services);
        this.resolvers = resolvers;
        this.camel = new DefaultCamelContext();
        // an execution still running after its case timed out must not hold up its undeploy for Camel's 45 s
        camel.getShutdownStrategy().setTimeout(1);
        camel.start();
        this.timers = Executors.newScheduledThreadPool(2);
        this.workers = Executors.newFixedThreadPool(concurrency);
    }

    /** Runs the cases in scope and skips the others; the results are in the order of the cases. */
    List<CaseResult> runAll(List<ConformanceCase> cases) throws InterruptedException {
        List<Future<CaseResult>> pending = new ArrayList<>();
        for (ConformanceCase c : cases) {
            pending.add(c.skipReason(services)
                    .<Future<CaseResult>>map(reason -> CompletableFuture.completedFuture(CaseResult.skipped(c, reason)))
                    .orElseGet(() -> workers.submit(() -> run(c))));
        }
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            try {
                results.add(pending.get(i).get());
            } catch (ExecutionException e) {
                results.add(CaseResult.failed(cases.get(i), "harness error: " + e.getCause()));
            }
        }
        return results;
    }

    CaseResult run(ConformanceCase c) {
        // a store per case: the recorded names repeat across cases, and the store keys executions by ARN
        InMemoryExecutionStore store = new InMemoryExecutionStore();
        AslDeployer deployer = new AslDeployer(camel, store, new ResourceResolvers(camel, resolvers.apply(c)), timers);
        StateMachineConfig config = new StateMachineConfig(c.stateMachineName().orElse(DEFAULT_MACHINE_NAME),
                c.type(), "aws", "us-east-1", "111111111111", c.roleArn());
        String executionName = c.executionName().orElse(DEFAULT_EXECUTION_NAME);

        StateMachineRuntime runtime = null;
        AutoCloseable deployedFixture;
        try {
            synchronized (routes) {
                deployedFixture = fixture.deploy(c, deployer, camel);
            }
        } catch (Exception e) {
            return CaseResult.failed(c, "fixture error: " + e);
        }
        try {
            synchronized (routes) {
                runtime = deployer.deploy(c.name(), Json.write(c.definition()), config);
            }
        } catch (AslValidationException e) {
            return CaseResult.failed(c, "definition refused: " + e.diagnostics().stream()
                    .map(Diagnostic::toString).collect(Collectors.joining("; ")));
        } catch (Exception e) {
            return CaseResult.failed(c, "deploy error: " + e);
        } finally {
            if (runtime == null) {
                close(deployedFixture);
            }
        }
        try {
            ExecutionResult result = runtime.start(c.input(), executionName, Map.of(), List.of())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Outcome actual = ResultNormaliser.normalise(c,
                    new Outcome(result.status().name(), result.output(), result.error(), result.cause()),
                    result.history());
            return new ResultComparator(c).difference(actual)
                    .map(difference -> CaseResult.failed(c, difference))
                    .orElseGet(() -> CaseResult.passed(c));
        } catch (TimeoutException e) {
            return CaseResult.failed(c, "no result within " + timeout.toSeconds() + " s"
                    + lastEvent(store, config.executionArn(executionName)));
        } catch (ExecutionException e) {
            return CaseResult.failed(c, "engine error: " + describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CaseResult.failed(c, "interrupted");
        } catch (RuntimeException e) {
            return CaseResult.failed(c, "error: " + describe(e));
        } finally {
            undeploy(runtime);
            close(deployedFixture);
        }
    }

    private void close(AutoCloseable deployedFixture) {
        try {
            synchronized (routes) {
                deployedFixture.close();
            }
        } catch (Exception e) {
            // the result is already known
        }
    }

    /** The exception and where in the engine it was thrown, to point at the code to fix. */
    private static String describe(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("io.github.camelasl.")) {
                return e + " at " + frame.getClassName().substring("io.github.camelasl.".length()) + "."
                        + frame.getMethodName() + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
            }
        }
        return e.toString();
    }

    private static String lastEvent(InMemoryExecutionStore store, String executionArn) {
        List<JsonNode> events = store.events(executionArn);
        return events.isEmpty() ? " (no history event)"
                : " (last history event: " + events.get(events.size() - 1).path("type").asText() + ")";
    }

    private void undeploy(StateMachineRuntime runtime) {
        try {
            synchronized (routes) {
                runtime.undeploy();
            }
        } catch (Exception e) {
            // the result is already known; a route that will not stop does not change it
        }
    }

    @Override
    public void close() throws Exception {
        workers.shutdownNow();
        timers.shutdownNow();
        camel.close();
    }
}
