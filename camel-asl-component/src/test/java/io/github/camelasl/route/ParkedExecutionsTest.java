package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * Through the component as users run it: more executions wait than Camel's default scheduler queues (1,000),
 * and none of them holds the thread that started it.
 */
class ParkedExecutionsTest {

    private static final int PARKED = 1_500;

    @Test
    void fifteenHundredWaitingExecutionsNeitherBlockTheCallerNorHoldAThreadEach() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:nap").to("asl:nap?definition=classpath:machines/nap.asl.json");
                }
            });
            context.start();
            // the producer's asynchronous API, from this one thread, as a consumer route would call it
            AsyncProducer producer = context.getEndpoint("direct:nap").createAsyncProducer();
            producer.start();
            int threadsBefore = Thread.activeCount();
            long start = System.nanoTime();
            List<CompletableFuture<String>> parked = new ArrayList<>();
            for (int i = 0; i < PARKED; i++) {
                Exchange exchange = new DefaultExchange(context, ExchangePattern.InOut);
                exchange.getMessage().setBody("{\"n\": " + i + "}");
                CompletableFuture<String> reply = new CompletableFuture<>();
                producer.process(exchange, doneSync -> reply.complete(exchange.getMessage().getBody(String.class)));
                parked.add(reply);
            }
            long startingMillis = (System.nanoTime() - start) / 1_000_000;
            int threadsAdded = Thread.activeCount() - threadsBefore;
            assertTrue(parked.stream().noneMatch(CompletableFuture::isDone),
                    "every execution is still in its 3 s Wait (none waited on the caller's thread)");
            assertTrue(startingMillis < 3_000, "starting them took " + startingMillis + " ms");
            // the component's timer threads at most; not one per execution
            assertTrue(threadsAdded <= 12, "threads added while " + PARKED + " executions wait: " + threadsAdded);
            for (int i = 0; i < PARKED; i++) {
                assertEquals("{\"n\":" + i + "}", parked.get(i).get(60, TimeUnit.SECONDS));
            }
        }
    }
}
