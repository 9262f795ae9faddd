package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.lang.reflect.Proxy;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * In a Camel app whose HTTP server listens on every address, the API still answers only callers on this host,
 * by the connection's address, whatever headers say.
 */
class LoopbackCallersOnlyTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();

    /** An exchange as camel-platform-http-vertx makes it, for a request from {@code callerIp}. */
    private Exchange requestFrom(String callerIp) {
        return requestFrom(callerIp, "127.0.0.1:8083");
    }

    /** As above, with the Host header {@code host}, to a server on port 8083. */
    private Exchange requestFrom(String callerIp, String host) {
        return requestFrom(callerIp, host, java.util.Map.of());
    }

    /** As above, with other request headers too. */
    private Exchange requestFrom(String callerIp, String host, java.util.Map<String, String> headers) {
        HttpServerRequest request = (HttpServerRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "remoteAddress" -> SocketAddress.inetSocketAddress(40000, callerIp);
                    case "localAddress" -> SocketAddress.inetSocketAddress(8083, "127.0.0.1");
                    case "getHeader" -> "Host".equals(String.valueOf(args[0])) ? host
                            : headers.get(String.valueOf(args[0]));
                    case "hashCode" -> 1;
                    case "equals" -> proxy == args[0];
                    case "toString" -> "request from " + callerIp;
                    default -> null;
                });
        Exchange exchange = new DefaultExchange(camel);
        HttpMessage message = new HttpMessage(exchange, request, null);
        message.setHeader("X-Forwarded-For", "127.0.0.1");
        message.setHeader("CamelVertxPlatformHttpRemoteAddress", "127.0.0.1");
        message.setBody("{}");
        exchange.setMessage(message);
        return exchange;
    }

    @Test
    void aCallerOnAnotherHostIsRefusedSayingAuthenticationIsNeeded() throws Exception {
        Exchange exchange = requestFrom("10.1.2.3");
        new LoopbackCallersOnly().process(exchange);
        assertTrue(exchange.isRouteStop(), "the API does not run");
        assertEquals(403, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        JsonNode error = Json.parse(exchange.getMessage().getBody(String.class));
        assertEquals("AccessDeniedException", error.get("__type").asText());
        assertTrue(error.get("message").asText().contains("SigV4"), error.toString());
    }

    @Test
    void aCallerOnThisHostGoesOn() throws Exception {
        for (String loopback : new String[] {"127.0.0.1", "::1"}) {
            Exchange exchange = requestFrom(loopback);
            new LoopbackCallersOnly().process(exchange);
            assertFalse(exchange.isRouteStop(), loopback);
            assertEquals("{}", exchange.getMessage().getBody(String.class));
        }
    }

    /**
     * A reverse proxy on this host (nginx's proxy_pass to 127.0.0.1:PORT, which sends that as the Host) would make
     * every caller on the network look local; what it adds to the request gives it away.
     */
    @Test
    void aRequestThroughAProxyOnThisHostIsRefused() throws Exception {
        for (String header : new String[] {"X-Forwarded-For", "Forwarded", "X-Real-IP", "Via", "X-Forwarded-Host"}) {
            Exchange exchange = requestFrom("127.0.0.1", "127.0.0.1:8083", java.util.Map.of(header, "203.0.113.9"));
            new LoopbackCallersOnly().process(exchange);
            assertTrue(exchange.isRouteStop(), header);
            assertEquals(403, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
            JsonNode error = Json.parse(exchange.getMessage().getBody(String.class));
            assertEquals("AccessDeniedException", error.get("__type").asText());
            assertTrue(error.get("message").asText().contains("proxy"), error.toString());
        }
    }

    @Test
    void aRequestFromThisHostToAnotherHostNameIsRefused() throws Exception {
        // DNS rebinding: a page on evil.example, its name now 127.0.0.1, sends its own Host
        for (String host : new String[] {"evil.example:8083", "127.0.0.1:9999", "localhost", "127.0.0.1.evil:8083",
                "", null}) {
            Exchange exchange = requestFrom("127.0.0.1", host);
            new LoopbackCallersOnly().process(exchange);
            assertTrue(exchange.isRouteStop(), "Host " + host);
            assertEquals(403, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
            JsonNode error = Json.parse(exchange.getMessage().getBody(String.class));
            assertEquals("AccessDeniedException", error.get("__type").asText());
            assertTrue(error.get("message").asText().contains("Host header"), error.toString());
        }
    }

    @Test
    void aRequestToALoopbackNameWithTheServersPortGoesOn() throws Exception {
        for (String host : new String[] {"127.0.0.1:8083", "localhost:8083", "LOCALHOST:8083", "[::1]:8083"}) {
            Exchange exchange = requestFrom("127.0.0.1", host);
            new LoopbackCallersOnly().process(exchange);
            assertFalse(exchange.isRouteStop(), host);
        }
    }

    @Test
    void aMessageNotFromTheVertxServerIsRefused() throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader("CamelVertxPlatformHttpRemoteAddress", "127.0.0.1");
        new LoopbackCallersOnly().process(exchange);
        assertTrue(exchange.isRouteStop());
        assertEquals(403, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
    }
}
