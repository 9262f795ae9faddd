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
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RESOURCE_UNRESOLVED: an endpoint Camel cannot create fails validation as it would fail the deployment; an endpoint
 * nothing consumes yet is a warning saying what the Task will do.
 */
class UnresolvedResourceTest {

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
        camel.start();
        timers = Executors.newScheduledThreadPool(1);
        deployer = new AslDeployer(camel, new InMemoryExecutionStore(), new ResourceResolvers(camel, List.of()), timers,
                new TaskTokens(), ResourcePolicy.defaults().withPatterns(List.of("bean:*"), List.of()),
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
}
