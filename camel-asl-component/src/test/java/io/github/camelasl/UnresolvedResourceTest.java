package io.github.camelasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.TaskTokens;
import io.github.camelasl.resource.ResourcePolicy;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.route.AllowedCamelHeaders;
import io.github.camelasl.store.InMemoryExecutionStore;
import io.github.camelasl.validation.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.github.camelasl.resource.ResourceProblem;
import io.github.camelasl.resource.ResourceResolver;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RESOURCE_UNRESOLVED: an endpoint Camel cannot create fails validation as it would fail the deployment; an endpoint
 * nothing consumes yet is a warning saying what the Task will do.
 */
class UnresolvedResourceTest {

    /** What the probe component's endpoints were asked to do: validation must never init, start or call one. */
    private final List<String> probeCalls = new CopyOnWriteArrayList<>();

    private DefaultCamelContext camel;
    private ScheduledExecutorService timers;
    private AslDeployer deployer;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:task").setBody(constant("{}"));
            }
        });
        camel.addComponent("probe", new ProbeComponent());
        camel.addComponent("broken", new DefaultComponent() {
            @Override
            protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
                throw new NoClassDefFoundError("com/example/MissingSdkClass");
            }
        });
        camel.start();
        timers = Executors.newScheduledThreadPool(1);
        deployer = new AslDeployer(camel, new InMemoryExecutionStore(), new ResourceResolvers(camel, List.of()), timers,
                new TaskTokens(), ResourcePolicy.defaults().withPatterns(List.of("bean:*", "class:*", "probe:*",
                        "broken:*"), List.of()),
                AllowedCamelHeaders.NONE);
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
        camel.stop();
    }

    private static String task(String resource) {
        return """
                {"StartAt": "Load", "States": {"Load": {"Type": "Task", "Resource": "%s", "End": true}}}"""
                .formatted(resource);
    }

    @Test
    void aBeanTheRegistryDoesNotHoldIsAnErrorNamingTheStateAndWhy() {
        List<Diagnostic> diagnostics = deployer.validate(task("bean:loader"), "STANDARD");
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        Diagnostic unresolved = diagnostics.get(0);
        assertEquals(Diagnostic.Severity.ERROR, unresolved.severity());
        assertEquals("RESOURCE_UNRESOLVED", unresolved.code());
        assertEquals("/States/Load/Resource", unresolved.location());
        assertTrue(unresolved.message().startsWith("State 'Load': the resource bean:loader: Camel cannot create its "
                + "endpoint") && unresolved.message().contains("No bean could be found in the registry for: loader"),
                unresolved.message());
        AslValidationException refused = assertThrows(AslValidationException.class,
                () -> deployer.deploy("t", task("bean:loader"), StateMachineConfig.of("t")));
        assertEquals(diagnostics, refused.diagnostics());
    }

    @Test
    void aDirectEndpointNothingConsumesIsAWarningSayingHowTheTaskFails() throws Exception {
        assertEquals(List.of(), deployer.validate(task("direct:task"), "STANDARD"));
        // direct: waits its timeout (30 s by default) for a consumer before it fails the call
        String nobody = "direct:nobody?timeout=100";
        List<Diagnostic> diagnostics = deployer.validate(task(nobody), "STANDARD");
        assertEquals(List.of(Diagnostic.warning("RESOURCE_UNRESOLVED", "State 'Load': the resource " + nobody + ": no "
                + "route consumes direct://nobody now: unless one has started when the Task runs, the Task fails with "
                + "States.TaskFailed (no consumers available on the endpoint, once the endpoint has waited its timeout "
                + "for one)", "/States/Load/Resource")), diagnostics);
        ExecutionResult result = deployer.deploy("t", task(nobody), StateMachineConfig.of("t"))
                .start(Json.parse("{}"), "e", Map.of(), List.of()).get(10, TimeUnit.SECONDS);
        assertEquals("States.TaskFailed", result.error());
        assertTrue(result.cause().contains("No consumers available"), result.cause());
    }

    /** An activity's tasks wait for workers that poll when they come, as on AWS: nothing to warn of. */
    @Test
    void anActivityWithoutWorkersIsNoProblem() {
        assertEquals(List.of(), deployer.validate(task("arn:aws:states:us-east-1:123456789012:activity:approve"),
                "STANDARD"));
    }

    /** Review 17 item 2: validation reads the URI as Camel would, but creates no live endpoint. */
    @Test
    void validationNeverRegistersInitsOrStartsTheEndpoint() {
        assertEquals(List.of(), deployer.validate(task("probe:queue?size=3"), "STANDARD"));
        assertEquals(List.of(), probeCalls);
        assertTrue(camel.getEndpoints().stream().noneMatch(e -> e.getEndpointUri().startsWith("probe:")),
                camel.getEndpoints().toString());
        // a bean Camel makes when the endpoint starts is not looked up in the registry
        assertEquals(List.of(), deployer.validate(task("bean:#class:java.lang.StringBuilder"), "STANDARD"));
    }

    @Test
    void anOptionTheComponentDoesNotHaveIsAnErrorWithoutCreatingTheEndpoint() {
        List<Diagnostic> diagnostics = deployer.validate(task("probe:queue?colour=red"), "STANDARD");
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        assertEquals("RESOURCE_UNRESOLVED", diagnostics.get(0).code());
        assertEquals(Diagnostic.Severity.ERROR, diagnostics.get(0).severity());
        assertTrue(diagnostics.get(0).message().contains("colour"), diagnostics.get(0).message());
        assertEquals(List.of(), probeCalls);
        assertTrue(camel.getEndpoints().stream().noneMatch(e -> e.getEndpointUri().startsWith("probe:")));
    }

    /** A class: endpoint is checked by loading the class without initialising it: its static block never runs. */
    @Test
    void aClassIsLookedUpWithoutRunningItsStaticInitialiser() {
        String resource = "class:" + StaticallyLoud.class.getName();
        assertEquals(List.of(), deployer.validate(task(resource), "STANDARD"));
        assertEquals(0, LOUD_INITIALISED.get());
        List<Diagnostic> missing = deployer.validate(task("class:com.example.NoSuchClass"), "STANDARD");
        assertEquals(1, missing.size(), missing.toString());
        assertEquals("RESOURCE_UNRESOLVED", missing.get(0).code());
        assertTrue(missing.get(0).message().contains("class not found: com.example.NoSuchClass"),
                missing.get(0).message());
        List<Diagnostic> badOption = deployer.validate(task(resource + "?colour=red"), "STANDARD");
        assertEquals(List.of("RESOURCE_UNRESOLVED"), badOption.stream().map(Diagnostic::code).toList());
        assertTrue(camel.getEndpoints().stream().noneMatch(e -> e.getEndpointUri().startsWith("class:")));
    }

    /** Review 17 item 15: an Error a component throws (a class missing from its dependencies) is reported too. */
    @Test
    void aLinkageErrorIsReportedNotThrown() {
        List<Diagnostic> diagnostics = deployer.validate(task("broken:x"), "STANDARD");
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        assertEquals("RESOURCE_UNRESOLVED", diagnostics.get(0).code());
        assertTrue(diagnostics.get(0).message().contains("NoClassDefFoundError: com/example/MissingSdkClass"),
                diagnostics.get(0).message());
    }

    /** Review 17 item 16: the checks of the resolver that runs the Task still run on an endpoint Camel refuses. */
    @Test
    void aConnectorsChecksRunAlsoWhenItsEndpointCannotBeCreated() {
        ResourceResolver connector = new ResourceResolver() {
            @Override
            public Optional<String> resolve(String resource, org.apache.camel.CamelContext context) {
                return resource.equals("arn:aws:states:::acme:work") ? Optional.of("bean:acme") : Optional.empty();
            }

            @Override
            public List<ResourceProblem> check(String resource, com.fasterxml.jackson.databind.JsonNode task) {
                return List.of(new ResourceProblem("Parameters", "The field 'Job' is required"));
            }
        };
        AslDeployer withConnector = new AslDeployer(camel, new InMemoryExecutionStore(),
                new ResourceResolvers(camel, List.of(connector)), timers, new TaskTokens(),
                ResourcePolicy.defaults().withPatterns(List.of("bean:*"), List.of()), AllowedCamelHeaders.NONE);
        List<Diagnostic> diagnostics = withConnector.validate(task("arn:aws:states:::acme:work"), "STANDARD");
        assertEquals(List.of("RESOURCE_UNRESOLVED", "SCHEMA_VALIDATION_FAILED"),
                diagnostics.stream().map(Diagnostic::code).toList(), diagnostics.toString());
    }

    /**
     * Review 17 item 18: a route that consumes the endpoint may start after the state machine is deployed (a resumed
     * execution's version is redeployed before the application's routes): deployment does not warn of it.
     */
    @Test
    void deploymentDoesNotWarnOfAConsumerThatMayStartLater() {
        String nobody = task("direct:later");
        assertEquals(List.of("RESOURCE_UNRESOLVED"),
                deployer.validate(nobody, "STANDARD").stream().map(Diagnostic::code).toList());
        assertEquals(List.of(), deployer.validate(nobody, "STANDARD", false));
    }

    /** Counts StaticallyLoud's initialisations; kept outside it, as reading its own field would initialise it. */
    private static final java.util.concurrent.atomic.AtomicInteger LOUD_INITIALISED =
            new java.util.concurrent.atomic.AtomicInteger();

    static final class StaticallyLoud {
        static {
            LOUD_INITIALISED.incrementAndGet();
        }

        public static String call() {
            return "{}";
        }
    }

    /** A component whose endpoints record being initialised, started and asked for producers or consumers. */
    private final class ProbeComponent extends DefaultComponent {
        @Override
        protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters)
                throws Exception {
            ProbeEndpoint endpoint = new ProbeEndpoint(uri, this);
            setProperties(endpoint, parameters);
            return endpoint;
        }
    }

    private final class ProbeEndpoint extends DefaultEndpoint {
        private int size;

        ProbeEndpoint(String uri, ProbeComponent component) {
            super(uri, component);
        }

        public void setSize(int size) {
            this.size = size;
        }

        public int getSize() {
            return size;
        }

        @Override
        protected void doInit() {
            probeCalls.add("init " + getEndpointUri());
        }

        @Override
        protected void doStart() {
            probeCalls.add("start " + getEndpointUri());
        }

        @Override
        public Producer createProducer() {
            probeCalls.add("producer " + getEndpointUri());
            throw new UnsupportedOperationException("a probe");
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            probeCalls.add("consumer " + getEndpointUri());
            throw new UnsupportedOperationException("a probe");
        }
    }
}
