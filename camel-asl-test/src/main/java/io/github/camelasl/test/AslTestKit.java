package io.github.camelasl.test;

import io.github.camelasl.AslComponent;
import io.github.camelasl.engine.ExecutionLimits;
import io.github.camelasl.engine.ExecutionObserver;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.VirtualClock;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.resource.ResourceResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Tests an ASL state machine: deploys definitions (or finds those {@code asl:} endpoints deploy), mocks their Tasks,
 * runs executions and hands them to {@link AslAssertions}. One kit per test class ({@link AslTestExtension}) or per
 * test; close it after.
 *
 * <pre>
 * try (AslTestKit kit = AslTestKit.create()) {
 *     StateMachineUnderTest orders = kit.deploy("Orders", "classpath:orders.asl.json");
 *     orders.mock("ChargeCard").thenReturn("{\"charged\": true}");
 *     assertThat(orders.run("{\"orderId\": 7}")).succeeded().passedThrough("ChargeCard", "Ship");
 * }
 * </pre>
 *
 * <p>A Task whose {@code arn:} Resource no connector or mapping runs still deploys in a kit's context; called
 * without a mock, it fails the execution with States.Runtime saying so.
 */
public final class AslTestKit implements AutoCloseable {

    /** Far above any definition; a larger file is refused before it is read. */
    static final long MAX_DEFINITION_BYTES = 16L * 1024 * 1024;

    /**
     * Where a kit's virtual clock starts unless told otherwise: a fixed instant, so that times in outputs and
     * histories are the same on every run and machine.
     */
    public static final Instant DEFAULT_START = Instant.parse(AslTestKit.DEFAULT_START_TEXT);
    /** {@link #DEFAULT_START} as text (a constant, for annotations: {@code asl test --clock-start}). */
    public static final String DEFAULT_START_TEXT = "2025-01-01T00:00:00Z";

    /**
     * The timers one run of the kit's clock may fire: far above a real test (a day of one-second Waits), low enough
     * that a runaway loop fails in seconds (AWS's 25,000-event history limit usually ends it first).
     */
    public static final int MAX_TIMERS = 100_000;

    private final CamelContext camelContext;
    private final AslComponent component;
    private final boolean ownsContext;
    private final Map<String, StateMachineUnderTest> deployedHere = new ConcurrentHashMap<>();
    private final List<StateMachineRuntime> runtimes = new ArrayList<>();
    /** Executions started through the kit that may still run: stopped when it is closed. */
    private final java.util.Set<ExecutionRun> running = ConcurrentHashMap.newKeySet();

    private AslTestKit(CamelContext camelContext, AslComponent component, boolean ownsContext) {
        this.camelContext = camelContext;
        this.component = component;
        this.ownsContext = ownsContext;
    }

    /**
     * A kit with its own CamelContext (started), an in-memory store, AWS's execution limits (25,000 history events,
     * 256 KiB payloads: a runaway loop fails as it would on AWS) and a virtual clock at {@link #DEFAULT_START}.
     */
    public static AslTestKit create() {
        return create(DEFAULT_START);
    }

    /** As {@link #create()}, its virtual clock starting at {@code start}. */
    public static AslTestKit create(Instant start) {
        DefaultCamelContext context = new DefaultCamelContext();
        AslComponent component = new AslComponent();
        component.setStore("memory");
        component.setLimits("aws");
        component.setClock(newClock(start));
        context.addComponent("asl", component);
        AslTestKit kit = new AslTestKit(context, component, true);
        try {
            kit.attach();
            context.start();
        } catch (Exception e) {
            context.stop();
            throw new IllegalStateException("The test kit's CamelContext did not start: " + e.getMessage(), e);
        }
        return kit;
    }

