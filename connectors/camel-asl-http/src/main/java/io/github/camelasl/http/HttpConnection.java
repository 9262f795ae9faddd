package io.github.camelasl.http;

/**
 * What an EventBridge connection holds for an HTTP Task, configured in the application instead: how to authorize
 * ({@code authorizationType} with AWS's names BASIC, API_KEY, OAUTH_CLIENT_CREDENTIALS; NONE for no authorization)
 * and, for Tasks whose {@code ApiEndpoint} comes from the data, the URL prefixes they may call. A Task names it
 * with {@code Authentication.ConnectionArn} (or {@code InvocationConfig.ConnectionArn}): the ARN
 * {@code arn:aws:events:REGION:ACCOUNT:connection/NAME/ID}, or the NAME alone.
 *
 * <p>Bind one per connection in the Camel registry (its bean name, or {@link #setName}, is the NAME), or add it to
 * the {@code asl-http} component's {@code connections}.
 */
public class HttpConnection {

    /** EventBridge's authorization types. */
    public enum AuthorizationType {
        NONE, BASIC, API_KEY, OAUTH_CLIENT_CREDENTIALS
    }

    private String name;
    private AuthorizationType authorizationType = AuthorizationType.NONE;
    private String username;
    private String password;
    private String apiKeyName;
    private String apiKeyValue;
    private String authorizationEndpoint;
    private String clientId;
    private String clientSecret;
    private String scope;
    private String allowedEndpoints;

    public HttpConnection() {
    }

    public HttpConnection(String name) {
        this.name = name;
    }

    /** A connection with basic authorization. */
    public static HttpConnection basic(String name, String username, String password) {
        HttpConnection connection = new HttpConnection(name);
        connection.setAuthorizationType(AuthorizationType.BASIC);
        connection.setUsername(username);
        connection.setPassword(password);
        return connection;
    }

    /** A connection sending an API key in the header {@code apiKeyName}. */
    public static HttpConnection apiKey(String name, String apiKeyName, String apiKeyValue) {
        HttpConnection connection = new HttpConnection(name);
        connection.setAuthorizationType(AuthorizationType.API_KEY);
        connection.setApiKeyName(apiKeyName);
        connection.setApiKeyValue(apiKeyValue);
        return connection;
    }

    /** A connection fetching an OAuth token with the client credentials grant from {@code authorizationEndpoint}. */
    public static HttpConnection oauthClientCredentials(String name, String authorizationEndpoint, String clientId,
                                                        String clientSecret) {
        HttpConnection connection = new HttpConnection(name);
        connection.setAuthorizationType(AuthorizationType.OAUTH_CLIENT_CREDENTIALS);
        connection.setAuthorizationEndpoint(authorizationEndpoint);
        connection.setClientId(clientId);
        connection.setClientSecret(clientSecret);
        return connection;
    }

    /** The same connection, allowing Tasks with a computed ApiEndpoint to call under {@code prefixes}. */
    public HttpConnection allowing(String prefixes) {
        setAllowedEndpoints(prefixes);
        return this;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public AuthorizationType getAuthorizationType() {
        return authorizationType;
    }

    public void setAuthorizationType(AuthorizationType authorizationType) {
        this.authorizationType = authorizationType;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getApiKeyName() {
        return apiKeyName;
    }

    public void setApiKeyName(String apiKeyName) {
        this.apiKeyName = apiKeyName;
    }

    public String getApiKeyValue() {
        return apiKeyValue;
    }

    public void setApiKeyValue(String apiKeyValue) {
        this.apiKeyValue = apiKeyValue;
    }

    /** The OAuth token endpoint (client credentials grant). */
    public String getAuthorizationEndpoint() {
        return authorizationEndpoint;
    }

    public void setAuthorizationEndpoint(String authorizationEndpoint) {
        this.authorizationEndpoint = authorizationEndpoint;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    /** The OAuth scope to ask for, if any. */
    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    /** Comma-separated URL prefixes that Tasks using this connection may call with a computed ApiEndpoint. */
    public String getAllowedEndpoints() {
        return allowedEndpoints;
    }

    public void setAllowedEndpoints(String allowedEndpoints) {
        this.allowedEndpoints = allowedEndpoints;
    }

    @Override
    public String toString() {
        return "HttpConnection[" + name + ", " + authorizationType + "]"; // never the secrets
    }
}
