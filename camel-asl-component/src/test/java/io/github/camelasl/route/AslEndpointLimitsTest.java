package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslConstants;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/** The limits options on asl: endpoints: a stream body is read no further than the cap; aws mode names. */
class AslEndpointLimitsTest extends CamelTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // Camel 4 caches streams by default, reading them whole (spooled to disk) before the endpoint sees
                // them: a route that hands asl: an endless stream turns that off
                from("direct:capped").noStreamCaching().to("asl:capped?definition=classpath:machines/one-pass.asl.json"
                        + "&maxPayloadSize=1000");
                from("direct:aws").to("asl:awsLimits?definition=classpath:machines/one-pass.asl.json&limits=aws");
            }
        };
    }

    /** A stream that never ends, counting what is read from it. */
    private static final class Endless extends InputStream {
        final AtomicLong read = new AtomicLong();

        @Override
        public int read() {
            read.incrementAndGet();
            return ' ';
        }
    }

    @Test
    void aStreamBodyIsReadNoFurtherThanTheCap() {
        Endless endless = new Endless();
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:capped", endless, String.class));
        AslError error = assertInstanceOf(AslError.class, e.getCause());
        assertEquals(ErrorNames.DATA_LIMIT_EXCEEDED, error.error());
        assertTrue(error.cause().contains("The execution input has more than 1000 bytes"), error.cause());
        assertTrue(endless.read.get() <= 1001, "read " + endless.read.get() + " bytes");
    }

    @Test
    void aStreamWithinTheCapRuns() {
        String out = template.requestBody("direct:capped",
                new ByteArrayInputStream("{\"a\": 1}".getBytes(StandardCharsets.UTF_8)), String.class);
        assertEquals("{\"a\":1}", out);
    }

    @Test
    void awsLimitsRefuseAnExecutionNameAwsRefuses() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template
                .requestBodyAndHeader("direct:aws", "{}", AslConstants.EXECUTION_NAME, "has space", String.class));
        AslError error = assertInstanceOf(AslError.class, e.getCause());
        assertEquals("InvalidName", error.error());
        assertTrue(error.cause().contains("'has space'"), error.cause());
        assertEquals("{}", template.requestBodyAndHeader("direct:aws", "{}", AslConstants.EXECUTION_NAME, "ok",
                String.class));
    }

    @Test
    void awsLimitsRefuseAnInputOverTwoHundredFiftySixKib() {
        String big = "{\"s\": \"" + "x".repeat(262_144) + "\"}";
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:aws", big, String.class));
        assertEquals(ErrorNames.DATA_LIMIT_EXCEEDED, assertInstanceOf(AslError.class, e.getCause()).error());
    }
}
