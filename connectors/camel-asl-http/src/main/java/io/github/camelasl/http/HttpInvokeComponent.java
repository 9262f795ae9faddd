package io.github.camelasl.http;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code asl-http:invoke}: what {@code arn:aws:states:::http:invoke} (the HTTP Task) runs. It holds the connections
 * Tasks authorize with and the endpoints they may call.
 *
 * <p>Which URLs a Task may call: an {@code ApiEndpoint} written in the definition is allowed (the definition is the
 * application's code, checked by its resource policy when it is deployed; it is recorded then), unless
 * {@code trustDefinitionEndpoints} is false (definitions from outside the application). An
 * {@code ApiEndpoint} computed from the data ({@code ApiEndpoint.$}, a JSONata expression, or a request that is the
 * state's input) must fall under a prefix of {@code allowedEndpoints} or of the Task's connection: data must not
 * choose where the application's credentials go, and with no prefix configured such a Task is refused when it is
 * deployed.
 */
@Component("asl-http")
public class HttpInvokeComponent extends DefaultComponent {

    @Metadata(description = "Comma-separated URL prefixes (https://api.example.com/v1/) that HTTP Tasks whose "
                            + "ApiEndpoint comes from the data may call, whatever their connection.")
    private String allowedEndpoints;
    @Metadata(description = "The connections Tasks name with Authentication.ConnectionArn (HttpConnection beans "
                            + "in the registry are found too, by bean name or name).")
    private List<HttpConnection> connections = new ArrayList<>();
    @Metadata(defaultValue = "true", description = "Whether an ApiEndpoint written in a deployed definition may be "
                                                   + "called without an allowed prefix. Set false when definitions "
                                                   + "come from outside the application (the API server): then "
                                                   + "every ApiEndpoint must be under allowedEndpoints or the "
                                                   + "connection's.")
    private boolean trustDefinitionEndpoints = true;
    @Metadata(defaultValue = "60", description = "How long a call may take, in seconds, redirects included (AWS: "
                                                 + "60); then the Task fails with States.Http.Socket.")
    private int timeoutSeconds = 60;
    @Metadata(defaultValue = "262144", description = "The largest response body read, in bytes (AWS: 256 KiB); a "
                                                     + "larger one fails the Task with States.DataLimitExceeded.")
    private int maxResponseSize = 262144;

    /** The literal ApiEndpoints of the definitions deployed with this component. */
    private final Set<String> definitionEndpoints = ConcurrentHashMap.newKeySet();
    private final ConnectionAuthorizer authorizer = new ConnectionAuthorizer(Clock.systemUTC());
    private volatile HttpTransport transport;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!HttpInvokeEndpoint.INVOKE.equals(remaining)) {
            throw new IllegalArgumentException("asl-http supports the operation '" + HttpInvokeEndpoint.INVOKE
                    + "', not '" + remaining + "'");
        }
        HttpInvokeEndpoint endpoint = new HttpInvokeEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** Records an ApiEndpoint written in a deployed definition: Tasks may call it. */
    void allowDefinitionEndpoint(String apiEndpoint) {
        definitionEndpoints.add(apiEndpoint);
    }

    /**
     * Whether a Task using {@code connection} (or none) may call {@code apiEndpoint}, checked as {@code url}. A
     * connection with allowed endpoints of its own sends its credentials nowhere else, written or computed; otherwise
     * a deployed definition names it (when trusted) or it is under the component's prefixes.
     */
    boolean allows(String apiEndpoint, URI url, HttpConnection connection) {
        if (connection != null) {
            EndpointAllowList own = EndpointAllowList.parse(connection.getAllowedEndpoints());
            if (!own.isEmpty()) {
                return own.allows(url);
            }
        }
        return (trustDefinitionEndpoints && definitionEndpoints.contains(apiEndpoint)) || globalAllowList().allows(url);
    }

    /** Whether any prefix is configured for Tasks with a computed ApiEndpoint using {@code connection}. */
    boolean hasPrefixesFor(HttpConnection connection) {
        return !globalAllowList().isEmpty()
                || (connection != null && !EndpointAllowList.parse(connection.getAllowedEndpoints()).isEmpty());
    }

    EndpointAllowList globalAllowList() {
        return EndpointAllowList.parse(allowedEndpoints);
    }

    Optional<HttpConnection> connection(String arnOrName) {
        return HttpConnections.find(getCamelContext(), connections, arnOrName);
    }

    ConnectionAuthorizer authorizer() {
        return authorizer;
    }

    HttpTransport transport() {
        HttpTransport current = transport;
        if (current == null) {
            synchronized (this) {
                if (transport == null) {
                    transport = HttpTransport.of(getCamelContext(), Duration.ofSeconds(timeoutSeconds),
                            maxResponseSize);
                }
                current = transport;
            }
        }
        return current;
    }

    public String getAllowedEndpoints() {
        return allowedEndpoints;
    }

    public void setAllowedEndpoints(String allowedEndpoints) {
        EndpointAllowList.parse(allowedEndpoints); // a bad prefix fails the configuration, not a Task
        this.allowedEndpoints = allowedEndpoints;
    }

    public boolean isTrustDefinitionEndpoints() {
        return trustDefinitionEndpoints;
    }

    public void setTrustDefinitionEndpoints(boolean trustDefinitionEndpoints) {
        this.trustDefinitionEndpoints = trustDefinitionEndpoints;
    }

    public List<HttpConnection> getConnections() {
        return connections;
    }

    public void setConnections(List<HttpConnection> connections) {
        this.connections = connections == null ? new ArrayList<>() : new ArrayList<>(connections);
    }

    /** Adds a connection. */
    public HttpInvokeComponent addConnection(HttpConnection connection) {
        connections.add(connection);
        return this;
    }

    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    public void setTimeoutSeconds(int timeoutSeconds) {
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("timeoutSeconds must be positive, not " + timeoutSeconds);
        }
        this.timeoutSeconds = timeoutSeconds;
    }

    public int getMaxResponseSize() {
        return maxResponseSize;
    }

    public void setMaxResponseSize(int maxResponseSize) {
        if (maxResponseSize <= 0) {
            throw new IllegalArgumentException("maxResponseSize must be positive, not " + maxResponseSize);
        }
        this.maxResponseSize = maxResponseSize;
    }
}
