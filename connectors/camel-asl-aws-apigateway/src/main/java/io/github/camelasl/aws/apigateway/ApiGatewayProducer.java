package io.github.camelasl.aws.apigateway;

import io.github.camelasl.AslConstants;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import io.github.camelasl.http.EndpointAllowList;
import io.github.camelasl.http.HttpReply;
import io.github.camelasl.http.HttpTransport;
import io.github.camelasl.http.OutgoingRequest;
import io.github.camelasl.route.TaskMessages;
import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Runs one {@code apigateway:invoke} Task: reads the request, refuses an API the application does not allow
 * (without calling it), signs it for IAM_ROLE and RESOURCE_POLICY, calls, and answers with the response or AWS's
 * error for it.
 */
public class ApiGatewayProducer extends DefaultProducer {

    public ApiGatewayProducer(ApiGatewayEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ApiGatewayEndpoint getEndpoint() {
        return (ApiGatewayEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        ApiGatewayEndpoint endpoint = getEndpoint();
        ApiGatewayConfiguration options = endpoint.getConfiguration();
        ApiGatewayComponent component = endpoint.getComponent();
        String state = exchange.getMessage().getHeader(AslConstants.STATE_NAME, String.class);
        InvokeRequest request;
        URI url;
        try {
            request = InvokeRequest.of(TaskMessages.toJson(exchange.getMessage().getBody()));
            String base = options.getUriEndpointOverride() != null ? stripSlash(options.getUriEndpointOverride())
                    : "https://" + request.apiEndpoint;
            url = EndpointAllowList.checkedUrl(base + request.pathAndQuery, "URL");
        } catch (InvokeRequest.InvalidFormat e) {
            throw new AslError(ErrorNames.RUNTIME, "An error occurred while executing the state '" + state + "'"
                    + enteredAt(exchange) + ". The Parameters '" + exchange.getMessage().getBody(String.class)
                    + "' could not be used to start the Task: [" + e.getMessage() + "]");
        } catch (IllegalArgumentException e) {
            throw new AslError(ErrorNames.TASK_FAILED, "The state '" + state + "': " + e.getMessage());
        }
        if (!component.allows(request.apiEndpoint, request.authType, options)) {
            throw new AslError(ErrorNames.PERMISSIONS, "The state '" + state + "' may not call the API "
                    + request.apiEndpoint + ": it is not an ApiEndpoint of a deployed definition nor one of the "
                    + "asl-aws-apigateway component's allowedEndpoints");
        }
        OutgoingRequest outgoing = new OutgoingRequest(request.method, url, request.headers, request.body);
        if (!"NO_AUTH".equals(request.authType)) {
            outgoing = component.signer(options).sign(outgoing, request.apiEndpoint);
        }
        HttpReply reply;
        try {
            reply = component.transport(options).send(outgoing);
        } catch (HttpTransport.SocketFailure e) {
            throw ApiGatewayErrors.exception(e, e.getMessage());
        } catch (HttpTransport.ResponseTooLarge e) {
            throw new AslError(ErrorNames.DATA_LIMIT_EXCEEDED, "The response of " + url + " to the state '" + state
                    + "' is too large: " + e.getMessage());
        }
        if (!reply.successful()) {
            throw ApiGatewayErrors.status(reply);
        }
        exchange.getMessage().setBody(Json.write(reply.toResult()));
    }

    /**
     * " (entered at the event id #N)" as AWS's States.Runtime causes say it, from the idempotency key the engine
     * sets ({@code <execution>/<state>/<entered event id>/<retry>}); empty when the call does not come from a Task.
     */
    private static String enteredAt(Exchange exchange) {
        String key = exchange.getMessage().getHeader(AslConstants.IDEMPOTENCY_KEY, String.class);
        if (key == null) {
            return "";
        }
        String[] parts = key.split("/");
        return parts.length >= 3 && parts[parts.length - 2].matches("[0-9]+")
                ? " (entered at the event id #" + parts[parts.length - 2] + ")" : "";
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
