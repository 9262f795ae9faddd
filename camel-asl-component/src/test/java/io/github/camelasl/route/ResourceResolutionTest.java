package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslValidationException;
import io.github.camelasl.resource.ResourceResolver;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** ARNs reach Camel endpoints through resolvers; a definition AWS would refuse stops the CamelContext. */
class ResourceResolutionTest {

    @Test
    void aResolverInTheRegistryMapsAnArnToACamelEndpoint() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            ResourceResolver lambdas = (resource, ctx) -> resource.startsWith("arn:aws:lambda:")
                    ? Optional.of("direct:lambda-" + resource.substring(resource.lastIndexOf(':') + 1))
                    : Optional.empty();
            camel.getRegistry().bind("lambdas", lambdas);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:start").to("asl:score?definition=classpath:machines/lambda-arn.asl.json");
                    from("direct:lambda-score-v2").setBody(constant("{\"score\": 0.7}"));
                }
            });
            camel.start();
            assertEquals("{\"score\":0.7}", camel.createProducerTemplate().requestBody("direct:start", "{}",
                    String.class));
        }
    }

    @Test
    void anInvalidDefinitionStopsTheContextWithEveryProblem() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:start").to("asl:bad?definition=classpath:machines/invalid.asl.json");
                }
            });
            Exception failure = assertThrows(Exception.class, camel::start);
            Throwable cause = failure;
            while (cause != null && !(cause instanceof AslValidationException)) {
                cause = cause.getCause();
            }
            AslValidationException invalid = assertInstanceOf(AslValidationException.class, cause,
                    () -> "not a validation failure: " + failure);
            String all = invalid.getMessage();
            assertTrue(all.contains("BackoffRate"), all);
            assertTrue(all.contains("MISSING_TRANSITION_TARGET"), all);
            assertTrue(all.contains("arn:aws:lambda:us-east-1:123456789012:function:train"), all);
            assertEquals(3, invalid.diagnostics().stream().filter(d -> !d.code().equals("MISSING_END_STATE")).count(),
                    () -> invalid.diagnostics().toString());
        }
    }
}