    /**
     * A kit on a test's own CamelContext (CamelTestSupport's {@code context()}, {@code @CamelMainTest}'s injected
     * one): it uses that context's {@code asl} component, and leaves the context running when closed.
     */
    public static AslTestKit of(CamelContext camelContext) {
        AslComponent component = camelContext.getComponent("asl", AslComponent.class);
        if (component == null) {
            throw new IllegalArgumentException("The CamelContext " + camelContext.getName() + " has no asl component");
        }
        AslTestKit kit = new AslTestKit(camelContext, component, false);
        try {
            kit.attach();
        } catch (Exception e) {
            throw new IllegalStateException("The test kit cannot attach to CamelContext " + camelContext.getName()
                    + ": " + e.getMessage(), e);
        }
        return kit;
    }

    /**
     * What kits attached to a component changed in it, undone when the last of them closes (a cached or shared
     * CamelContext outlives a test class: its later asl: deployments must not run on a clock nobody moves).
     */
    private static final class Attachment {
        int kits;
        VirtualClock clockGiven;
        List<ResourceResolver> resolversBefore;
        final ForwardingObserver coverage = new ForwardingObserver(
                io.github.camelasl.test.coverage.PathCoverage.global());
    }

    /** Per component, while kits are attached to it. */
    private static final Map<AslComponent, Attachment> ATTACHED = new java.util.IdentityHashMap<>();

    /**
     * Gives the component a virtual clock when it has none (the state machines deployed from now on run on it;
     * those asl: endpoints deployed before keep the system's unless a VirtualClock bean was bound for the component
     * to autowire); adds the route an unmocked, unrunnable Task calls, the resolver that sends such Tasks to it, and
     * the run's path coverage. {@link #close()} undoes it when no other kit is attached to the component.
     */
    private void attach() throws Exception {
        synchronized (ATTACHED) {
            Attachment attachment = ATTACHED.computeIfAbsent(component, c -> new Attachment());
            if (attachment.kits++ > 0) {
                return;
            }
            if (component.getClock() == null) {
                attachment.clockGiven = newClock(DEFAULT_START);
                component.setClock(attachment.clockGiven);
            }
            UnmockedTasks.addTo(camelContext); // stays: it only answers Tasks the kit's resolver sent to it
            List<ResourceResolver> resolvers = new ArrayList<>(component.getResourceResolvers());
            if (resolvers.stream().noneMatch(UnmockedTasks.class::isInstance)) {
                attachment.resolversBefore = component.getResourceResolvers();
                resolvers.add(new UnmockedTasks());
                component.setResourceResolvers(resolvers);
            }
            // the run's path coverage, reported when it ends (CoverageSession); added once per component
            attachment.coverage.forwarding = true;
            component.addExecutionObserver(attachment.coverage);
        }
    }

    /** Undoes {@link #attach()} when this kit is the last attached to its component. */
    private void detach() {
        synchronized (ATTACHED) {
            Attachment attachment = ATTACHED.get(component);
            if (attachment == null || --attachment.kits > 0) {
                return;
            }
            ATTACHED.remove(component);
            attachment.coverage.forwarding = false; // the component has no removeExecutionObserver: silenced
            if (attachment.resolversBefore != null) {
                component.setResourceResolvers(attachment.resolversBefore);
            }
            if (attachment.clockGiven != null && component.getClock() == attachment.clockGiven) {
                component.setClock(null);
            }
        }
    }

    /** A virtual clock at {@code start}, bounded as the kit's ({@link #MAX_TIMERS}): {@code asl test}'s too. */
    public static VirtualClock newClock(Instant start) {
        return new VirtualClock(java.util.Objects.requireNonNull(start, "start")).maxTimers(MAX_TIMERS);
    }

    public CamelContext camelContext() {
        return camelContext;
    }

    public AslComponent component() {
        return component;
    }

    /**
     * Deploys a STANDARD state machine named {@code name}, under the component's limits (AWS's in a kit of its own).
     *
     * @param definition the definition's JSON text, a file path, or a classpath resource ({@code classpath:a.json}
     *                   or a path a file does not answer)
     * @throws IllegalArgumentException when the definition cannot be found or read, or is invalid (every problem)
     */
    public StateMachineUnderTest deploy(String name, String definition) {
        return deploy(StateMachineConfig.of(name).withLimits(componentLimits()), definition);
    }

