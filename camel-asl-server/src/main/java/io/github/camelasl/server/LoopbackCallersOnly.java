package io.github.camelasl.server;

import io.github.camelasl.dataflow.Json;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Answers only callers on this host, when no access keys are configured: unauthenticated, the API must never be
 * open on a network. {@link StepFunctionsServer} binds loopback addresses only, and this holds in a Camel app
 * whose HTTP server listens on every address. The caller's address is read from the connection, never from a
 * header a caller could write. The Host must be this host too (localhost, 127.0.0.1 or [::1] with the server's
 * port): a web page on another site whose name an attacker points at 127.0.0.1 (DNS rebinding) sends its own.
 */
final class LoopbackCallersOnly implements Processor {

    static final String REFUSAL = "This Step Functions API answers callers on this host only: requests from other "
            + "addresses need access keys configured on the server and requests signed with them (AWS SigV4)";

    static final String HOST_REFUSAL = "This Step Functions API answers requests to this host only: the Host "
            + "header must be localhost, 127.0.0.1 or [::1] with the server's port";

    static final String NOT_VERTX = "This Step Functions API runs on camel-platform-http-vertx only: this "
            + "application's platform-http engine is another, which does not give it the caller's address";

    static final String PROXY_REFUSAL = "This Step Functions API answers callers on this host only, and this request "
            + "came through a proxy (it carries a forwarding header), which may have taken it from anywhere: serving "
            + "behind a proxy needs access keys configured on the server and requests signed with them (AWS SigV4)";

    /** What proxies add to a request they pass on: behind one on this host, the connection is the proxy's. */
    private static final java.util.List<String> FORWARDING_HEADERS = java.util.List.of("Forwarded", "X-Forwarded-For",
            "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP", "Via");

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        if (!(message instanceof HttpMessage http)) {
            refuse(exchange, NOT_VERTX);
        } else {
            refusal(http.getRequest()).ifPresent(why -> refuse(exchange, why));
        }
    }

    /** Why {@code request} is refused (not from this host, through a proxy, to another Host), or empty. */
    static java.util.Optional<String> refusal(io.vertx.core.http.HttpServerRequest request) {
        if (!isLoopback(request.remoteAddress())) {
            return java.util.Optional.of(REFUSAL);
        } else if (FORWARDING_HEADERS.stream().anyMatch(name -> request.getHeader(name) != null)) {
            // a reverse proxy on this host (nginx's proxy_pass to 127.0.0.1, say) would make any caller look local
            return java.util.Optional.of(PROXY_REFUSAL);
        } else if (!isThisHost(host(request).orElse(null), request.localAddress())) {
            return java.util.Optional.of(HOST_REFUSAL);
        }
        return java.util.Optional.empty();
    }

    private static void refuse(Exchange exchange, String why) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 403);
        message.setHeader(Exchange.CONTENT_TYPE, StepFunctionsApi.CONTENT_TYPE);
        message.setBody(Json.write(StepFunctionsApi.error("AccessDeniedException", why)));
        exchange.setRouteStop(true);
    }

    /** The Host header, or on HTTP/2 (as an h2c upgrade makes it) the :authority that stands for it. */
    static java.util.Optional<String> host(io.vertx.core.http.HttpServerRequest request) {
        String host = request.getHeader("Host");
        if (host == null && request.authority() != null) {
            host = request.authority().toString();
        }
        return java.util.Optional.ofNullable(host);
    }

    /** A loopback name with the port the request came in on (or none, on port 80). */
    static boolean isThisHost(String host, SocketAddress local) {
        if (host == null || local == null) {
            return false;
        }
        String name = host.trim().toLowerCase(java.util.Locale.ROOT);
        int colon = name.lastIndexOf(':');
        String port = "80";
        if (colon >= 0 && colon > name.lastIndexOf(']')) {
            port = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        return (name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]"))
                && port.equals(Integer.toString(local.port()));
    }

    private static boolean isLoopback(SocketAddress caller) {
        if (caller == null || caller.hostAddress() == null) {
            return false;
        }
        try {
            // an IP literal: no name lookup
            return InetAddress.getByName(caller.hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
