package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslComponent;
import io.github.camelasl.AslConstants;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * An EXPRESS execution's history is recorded (listeners see every event) but not kept in the store once it
 * ends, as AWS keeps none for EXPRESS; a STANDARD one's is kept.
 */
class ExpressHistoryTest {

    @Test
    void expressHistoryGoesToListenersNotToTheStore() throws Exception {
        assertEquals(List.of(0, 4), storedAndHeard("EXPRESS"));
    }

    @Test
    void standardHistoryIsKeptInTheStore() throws Exception {
        assertEquals(List.of(4, 4), storedAndHeard("STANDARD"));
    }

    @Test
    void theStoreKeepsAsManyFinishedExecutionsAsFinishedInMemorySays() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getComponent("asl", AslComponent.class).setFinishedInMemory(2);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:start").to("asl:one?definition=classpath:machines/one-pass.asl.json&type=EXPRESS");
                }
            });
            context.start();
            List<String> arns = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                arns.add(context.createProducerTemplate().request("direct:start",
                        e -> e.getMessage().setBody("{\"a\": 1}")).getMessage()
                        .getHeader(AslConstants.EXECUTION_ARN, String.class));
            }
            InMemoryExecutionStore store = (InMemoryExecutionStore) context.getComponent("asl", AslComponent.class)
                    .executionStore("EXPRESS");
            assertEquals(List.of(false, true, true), arns.stream().map(arn -> store.find(arn).isPresent()).toList(),
                    "the oldest of three is forgotten");
        }
    }

    @Test
    void aNegativeFinishedInMemoryIsRefused() {
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new AslComponent().setFinishedInMemory(-1));
        assertEquals("finishedInMemory must be 0 or more, not -1", refused.getMessage());
    }

    /** [events the store kept, events the listener heard] for a one-Pass execution. */
    private static List<Integer> storedAndHeard(String type) throws Exception {
        List<String> heard = new ArrayList<>();
        try (CamelContext context = new DefaultCamelContext()) {
            context.getComponent("asl", AslComponent.class).setHistoryListener(e -> heard.add(e.get("type").asText()));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:start").to("asl:one?definition=classpath:machines/one-pass.asl.json&type=" + type);
                }
            });
            context.start();
            Exchange reply = context.createProducerTemplate().request("direct:start",
                    e -> e.getMessage().setBody("{\"a\": 1}"));
            String arn = reply.getMessage().getHeader(AslConstants.EXECUTION_ARN, String.class);
            InMemoryExecutionStore store = (InMemoryExecutionStore) context.getComponent("asl", AslComponent.class)
                    .executionStore(type);
            assertTrue(store.find(arn).isPresent(), "the execution's record is kept either way");
            return List.of(store.events(arn).size(), heard.size());
        }
    }
}