    /** The limits the component's {@code limits} option names (default when it names none). */
    private ExecutionLimits componentLimits() {
        return component.getLimits() == null ? ExecutionLimits.DEFAULT
                : new ExecutionLimits(ExecutionLimits.Mode.of(component.getLimits()), null, null, null);
    }

    /** As {@link #deploy(String, String)}, with a config of one's own (EXPRESS, region, account, limits). */
    public StateMachineUnderTest deploy(StateMachineConfig config, String definition) {
        Definition read = Definition.read(definition);
        StateMachineRuntime runtime;
        try {
            runtime = component.deployer(config.type()).deploy(read.source(), read.text(), config);
        } catch (IllegalArgumentException e) {
            throw e; // AslValidationException: names the source and every problem
        } catch (Exception e) {
            throw new IllegalStateException("State machine '" + config.name() + "' (" + read.source()
                    + ") did not deploy: " + e.getMessage(), e);
        }
        synchronized (runtimes) {
            runtimes.add(runtime);
        }
        StateMachineUnderTest machine = new StateMachineUnderTest(this, runtime);
        deployedHere.put(config.name(), machine);
        return machine;
    }

    /**
     * The state machine named {@code name}: one this kit deployed, else the one an {@code asl:} endpoint of the
     * context deploys.
     *
     * @throws IllegalArgumentException naming the state machines there are, when none has that name
     */
    public StateMachineUnderTest stateMachine(String name) {
        StateMachineUnderTest mine = deployedHere.get(name);
        if (mine != null) {
            return mine;
        }
        List<StateMachineRuntime> found = component.deployedStateMachines(name);
        if (found.size() == 1) {
            return deployedHere.computeIfAbsent(name, n -> new StateMachineUnderTest(this, found.get(0)));
        }
        if (found.isEmpty()) {
            List<String> names = new ArrayList<>(deployedHere.keySet());
            names.addAll(component.deployedStateMachineNames());
            throw new IllegalArgumentException("No state machine named '" + name + "' is deployed in CamelContext "
                    + camelContext.getName() + (names.isEmpty() ? " (none is: is the asl: route started?)"
                    : "; deployed: " + String.join(", ", new java.util.TreeSet<>(names))));
        }
        throw new IllegalArgumentException(found.size() + " state machines are named '" + name + "' (in "
                + found.stream().map(r -> r.config().stateMachineArn()).toList() + "): deploy them under other names");
    }

    /** TestState: one state of {@code definition} (text, file or classpath resource), named {@code stateName}. */
    public TestState testState(String definition, String stateName) {
        return new TestState(component, Definition.read(definition).text(), stateName);
    }

    /** TestState of a definition that is one state (AWS's form without stateName). */
    public TestState testState(String stateDefinition) {
        return new TestState(component, Definition.read(stateDefinition).text(), null);
    }

    /** Runs {@code run} to its end; see {@link StateMachineUnderTest#run}. */
    ExecutionRun runToEnd(ExecutionRun run) {
        return run.runToEnd();
    }

    /**
     * The virtual clock the kit's executions run on: the component's. Time stands still until the test (or
     * {@link StateMachineUnderTest#run}) moves it.
     *
     * @throws IllegalStateException when the component was given another clock than a VirtualClock
     */
    public VirtualClock clock() {
        if (component.getClock() instanceof VirtualClock virtual) {
            return virtual;
        }
        throw new IllegalStateException("The asl component of CamelContext " + camelContext.getName() + " runs on "
                + component.getClock() + ", not a VirtualClock: set its clock option to one (or bind one in the "
                + "registry) to move time in tests");
    }

    /**
     * Tells {@code observer} of every state machine the kit's component deploys and of their executions (path
     * coverage listens so). On a context the kit did not make, it stays added after the kit is closed.
     */
    public AslTestKit addObserver(ExecutionObserver observer) {
        component.addExecutionObserver(observer);
        return this;
    }

