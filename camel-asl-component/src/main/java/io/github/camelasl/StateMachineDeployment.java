package io.github.camelasl;

import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.engine.UnresumableExecutions;
import io.github.camelasl.history.HistoryListener;
import io.github.camelasl.history.TerminalText;
import io.github.camelasl.store.ExecutionRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One state machine deployed in a CamelContext, shared by the asl: endpoints that name it (and used by the Step
 * Functions API server for those it keeps): its runtime, and the older definitions deployed beside it for
 * executions that started on them before a restart.
 */
public final class StateMachineDeployment {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StateMachineDeployment.class);

    private final String source;
    private final String definition;
    private final StateMachineRuntime runtime;
    private final AslDeployer deployer;
    private final int parkInMemorySeconds;
    private final java.util.Set<String> cachedStates;
    private final List<StateMachineRuntime> earlierVersions = new ArrayList<>();
    /** The endpoints using it; it is undeployed when the last one goes. Guarded by the component. */
    int users;

    /**
     * @param runtime             what {@code deployer} deployed of {@code definition}
     * @param parkInMemorySeconds see {@link StateMachineRuntime#parkInMemorySeconds}; for the older definitions too
     */
    public StateMachineDeployment(String source, String definition, StateMachineRuntime runtime,
            AslDeployer deployer, int parkInMemorySeconds, java.util.Set<String> cachedStates) {
        this.cachedStates = cachedStates;
        this.source = source;
        this.definition = definition;
        this.runtime = runtime;
        this.deployer = deployer;
        this.parkInMemorySeconds = parkInMemorySeconds;
        runtime.parkInMemorySeconds(parkInMemorySeconds);
    }

    public StateMachineRuntime runtime() {
        return runtime;
    }

    java.util.Set<String> cachedStates() {
        return cachedStates;
    }

    String definition() {
        return definition;
    }

    /**
     * Resumes the executions of this state machine that the durable store holds as RUNNING: those a stop or a
     * crash interrupted. Each runs the definition it started with: this one, or, when that has changed since,
     * the older one, deployed beside it for as long as this deployment lives. One that cannot resume (see
     * {@link UnresumableExecutions}) ends FAILED; the others resume all the same.
     */
    public synchronized void resumeUnfinished(List<HistoryListener> listeners) {
        Map<String, StateMachineRuntime> versions = new HashMap<>();
        String stateMachineArn = runtime.config().stateMachineArn();
        List<ExecutionRecord> unfinished;
        try {
            unfinished = runtime.store().unfinished(stateMachineArn, row -> UnresumableExecutions.fail(
                    runtime.store(), row.executionArn(), row.stateMachineArn(), null, row.problem(), listeners,
                    runtime.config().clock()));
        } catch (RuntimeException e) {
            // the store cannot be read now: they stay RUNNING there, for the next start
            LOG.warn("Cannot resume the executions of {} now: {}. They stay RUNNING in the store.", stateMachineArn,
                    TerminalText.escape(e.getMessage()));
            return;
        }
        for (ExecutionRecord record : unfinished) {
            StateMachineRuntime version = runtime;
            if (record.definition() != null && !record.definition().equals(runtime.definition())) {
                version = versions.get(record.definition());
                if (version == null) {
                    try {
                        version = deployer.deploy(source + " (the version " + record.name() + " started with)",
                                record.definition(), runtime.config(), java.util.Set.of());
                    } catch (Exception e) {
                        UnresumableExecutions.fail(runtime.store(), record.executionArn(), stateMachineArn, record,
                                "the definition it started with does not deploy: " + e.getMessage(), listeners,
                                runtime.config().clock());
                        continue;
                    }
                    version.parkInMemorySeconds(parkInMemorySeconds);
                    versions.put(record.definition(), version);
                    earlierVersions.add(version);
                }
            }
            LOG.info("Resuming execution {}", record.executionArn());
            version.resumeInBackground(record, listeners).whenComplete((result, failure) -> {
                if (failure != null) { // the store could not be read or written: it stays RUNNING there
                    LOG.warn("Resumed execution {} stopped: {}", TerminalText.escape(record.executionArn()),
                            TerminalText.escape(failure.toString()));
                } else {
                    LOG.info("Resumed execution {} ended: {}", TerminalText.escape(record.executionArn()),
                            result.status());
                }
            });
        }
    }

    /** The older definitions {@link #resumeUnfinished} deployed for executions that started on them. */
    public synchronized List<StateMachineRuntime> earlierVersions() {
        return List.copyOf(earlierVersions);
    }

    synchronized void undeploy() throws Exception {
        runtime.undeploy();
        for (StateMachineRuntime version : earlierVersions) {
            version.undeploy();
        }
        earlierVersions.clear();
    }
}
