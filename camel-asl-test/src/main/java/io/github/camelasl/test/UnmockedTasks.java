package io.github.camelasl.test;

import io.github.camelasl.engine.AslError;
import io.github.camelasl.AslConstants;
import io.github.camelasl.resource.ResourceRefusedException;
import io.github.camelasl.resource.ResourceResolver;
import io.github.camelasl.resource.ResourceResolvers;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;

/**
 * In a kit's context, a Task whose {@code arn:} Resource nothing runs (no connector, mapping or resolver) deploys all
 * the same, so that a test can mock it; called without a mock, it fails the execution with States.Runtime (which no
 * Retry or Catch takes) naming the state. The Resource never reaches the URI: every such Task calls one route.
 */
final class UnmockedTasks implements ResourceResolver {

    static final String URI = "direct:camel-asl-test-unmocked-task";
    private static final String ROUTE_ID = "camel-asl-test-unmocked-task";

    static void addTo(CamelContext camelContext) throws Exception {
        if (camelContext.getRoute(ROUTE_ID) != null) {
            return;
        }
        camelContext.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(URI).routeId(ROUTE_ID).process(exchange -> {
                    String state = exchange.getMessage().getHeader(AslConstants.STATE_NAME, String.class);
                    String what = state != null ? "Task state '" + state + "'" : "A Task";
                    throw AslError.runtime(what + " ran without a mock, and no connector, resource mapping or "
                            + "resolver runs its Resource: mock it (mock(\"state\"), mockResource(\"arn\"), a mock "
                            + "config's test case) or map the Resource to an endpoint");
                });
            }
        });
    }

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        if (resource == null || !resource.startsWith("arn:")) {
            return Optional.empty(); // a Camel URI runs as itself
        }
        try {
            // the rest of the chain (connectors, registry resolvers, activities) runs it if it can
            if (new ResourceResolvers(camelContext, List.of()).resolve(resource).isPresent()) {
                return Optional.empty();
            }
        } catch (ResourceRefusedException refused) {
            return Optional.empty(); // its resolver says why at validation
        }
        return Optional.of(URI);
    }
}