    void started(ExecutionRun run) {
        running.add(run);
        run.completion().whenComplete((result, failure) -> running.remove(run));
    }

    /**
     * Stops the executions it started that still run (one left waiting for a task token would hold its routes, and
     * Camel's shutdown would wait for it), undeploys what it deployed, and stops the CamelContext when it made it.
     */
    @Override
    public void close() {
        java.util.Set<VirtualClock> clocks = new java.util.HashSet<>();
        for (ExecutionRun run : List.copyOf(running)) {
            try {
                run.stop("the test kit was closed");
                if (run.clock() instanceof VirtualClock virtual) {
                    clocks.add(virtual);
                }
            } catch (RuntimeException e) {
                // it ended meanwhile, or cannot be stopped: the undeployment below ends it anyway
            }
        }
        for (VirtualClock clock : clocks) {
            try {
                clock.runUntilIdle(); // what the stops left to do (a waiting Task's release) runs at the next move
            } catch (RuntimeException e) {
                // bounded: past its bounds, the undeployment below waits for what is left
            }
        }
        running.clear();
        List<StateMachineRuntime> deployed;
        synchronized (runtimes) {
            deployed = new ArrayList<>(runtimes);
            runtimes.clear();
        }
        RuntimeException failure = null;
        for (StateMachineRuntime runtime : deployed) {
            try {
                runtime.undeploy();
            } catch (Exception e) {
                failure = failure == null ? new IllegalStateException("Undeploying failed", e) : failure;
            }
        }
        deployedHere.clear();
        detach();
        if (ownsContext) {
            camelContext.stop();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A definition's text and what names it in errors. */
    record Definition(String source, String text) {

        static Definition read(String definition) {
            if (definition == null || definition.isBlank()) {
                throw new IllegalArgumentException("The definition is empty: give its JSON text, a file or a "
                        + "classpath resource");
            }
            String trimmed = definition.strip();
            if (trimmed.startsWith("{")) {
                return new Definition("inline definition", definition);
            }
            if (trimmed.startsWith("classpath:")) {
                return classpath(trimmed.substring("classpath:".length()), trimmed)
                        .orElseThrow(() -> new IllegalArgumentException("No classpath resource " + trimmed));
            }
            String path = trimmed.startsWith("file:") ? trimmed.substring("file:".length()) : trimmed;
            Path file;
            try {
                file = Path.of(path);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("The definition '" + trimmed + "' is neither JSON text nor a "
                        + "path: " + e.getMessage());
            }
            if (Files.isRegularFile(file)) {
                return new Definition(file.toString(), readFile(file));
            }
            return classpath(path, trimmed).orElseThrow(() -> new IllegalArgumentException("The definition '"
                    + trimmed + "' is neither JSON text, nor a file (" + file.toAbsolutePath() + " is not one), nor "
                    + "a classpath resource"));
        }

        private static java.util.Optional<Definition> classpath(String name, String source) {
            String resource = name.startsWith("/") ? name.substring(1) : name;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                loader = AslTestKit.class.getClassLoader();
            }
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    return java.util.Optional.empty();
                }
                byte[] bytes = in.readNBytes((int) MAX_DEFINITION_BYTES + 1);
                if (bytes.length > MAX_DEFINITION_BYTES) {
                    throw new IllegalArgumentException("The definition " + source + " has more than "
                            + MAX_DEFINITION_BYTES + " bytes");
                }
                return java.util.Optional.of(new Definition("classpath:" + resource,
                        new String(bytes, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the definition " + source, e);
            }
        }

        private static String readFile(Path file) {
            try {
                if (Files.size(file) > MAX_DEFINITION_BYTES) {
                    throw new IllegalArgumentException("The definition " + file + " has more than "
                            + MAX_DEFINITION_BYTES + " bytes");
                }
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the definition " + file, e);
            }
        }
    }
}
