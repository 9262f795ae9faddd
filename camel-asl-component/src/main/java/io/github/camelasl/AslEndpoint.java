package io.github.camelasl;

import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.StateMachineRuntime;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.ResourceHelper;

/**
 * Runs an ASL state machine: the message body is the execution input, the reply body its output. A failed
 * execution raises {@link io.github.camelasl.engine.AslError} with the ASL error name and cause.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "asl", title = "ASL (Amazon States Language)", syntax = "asl:name",
             producerOnly = true, category = { Category.WORKFLOW }, headersClass = AslConstants.class)
public class AslEndpoint extends DefaultEndpoint {

    @UriPath(description = "The state machine name, used in its ARN and its route ids.")
    @Metadata(required = true)
    private String name;
    @UriParam(description = "The ASL definition (JSON): classpath:, file: or http: resource, or ref: to a bean "
                            + "holding the text.")
    @Metadata(required = true, supportFileReference = true)
    private String definition;
    @UriParam(description = "The state machine type.", enums = "STANDARD,EXPRESS", defaultValue = "STANDARD")
    private String type = "STANDARD";
    @UriParam(description = "The region used to build state machine and execution ARNs (overrides the component's).")
    private String region;
    @UriParam(description = "The account id used to build ARNs (overrides the component's).")
    private String accountId;
    @UriParam(description = "The IAM role ARN reported as $$.Execution.RoleArn.")
    private String roleArn;
    @UriParam(description = "Multiplies every Retry back-off (IntervalSeconds x BackoffRate^attempt, after "
            + "MaxDelaySeconds and jitter): 0 retries at once. For local tests and benchmarks; at 1 the engine waits "
            + "as AWS does.", defaultValue = "1")
    private double retryIntervalScale = 1;
    @UriParam(description = "What a message does: run (the default: runs an execution and replies with its output), "
            + "or a Step Functions API operation with AWS's request and response JSON: startExecution (starts one "
            + "and replies at once with its executionArn), startSyncExecution (runs one and replies with AWS's "
            + "StartSyncExecution response, also when it fails), describeExecution, listExecutions, "
            + "getExecutionHistory, stopExecution, redriveExecution, restartExecution (beyond AWS: a new execution "
            + "from a chosen state, with edited input), and the callbacks of .waitForTaskToken Tasks: "
            + "sendTaskSuccess, sendTaskFailure, sendTaskHeartbeat (any state machine name).",
            enums = "run,startExecution,startSyncExecution,describeExecution,listExecutions,getExecutionHistory,"
                    + "stopExecution,redriveExecution,restartExecution,sendTaskSuccess,sendTaskFailure,sendTaskHeartbeat",
            defaultValue = "run")
    private String operation = "run";
    @UriParam(label = "advanced", description = "A STANDARD execution whose Wait lasts longer than this leaves the "
            + "engine while it waits: its store holds it (the default SQLite store on disk; the in-memory store keeps "
            + "only its record, checkpoint and history), and it is read back when the Wait ends. Shorter waits keep "
            + "the running execution (no store read). 0 evicts every wait.",
            defaultValue = "30")
    private int parkInMemorySeconds = StateMachineRuntime.DEFAULT_PARK_IN_MEMORY_SECONDS;
    @UriParam(description = "Step caching, beyond AWS: comma-separated names of Task states (or *) whose result is "
            + "recorded and reused when the state runs again with the same effective input and the same definition, "
            + "instead of calling its endpoint. Kept in the execution store, so on the default SQLite store across "
            + "restarts. The definition itself stays as AWS runs it.")
    private String cachedStates;
    @UriParam(label = "limits", description = "The limits executions run under: default (caps that protect the "
            + "process, far above AWS's quotas: maxPayloadSize 64 MiB, maxNestingDepth 1000, maxHistoryEvents "
            + "5,000,000) or aws (AWS's quotas: 256 KiB payloads, 25,000 history events, AWS's rules for execution "
            + "names). A payload over its limit fails the state with States.DataLimitExceeded; a full history fails "
            + "the execution with States.Runtime; a name against the rules is refused with InvalidName. Also "
            + "settable on the component.", enums = "default,aws", defaultValue = "default")
    private String limits;
    @UriParam(label = "limits", description = "The most bytes of JSON text (UTF-8) an execution input, a state's "
            + "input, output or result, or a Task's reply may have; a reply or input stream is read no further. "
            + "Default: 67108864 (64 MiB), or 262144 with limits=aws. At most 536870912.")
    private Integer maxPayloadSize;
    @UriParam(label = "limits", description = "How deep the JSON of an input, output or result may nest, 1 to "
            + "1000 (deeper JSON would overflow the stack of the engine's recursive code). Default: 1000.")
    private Integer maxNestingDepth;
    @UriParam(label = "limits", description = "How many events an execution's history may hold, its last event "
            + "included: an execution that would record more fails with States.Runtime, as AWS fails one at 25,000. "
            + "It bounds the memory an endless loop takes. Default: 5000000, or 25000 with limits=aws.")
    private Integer maxHistoryEvents;

    private StateMachineDeployment deployment;

    public AslEndpoint(String uri, AslComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public Producer createProducer() {
        return new AslProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("the asl: endpoint is a producer: use .to(\"asl:...\")");
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        ((AslComponent) getComponent()).deployWhenReady(this);
    }

    /**
     * Loads, validates and deploys the definition as routes; an invalid definition fails with every problem.
     * Endpoints naming the same state machine with the same definition share one deployment (so its executions
     * are resumed once); an endpoint without a definition whose operation manages executions uses the deployment
     * another endpoint made.
     */
    void deploy() throws Exception {
        ExecutionOperations.Operation op;
        try {
            op = ExecutionOperations.Operation.valueOf(operation);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("asl:" + name + ": operation must be one of "
                    + java.util.Arrays.toString(ExecutionOperations.Operation.values()) + ", but was '" + operation
                    + "'");
        }
        if (retryIntervalScale < 0 || Double.isNaN(retryIntervalScale) || Double.isInfinite(retryIntervalScale)) {
            throw new IllegalArgumentException("asl:" + name + ": retryIntervalScale must be a number of at least 0, "
                    + "but was " + retryIntervalScale);
        }
        if (parkInMemorySeconds < 0) {
            throw new IllegalArgumentException("asl:" + name + ": parkInMemorySeconds must be at least 0, but was "
                    + parkInMemorySeconds);
        }
        if (definition == null || definition.isBlank()) {
            if (op.managesExecutions()) {
                return; // uses the deployment of the endpoint that has the definition: see runtime()
            }
            throw new IllegalArgumentException("asl:" + name + " needs the 'definition' option (e.g. "
                    + "definition=classpath:pipeline.asl.json)");
        }
        String text;
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(getCamelContext(), definition)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StateMachineConfig config = new StateMachineConfig(name, type, "aws", region, accountId, roleArn,
                retryIntervalScale, executionLimits());
        java.util.Set<String> cached = cachedStates == null || cachedStates.isBlank() ? java.util.Set.of()
                : java.util.Arrays.stream(cachedStates.split(",")).map(String::trim).filter(n -> !n.isEmpty())
                        .collect(java.util.stream.Collectors.toUnmodifiableSet());
        deployment = ((AslComponent) getComponent()).acquire(definition, text, config, parkInMemorySeconds, cached);
    }

    /** The limits the options give; a bad value fails the deployment, naming the endpoint. */
    io.github.camelasl.engine.ExecutionLimits executionLimits() {
        try {
            return new io.github.camelasl.engine.ExecutionLimits(
                    io.github.camelasl.engine.ExecutionLimits.Mode.of(limits == null ? "default" : limits),
                    maxPayloadSize, maxNestingDepth, maxHistoryEvents);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("asl:" + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void doShutdown() throws Exception {
        if (deployment != null) {
            ((AslComponent) getComponent()).release(deployment);
            deployment = null;
        }
        super.doShutdown();
    }

    StateMachineRuntime runtime() {
        if (deployment != null) {
            return deployment.runtime();
        }
        StateMachineConfig config = new StateMachineConfig(name, type, "aws", region, accountId, roleArn);
        StateMachineDeployment shared = ((AslComponent) getComponent()).deployed(config.stateMachineArn());
        if (shared == null) {
            throw new IllegalStateException("asl:" + name + " is not deployed: " + (definition == null
                    ? "no asl: endpoint with a definition deploys state machine " + config.stateMachineArn()
                    + " in this CamelContext" : "is the CamelContext started?"));
        }
        return shared.runtime();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDefinition() {
        return definition;
    }

    public void setDefinition(String definition) {
        this.definition = definition;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    public String getRoleArn() {
        return roleArn;
    }

    public void setRoleArn(String roleArn) {
        this.roleArn = roleArn;
    }

    public String getCachedStates() {
        return cachedStates;
    }

    public void setCachedStates(String cachedStates) {
        this.cachedStates = cachedStates;
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    ExecutionOperations.Operation operation() {
        return ExecutionOperations.Operation.valueOf(operation);
    }

    public int getParkInMemorySeconds() {
        return parkInMemorySeconds;
    }

    public void setParkInMemorySeconds(int parkInMemorySeconds) {
        this.parkInMemorySeconds = parkInMemorySeconds;
    }

    public String getLimits() {
        return limits;
    }

    public void setLimits(String limits) {
        this.limits = limits;
    }

    public Integer getMaxPayloadSize() {
        return maxPayloadSize;
    }

    public void setMaxPayloadSize(Integer maxPayloadSize) {
        this.maxPayloadSize = maxPayloadSize;
    }

    public Integer getMaxNestingDepth() {
        return maxNestingDepth;
    }

    public void setMaxNestingDepth(Integer maxNestingDepth) {
        this.maxNestingDepth = maxNestingDepth;
    }

    public Integer getMaxHistoryEvents() {
        return maxHistoryEvents;
    }

    public void setMaxHistoryEvents(Integer maxHistoryEvents) {
        this.maxHistoryEvents = maxHistoryEvents;
    }

    public double getRetryIntervalScale() {
        return retryIntervalScale;
    }

    public void setRetryIntervalScale(double retryIntervalScale) {
        this.retryIntervalScale = retryIntervalScale;
    }
}
