package io.github.camelasl.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import org.junit.jupiter.api.Test;

/** Allowed URL prefixes and the URL-encoded forms, on their own. */
class EndpointAllowListTest {

    private static boolean allows(String prefixes, String url) {
        return EndpointAllowList.parse(prefixes).allows(EndpointAllowList.checkedUrl(url, "ApiEndpoint"));
    }

    @Test
    void prefixesMatchWholeParts() {
        assertTrue(allows("https://api.example.com", "https://api.example.com/v1/x?q=1"));
        assertTrue(allows("https://api.example.com", "https://API.example.com:443/"));
        assertFalse(allows("https://api.example.com", "https://api.example.com.evil.net/"));
        assertFalse(allows("https://api.example.com", "http://api.example.com/"));
        assertFalse(allows("https://api.example.com", "https://api.example.com:8443/"));
        assertTrue(allows("https://h/v1", "https://h/v1"));
        assertTrue(allows("https://h/v1", "https://h/v1/orders"));
        assertFalse(allows("https://h/v1", "https://h/v10"));
        assertTrue(allows("https://h/v1/", "https://h/v1/orders"));
        assertFalse(allows("https://h/v1/", "https://h/v2/orders"));
        assertTrue(allows("https://a/, https://b/x/", "https://b/x/y"));
        assertFalse(allows(null, "https://a/"));
    }

    @Test
    void urlsATaskMayNotName() {
        for (String url : new String[] {"ftp://h/x", "file:///etc/passwd", "https:///nohost", "https://h/a/../b",
                "https://h/a/%2e%2e/b", "https://h/a%2F..%2Fb", "not a url"}) {
            assertThrows(IllegalArgumentException.class, () -> EndpointAllowList.checkedUrl(url, "ApiEndpoint"), url);
        }
        IllegalArgumentException credentials = assertThrows(IllegalArgumentException.class,
                () -> EndpointAllowList.checkedUrl("https://user:secret@h/x", "ApiEndpoint"));
        assertFalse(credentials.getMessage().contains("secret"), credentials.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EndpointAllowList.parse("https://ok/, gopher://x/"));
    }

    @Test
    void pathParametersAndDoubleEncodingDoNotClimbOutOfAPrefix() {
        // Tomcat and Spring strip ";..." from a segment, so "..;" is ".." to them; %252e is %2e decoded once more
        for (String url : new String[] {"https://api.example.com/partner/..;/admin",
                "https://api.example.com/partner/..;jsessionid=1/admin", "https://api.example.com/partner/.;/x",
                "https://api.example.com/partner/%2e%2e;/admin", "https://api.example.com/partner/%252e%252e/admin",
                "https://api.example.com/partner/%252fadmin"}) {
            assertThrows(IllegalArgumentException.class, () -> EndpointAllowList.checkedUrl(url, "ApiEndpoint"), url);
        }
        // a path parameter that climbs nowhere, and a literal percent sign, are fine
        assertTrue(allows("https://api.example.com/partner/", "https://api.example.com/partner/a;v=1/b"));
        assertTrue(allows("https://api.example.com/partner/", "https://api.example.com/partner/100%25"));
    }

    @Test
    void formsEncodeNestedValuesAndScalars() throws Exception {
        JsonNode body = Json.parse("{\"n\": 1.50, \"b\": true, \"z\": null, \"items\": [{\"id\": 1}, {\"id\": 2}], "
                + "\"s\": \"a&b=c\"}");
        assertEquals("n=1.50&b=true&z=&items%5B0%5D%5Bid%5D=1&items%5B1%5D%5Bid%5D=2&s=a%26b%3Dc",
                FormEncoding.INDICES.encode(body));
        // objects in an array keep their index whatever the format, so their fields stay together
        assertEquals("n=1.50&b=true&z=&items%5B0%5D%5Bid%5D=1&items%5B1%5D%5Bid%5D=2&s=a%26b%3Dc",
                FormEncoding.REPEAT.encode(body));
        assertThrows(IllegalArgumentException.class, () -> FormEncoding.of("indices"));
        assertEquals(FormEncoding.INDICES, FormEncoding.of(null));
    }
}
