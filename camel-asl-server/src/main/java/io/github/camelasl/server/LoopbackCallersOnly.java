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
 * Answers only callers on this host. The API has no authentication yet (SigV4 is a later step), so it must never
 * be open on a network: {@link StepFunctionsServer} binds loopback addresses only, and this holds in a Camel app
 * whose HTTP server listens on every address. The caller's address is read from the connection, never from a
 * header a caller could write.
 */
final class LoopbackCallersOnly implements Processor {

    static final String REFUSAL = "This Step Functions API answers callers on this host only: requests from other "
            + "addresses need authentication (AWS SigV4 request signing), which is not built yet";

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        if (message instanceof HttpMessage http && isLoopback(http.getRequest().remoteAddress())) {
            return;
        }
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 403);
        message.setHeader(Exchange.CONTENT_TYPE, StepFunctionsApi.CONTENT_TYPE);
        message.setBody(Json.write(StepFunctionsApi.error("AccessDeniedException", REFUSAL)));
        exchange.setRouteStop(true);
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
