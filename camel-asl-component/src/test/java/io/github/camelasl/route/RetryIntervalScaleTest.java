package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** retryIntervalScale=0 keeps a definition's Retry (attempts, order, events) but skips its waiting, for local tests. */
class RetryIntervalScaleTest {

    @Test
    void zeroRetriesAtOnceWithTheDefinitionsAttempts() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:start").to("asl:slow?definition=classpath:machines/slow-retry.asl.json"
                            + "&retryIntervalScale=0");
                    from("direct:flaky").process(e -> {
                        if (calls.incrementAndGet() < 3) {
                            throw new IllegalStateException("busy");
                        }
                        e.getMessage().setBody("{\"ok\":true}");
                    });
                }
            });
            context.start();
            long start = System.nanoTime();
            String out = context.createProducerTemplate().requestBody("direct:start", "{}", String.class);
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertEquals("{\"ok\":true}", out);
            assertEquals(3, calls.get(), "both retries of the definition ran");
            assertTrue(seconds < 30, "the 30 s and 60 s back-offs were not waited for (took " + seconds + " s)");
        }
    }

    @Test
    void aNegativeScaleIsRefusedNamingTheOption() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:start").to("asl:slow?definition=classpath:machines/slow-retry.asl.json"
                            + "&retryIntervalScale=-1");
                }
            });
            Exception thrown = assertThrows(Exception.class, context::start);
            Throwable cause = thrown;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            assertTrue(cause.getMessage().contains("retryIntervalScale must be a number of at least 0"),
                    cause.getMessage());
        }
    }
}
