package io.github.camelasl.http;

import io.github.camelasl.AslConstants;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import io.github.camelasl.route.TaskMessages;
import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Runs one HTTP Task: reads the request, refuses an endpoint the application does not allow (without calling it),
 * adds the connection's authorization, calls, and answers with the response or AWS's error for it.
 */
public class HttpInvokeProducer extends DefaultProducer {

    public HttpInvokeProducer(HttpInvokeEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public HttpInvokeEndpoint getEndpoint() {
        return (HttpInvokeEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        HttpInvokeComponent component = getEndpoint().getComponent();
        String state = exchange.getMessage().getHeader(AslConstants.STATE_NAME, String.class);
        HttpInvokeRequest request;
        OutgoingRequest outgoing;
        try {
            request = HttpInvokeRequest.of(TaskMessages.toJson(exchange.getMessage().getBody()));
            outgoing = request.toOutgoing();
        } catch (IllegalArgumentException e) {
            throw new AslError(ErrorNames.TASK_FAILED, "The state '" + state + "': " + e.getMessage());
        }
        HttpConnection connection = null;
        if (request.connection != null) {
            connection = component.connection(request.connection).orElse(null);
            if (connection == null) {
                throw new AslError(ErrorNames.PERMISSIONS, "The state '" + state + "' names the connection '"
                        + request.connection + "', which the application does not configure (an HttpConnection "
                        + "named '" + HttpConnections.nameOf(request.connection) + "')");
            }
        }
        URI url = outgoing.uri();
        String refusal = component.refusal(request.apiEndpoint, url, connection);
        if (refusal != null) {
            throw new AslError(ErrorNames.PERMISSIONS, "The state '" + state + "' may not call " + request.apiEndpoint
                    + ": " + refusal);
        }
        HttpTransport transport = component.transport();
        if (connection != null) {
            outgoing = component.authorizer().authorize(outgoing, connection, transport, component.isAllowHttp());
        }
        HttpConnection authorizing = connection;
        HttpReply reply;
        try {
            // a redirect is the server's choice: each hop must pass the rules the Task's own URL passed
            reply = transport.send(outgoing, hop -> component.allows(hop.toString(), hop, authorizing));
        } catch (HttpTransport.SocketFailure e) {
            throw new AslError(HttpErrors.SOCKET, e.getMessage());
        } catch (HttpTransport.ResponseTooLarge e) {
            throw new AslError(ErrorNames.DATA_LIMIT_EXCEEDED, "The response of " + url + " to the state '" + state
                    + "' is too large: " + e.getMessage());
        }
        if (!reply.successful()) {
            throw HttpErrors.status(reply);
        }
        exchange.getMessage().setBody(Json.write(reply.toResult()));
    }
}
