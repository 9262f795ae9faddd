package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The forwardedHeaders option: which of a caller's headers go on to the Tasks. */
class ForwardedHeadersTest {

    @Test
    void noneIsForwardedUnlessNamed() {
        assertFalse(ForwardedHeaders.NONE.forwards("tenant"));
        assertFalse(ForwardedHeaders.parse(" , ", AllowedCamelHeaders.NONE).forwards("tenant"));
        assertEquals(Map.of(), ForwardedHeaders.parse(null, AllowedCamelHeaders.NONE)
                .select(Map.of("kafka.OVERRIDE_TOPIC", "admin")));
    }

    @Test
    void aPatternMatchesTheWholeNameIgnoringCaseAndAStarAnyRunOfCharacters() {
        ForwardedHeaders forwarded = ForwardedHeaders.parse("tenant, X-*-Id ,trace*", AllowedCamelHeaders.NONE);
        assertTrue(forwarded.forwards("TENANT"));
        assertFalse(forwarded.forwards("tenantId"));
        assertFalse(forwarded.forwards("my-tenant"));
        assertTrue(forwarded.forwards("x-request-id"));
        assertTrue(forwarded.forwards("X--ID"));
        assertFalse(forwarded.forwards("x-request-idx"));
        assertTrue(forwarded.forwards("traceparent"));
        assertEquals(Map.of("TENANT", "a"), forwarded.select(Map.of("TENANT", "a", "Bcc", "b")));
    }

    @Test
    void aCamelHeaderAlsoNeedsAllowedCamelHeaders() {
        assertFalse(ForwardedHeaders.parse("*", AllowedCamelHeaders.NONE).forwards("CamelHttpUri"));
        assertTrue(ForwardedHeaders.parse("*", AllowedCamelHeaders.NONE).forwards("kafka.KEY"));
        ForwardedHeaders both = ForwardedHeaders.parse("camel*", AllowedCamelHeaders.parse("CamelFileName"));
        assertTrue(both.forwards("CAMELFILENAME"));
        assertFalse(both.forwards("CamelHttpUri"));
    }

    @Test
    void aLongNameIsMatchedInBoundedTime() {
        // a regular expression a*b*c*d*e would backtrack for ever on this name; header names come from callers
        String name = "a".repeat(20_000);
        ForwardedHeaders forwarded = ForwardedHeaders.parse("*a*a*a*a*a*b", AllowedCamelHeaders.NONE);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFalse(forwarded.forwards(name)));
    }
}
