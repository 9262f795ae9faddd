package io.github.camelasl.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslComponent;
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
