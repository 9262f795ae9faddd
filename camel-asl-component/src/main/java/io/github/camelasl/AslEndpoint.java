package io.github.camelasl;

import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.history.HistoryListener;
import io.github.camelasl.store.ExecutionRecord;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.StartupListener;
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
    @UriParam(label = "advanced", description = "A STANDARD execution on a durable store (the default SQLite one) "
            + "whose Wait lasts longer than this leaves memory while it waits: the store holds it, and it is read "
            + "back when the Wait ends. Shorter waits keep it in memory (no store read). 0 evicts every wait.",
            defaultValue = "30")
    private int parkInMemorySeconds = StateMachineRuntime.DEFAULT_PARK_IN_MEMORY_SECONDS;

    private StateMachineRuntime runtime;
    /** Older definitions that resumed executions started with (see resumeUnfinished). */
    private final List<StateMachineRuntime> earlierVersions = new ArrayList<>();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AslEndpoint.class);

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

    /** Loads, validates and deploys the definition as routes; an invalid definition fails with every problem. */
    void deploy() throws Exception {
        if (definition == null || definition.isBlank()) {
            throw new IllegalArgumentException("asl:" + name + " needs the 'definition' option (e.g. "
                    + "definition=classpath:pipeline.asl.json)");
        }
        String text;
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(getCamelContext(), definition)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (retryIntervalScale < 0 || Double.isNaN(retryIntervalScale) || Double.isInfinite(retryIntervalScale)) {
            throw new IllegalArgumentException("asl:" + name + ": retryIntervalScale must be a number of at least 0, "
                    + "but was " + retryIntervalScale);
        }
        StateMachineConfig config = new StateMachineConfig(name, type, "aws", region, accountId, roleArn,
                retryIntervalScale);
        AslDeployer deployer = ((AslComponent) getComponent()).deployer(type);
        if (parkInMemorySeconds < 0) {
            throw new IllegalArgumentException("asl:" + name + ": parkInMemorySeconds must be at least 0, but was "
                    + parkInMemorySeconds);
        }
        runtime = deployer.deploy(definition, text, config);
        runtime.parkInMemorySeconds(parkInMemorySeconds);
        if (runtime.store().durable()) {
            // after the context has started: the routes a resumed execution runs on must be running
            java.util.concurrent.atomic.AtomicBoolean resumed = new java.util.concurrent.atomic.AtomicBoolean();
            getCamelContext().addStartupListener(new StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) throws Exception {
                    if (alreadyStarted && resumed.compareAndSet(false, true)) {
                        resumeUnfinished(deployer); // deployed into a running context: its routes are running
                    }
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted)
                        throws Exception {
                    if (resumed.compareAndSet(false, true)) {
                        resumeUnfinished(deployer);
                    }
                }
            });
        }
    }

    /**
     * Resumes the executions of this state machine that the durable store holds as RUNNING: those a stop or a
     * crash interrupted. Each runs the definition it started with: this endpoint's, or, when that has changed
     * since, the older one deployed beside it for as long as this endpoint lives.
     */
    private void resumeUnfinished(AslDeployer deployer) throws Exception {
        StateMachineRuntime current = runtime;
        if (current == null) {
            return;
        }
        HistoryListener listener = ((AslComponent) getComponent()).getHistoryListener();
        List<HistoryListener> listeners = listener == null ? List.of() : List.of(listener);
        Map<String, StateMachineRuntime> versions = new HashMap<>();
        for (ExecutionRecord record : current.store().unfinished(current.config().stateMachineArn())) {
            StateMachineRuntime version = current;
            if (record.definition() != null && !record.definition().equals(current.definition())) {
                version = versions.get(record.definition());
                if (version == null) {
                    version = deployer.deploy(definition + " (the version " + record.name() + " started with)",
                            record.definition(), current.config());
                    version.parkInMemorySeconds(parkInMemorySeconds);
                    versions.put(record.definition(), version);
                    earlierVersions.add(version);
                }
            }
            LOG.info("Resuming execution {} of asl:{}", record.executionArn(), name);
            version.resumeInBackground(record, listeners).whenComplete((result, failure) -> LOG.info(
                    "Resumed execution {} ended: {}", record.executionArn(),
                    failure != null ? failure.toString() : result.status()));
        }
    }

    @Override
    protected void doShutdown() throws Exception {
        if (runtime != null) {
            runtime.undeploy();
            runtime = null;
        }
        for (StateMachineRuntime version : earlierVersions) {
            version.undeploy();
        }
        earlierVersions.clear();
        super.doShutdown();
    }

    StateMachineRuntime runtime() {
        if (runtime == null) {
            throw new IllegalStateException("asl:" + name + " is not deployed (is the CamelContext started?)");
        }
        return runtime;
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

    public int getParkInMemorySeconds() {
        return parkInMemorySeconds;
    }

    public void setParkInMemorySeconds(int parkInMemorySeconds) {
        this.parkInMemorySeconds = parkInMemorySeconds;
    }

    public double getRetryIntervalScale() {
        return retryIntervalScale;
    }

    public void setRetryIntervalScale(double retryIntervalScale) {
        this.retryIntervalScale = retryIntervalScale;
    }
}
