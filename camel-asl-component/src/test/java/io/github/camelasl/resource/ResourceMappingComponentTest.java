package io.github.camelasl.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslComponent;
import io.github.camelasl.AslValidationException;
import io.github.camelasl.validation.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code resourceMappings} component option: a definition written for AWS Lambda runs on local routes. */
class ResourceMappingComponentTest {

    private static RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").to("asl:orders?definition=classpath:machines/validate-orders.asl.json");
                from("direct:validate").setBody(simple("{\"valid\": true, \"state\": \"${header.CamelAslStateName}\"}"));
                from("direct:lambda-score").setBody(constant("0.9"));
            }
        };
    }

    @Test
    void aLambdaArnRunsOnALocalRouteThroughAMappingFileOnTheClasspath() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            AslComponent asl = new AslComponent();
            asl.setResourceMappings("classpath:mappings/orders.properties");
            camel.addComponent("asl", asl);
            // a resolver in the registry (a connector would do the same) also claims Lambda ARNs: mappings win
            camel.getRegistry().bind("aws", (ResourceResolver) (resource, ctx) ->
                    resource.startsWith("arn:aws:lambda:") ? Optional.of("direct:nowhere") : Optional.empty());
            camel.addRoutes(routes());
            camel.start();
            String out = camel.createProducerTemplate().requestBody("direct:start", "{\"order\": 7}", String.class);
            assertEquals("{\"order\":7,\"validation\":{\"valid\":true,\"state\":\"Validate\"},\"score\":0.9}", out);
        }
    }

    @Test
    void theOptionTakesSeveralLocationsAndJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("score.json");
        Files.writeString(json, "{\"arn:aws:lambda:*:*:function:score\": \"direct:other-score\"}");
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(routes());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:other-score").setBody(constant("0.1"));
                }
            });
            ((AslComponent) camel.getComponent("asl")).setResourceMappings(
                    "file:" + json + ",classpath:mappings/orders.properties");
            camel.start();
            String out = camel.createProducerTemplate().requestBody("direct:start", "{}", String.class);
            assertTrue(out.endsWith("\"score\":0.1}"), out);
        }
    }

    @Test
    void anArnWhoseCaptureWouldAddUriOptionsFailsTheDeploymentNamingTheState(@TempDir Path dir) throws Exception {
        Path definition = Files.writeString(dir.resolve("m.asl.json"), """
                {"StartAt": "Score", "States": {"Score": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:x?foo=bar&{{evil}}", "End": true}}}""");
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("asl", new AslComponent());
            ((AslComponent) camel.getComponent("asl")).setResourceMappings("classpath:mappings/orders.properties");
            ((AslComponent) camel.getComponent("asl")).setStore("memory");
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:start").to("asl:evil?definition=file:" + definition);
                }
            });
            Exception e = assertThrows(Exception.class, camel::start);
            Throwable cause = e;
            while (cause != null && !(cause instanceof AslValidationException)) {
                cause = cause.getCause();
            }
            AslValidationException invalid = assertInstanceOf(AslValidationException.class, cause,
                    () -> "not a validation failure: " + e);
            Diagnostic problem = invalid.diagnostics().get(0);
            assertEquals("/States/Score/Resource", problem.location());
            assertTrue(problem.message().contains("'?'"), problem.message());
        }
    }

    @Test
    void aBrokenMappingFileStopsTheContextNamingTheFileAndLine() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            AslComponent asl = new AslComponent();
            asl.setResourceMappings("classpath:mappings/broken.json");
            camel.addComponent("asl", asl);
            camel.addRoutes(routes());
            Exception e = assertThrows(Exception.class, camel::start);
            Throwable cause = e;
            while (cause != null && !(cause instanceof ResourceMappingException)) {
                cause = cause.getCause();
            }
            assertTrue(cause != null, () -> "not a mapping failure: " + e);
            assertTrue(cause.getMessage().startsWith("classpath:mappings/broken.json mappings[1] (line 3): pattern "
                    + "'arn:**' is not a valid glob"), cause.getMessage());
        }
    }
}
