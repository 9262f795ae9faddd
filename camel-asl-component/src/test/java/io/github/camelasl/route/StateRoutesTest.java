package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/** Which states become routes: those that call out, wait or fan out; Pass, Choice, Succeed, Fail run in the driver. */
class StateRoutesTest extends CamelTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").routeId("start")
                        .to("asl:mixed?definition=classpath:machines/mixed-states.asl.json");
                from("direct:call").routeId("call").setBody(constant("{\"ok\":true}"));
            }
        };
    }

    @Test
    void onlyTheTaskHasAStateRouteAndTheWholeMachineStillRuns() {
        List<String> engineRoutes = context.getRoutes().stream().map(r -> r.getRouteId())
                .filter(id -> id.startsWith("asl-mixed-"))
                .map(id -> id.replaceFirst("^asl-mixed-\\d+-", "")) // the deployment's number depends on test order
                .sorted().toList();
        assertEquals(List.of("Call", "driver-0"), engineRoutes);
        assertEquals("{\"n\":1,\"call\":{\"ok\":true}}", template.requestBody("direct:start", "{}", String.class));
    }
}
