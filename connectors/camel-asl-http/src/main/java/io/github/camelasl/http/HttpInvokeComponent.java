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
 * <p>Which URLs a Task may call (data must not choose where the application's credentials go):
 * <ul>
 * <li>with a connection that has {@code allowedEndpoints} of its own: only under those, written or computed;</li>
 * <li>with a connection without them (that sends credentials): only an {@code ApiEndpoint} written next to it, in
 * one Task of a deployed definition (the definition is the application's code; recorded when it is deployed), unless
 * {@code trustDefinitionEndpoints} is false. Neither the component's {@code allowedEndpoints} nor another
 * Task's written URL carry its credentials, and a ConnectionArn from the data that names it reaches only those
 * written URLs;</li>
 * <li>with no connection (or one of type NONE): an {@code ApiEndpoint} written without a connection, or one under
 * the component's {@code allowedEndpoints}.</li>
 * </ul>
 * A computed {@code ApiEndpoint} ({@code ApiEndpoint.$}, a JSONata expression, or a request that is the state's
 * input) with no prefix to fall under is refused when the definition is deployed. Every redirect is checked again
 * by the same rules. Endpoints must be https unless {@code allowHttp} is set.
 */
@Component("asl-http")
public class HttpInvokeComponent extends DefaultComponent {

    @Metadata(description = "Comma-separated URL prefixes (https://api.example.com/v1/) that HTTP Tasks whose "
                            + "ApiEndpoint comes from the data may call without credentials (no connection, or "
                            + "one of type NONE). A connection's credentials go only under its own "
                            + "allowedEndpoints, or to the ApiEndpoints written next to it.")
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
    @Metadata(defaultValue = "false", description = "Whether ApiEndpoints and OAuth token endpoints may be http "
                                                    + "URLs (AWS calls https only). For on-premises services and "
                                                    + "tests: credentials then travel in clear.")
    private boolean allowHttp;
    @Metadata(defaultValue = "60", description = "How long a call may take, in seconds, redirects included (AWS: "
                                                 + "60); then the Task fails with States.Http.Socket.")
    private int timeoutSeconds = 60;
    @Metadata(defaultValue = "262144", description = "The largest response body read, in bytes (AWS: 256 KiB); a "
                                                     + "larger one fails the Task with States.DataLimitExceeded.")
    private int maxResponseSize = 262144;

    /**
     * An ApiEndpoint written in a Task of a deployed definition, with the connection written next to it (null for
     * none or a NONE connection; compared by identity, as HttpConnection has no equals).
     */
    private record WrittenEndpoint(String apiEndpoint, HttpConnection connection) {
    }

    private final Set<WrittenEndpoint> writtenEndpoints = ConcurrentHashMap.newKeySet();
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

    /** Records an ApiEndpoint written in a deployed definition with the connection written next to it (or null). */
    void allowWrittenEndpoint(String apiEndpoint, HttpConnection connection) {
        if (trustDefinitionEndpoints) {
            writtenEndpoints.add(new WrittenEndpoint(apiEndpoint, credentialed(connection)));
        }
    }

    /**
     * Why a Task using {@code connection} (or none) may not call {@code apiEndpoint}, checked as {@code url}; null
     * when it may (see the class comment). Also asked of every redirect.
     */
    String refusal(String apiEndpoint, URI url, HttpConnection connection) {
        return refusal(apiEndpoint, url, connection, false);
    }

    /**
     * {@link #refusal(String, URI, HttpConnection)} of a Task being deployed that writes {@code apiEndpoint} next
     * to {@code connection} ({@code writtenHere}): recorded only once it deploys, it counts as written meanwhile.
     */
    String refusal(String apiEndpoint, URI url, HttpConnection connection, boolean writtenHere) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !allowHttp) {
            return "it is not an https URL (the asl-http component's allowHttp is false)";
        }
        HttpConnection sending = credentialed(connection);
        if (sending != null) {
            EndpointAllowList own = EndpointAllowList.parse(sending.getAllowedEndpoints());
            if (!own.isEmpty()) {
                return own.allows(url) ? null : "it is not under the allowed endpoints of its connection '"
                        + sending.getName() + "'";
            }
            return written(apiEndpoint, sending, writtenHere) ? null
                    : "the connection '" + sending.getName() + "' has no allowed endpoints of its own, so its "
                      + "credentials go only to the ApiEndpoints written next to it in a deployed definition"
                      + (trustDefinitionEndpoints ? "" : ", and the asl-http component does not trust written "
                                                          + "ApiEndpoints (trustDefinitionEndpoints is false)");
        }
        return written(apiEndpoint, null, writtenHere) || globalAllowList().allows(url)
                ? null : "it is not an ApiEndpoint written in a deployed definition nor under the asl-http "
                         + "component's allowedEndpoints";
    }

    private boolean written(String apiEndpoint, HttpConnection connection, boolean writtenHere) {
        return writtenHere ? trustDefinitionEndpoints
                : writtenEndpoints.contains(new WrittenEndpoint(apiEndpoint, connection));
    }

    /** Whether a Task using {@code connection} (or none) may call {@code apiEndpoint}; see {@link #refusal}. */
    boolean allows(String apiEndpoint, URI url, HttpConnection connection) {
        return refusal(apiEndpoint, url, connection) == null;
    }

    /**
     * Whether a Task with a computed ApiEndpoint using {@code connection} (or none, or one chosen by the data) has
     * prefixes to be checked against: the connection's own, or, for a Task sending no credentials, the component's.
     */
    boolean hasPrefixesFor(HttpConnection connection) {
        HttpConnection sending = credentialed(connection);
        return sending == null ? !globalAllowList().isEmpty()
                : !EndpointAllowList.parse(sending.getAllowedEndpoints()).isEmpty();
    }

    /** The connection when it sends credentials; null for none or a NONE connection. */
    static HttpConnection credentialed(HttpConnection connection) {
        return connection == null || connection.getAuthorizationType() == HttpConnection.AuthorizationType.NONE
                ? null : connection;
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

    public boolean isAllowHttp() {
        return allowHttp;
    }

    public void setAllowHttp(boolean allowHttp) {
        this.allowHttp = allowHttp;
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
