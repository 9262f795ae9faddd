package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslComponent;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component option clock: a VirtualClock bound in the registry runs every asl: endpoint's executions. */
class VirtualClockOptionTest {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path folder;

    @Test
    void aVirtualClockInTheRegistryRunsTheEndpointsExecutions() throws Exception {
        VirtualClock clock = new VirtualClock(START);
        Path file = folder.resolve("napper.asl.json");
        Files.writeString(file, """
                {"StartAt": "Day", "States": {"Day": {"Type": "Wait", "Seconds": 86400, "End": true}}}""");
        // on SQLite: the day's Wait leaves memory (longer than parkInMemorySeconds) and wakes on the clock's timer
        try (CamelContext app = new DefaultCamelContext()) {
            app.getRegistry().bind("testClock", clock); // before the component is added, as an app's beans are
            AslComponent asl = new AslComponent();
            asl.setStore("sqlite");
            asl.setStoreFolder(folder.resolve("store").toString());
            app.addComponent("asl", asl);
            app.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:start").to("asl:napper?definition=file:" + file + "&operation=startExecution");
                    from("direct:describe").to("asl:napper?operation=describeExecution");
                }
            });
            app.start();
            assertTrue(app.getComponent("asl", AslComponent.class).getClock() == clock, "autowired");
            ProducerTemplate template = app.createProducerTemplate();

            JsonNode started = Json.parse(template.requestBody("direct:start", "{}", String.class));
            assertEquals(START, Instant.parse(started.get("startDate").asText()));
            String arn = started.get("executionArn").asText();
            String describe = "{\"executionArn\": \"" + arn + "\"}";

            assertTrue(clock.runUntil(() -> !status(template, describe).equals("RUNNING")));

            JsonNode ended = Json.parse(template.requestBody("direct:describe", describe, String.class));
            assertEquals("SUCCEEDED", ended.get("status").asText(), ended.toString());
            assertEquals(START.plusSeconds(86_400), Instant.parse(ended.get("stopDate").asText()));
            assertEquals(START.plusSeconds(86_400), clock.now());
        }
    }

    private static String status(ProducerTemplate template, String describe) {
        try {
            return Json.parse(template.requestBody("direct:describe", describe, String.class)).get("status").asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
