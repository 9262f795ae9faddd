package io.github.camelasl.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adds a connection's authorization to a request, as EventBridge connections do: BASIC and API_KEY headers, or an
 * OAuth bearer token fetched with the client credentials grant (client id and secret as basic authorization, as
 * EventBridge sends them) and kept until a minute before it expires (an hour when the server does not say), so
 * one token serves many Tasks. The connection's header replaces a Task header of the same name (as on AWS, the
 * connection's authorization parameters win over the Task's): the data never chooses the identity a call runs
 * under. Tokens are fetched one at a time per connection, so a slow token endpoint holds up only its own Tasks.
 */
final class ConnectionAuthorizer {

    private static final long DEFAULT_TOKEN_SECONDS = 3600;
    private static final long EXPIRY_MARGIN_SECONDS = 60;

    private record Token(String value, Instant expires) {
    }

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Object> fetchLocks = new ConcurrentHashMap<>();
    private final Clock clock;

    ConnectionAuthorizer(Clock clock) {
        this.clock = clock;
    }

    /** @param allowHttp whether the OAuth token endpoint may be an http URL (AWS: https only) */
    OutgoingRequest authorize(OutgoingRequest request, HttpConnection connection, HttpTransport transport,
                              boolean allowHttp) {
        return switch (connection.getAuthorizationType()) {
            case NONE -> request;
            case BASIC -> request.replacingHeader("Authorization", basic(connection.getUsername(),
                    connection.getPassword()));
            case API_KEY -> request.replacingHeader(required(connection.getApiKeyName(), connection, "apiKeyName"),
                    required(connection.getApiKeyValue(), connection, "apiKeyValue"));
            case OAUTH_CLIENT_CREDENTIALS -> request.replacingHeader("Authorization", "Bearer "
                    + token(connection, transport, allowHttp));
        };
    }

    private String token(HttpConnection connection, HttpTransport transport, boolean allowHttp) {
        String key = connection.getName() + "@" + System.identityHashCode(connection);
        Token token = tokens.get(key);
        if (token != null && clock.instant().isBefore(token.expires())) {
            return token.value();
        }
        synchronized (fetchLocks.computeIfAbsent(key, k -> new Object())) {
            token = tokens.get(key);
            if (token == null || !clock.instant().isBefore(token.expires())) {
                token = fetch(connection, transport, allowHttp);
                tokens.put(key, token);
            }
            return token.value();
        }
    }

    private Token fetch(HttpConnection connection, HttpTransport transport, boolean allowHttp) {
        String what = "authorization endpoint of the connection '" + connection.getName() + "'";
        URI endpoint;
        try {
            endpoint = EndpointAllowList.checkedUrl(required(connection.getAuthorizationEndpoint(), connection,
                    "authorizationEndpoint"), what);
        } catch (IllegalArgumentException e) {
            throw new AslError(ErrorNames.TASK_FAILED, e.getMessage());
        }
        if (!allowHttp && !"https".equalsIgnoreCase(endpoint.getScheme())) {
            throw new AslError(ErrorNames.TASK_FAILED, "the " + what + " '" + endpoint + "' is not an https URL "
                    + "(the asl-http component's allowHttp is false): the client secret is not sent in clear");
        }
        String form = "grant_type=client_credentials" + (connection.getScope() == null ? ""
                : "&scope=" + URLEncoder.encode(connection.getScope(), StandardCharsets.UTF_8));
        OutgoingRequest request = new OutgoingRequest("POST", endpoint, List.of(
                Map.entry("Authorization", basic(connection.getClientId(), connection.getClientSecret())),
                Map.entry("Content-Type", "application/x-www-form-urlencoded"),
                Map.entry("Accept", "application/json")), form.getBytes(StandardCharsets.UTF_8));
        String failed = "the OAuth token request of the connection '" + connection.getName() + "' to " + endpoint;
        HttpReply reply;
        try {
            reply = transport.send(request);
        } catch (HttpTransport.SocketFailure | HttpTransport.ResponseTooLarge e) {
            throw new AslError(ErrorNames.TASK_FAILED, failed + " failed: " + e.getMessage());
        }
        if (!reply.successful()) {
            throw new AslError(ErrorNames.TASK_FAILED, failed + " answered " + reply.statusCode() + " "
                    + reply.statusText());
        }
        JsonNode answer;
        try {
            answer = Json.parse(new String(reply.body(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new AslError(ErrorNames.TASK_FAILED, failed + " did not answer JSON");
        }
        JsonNode accessToken = answer.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isEmpty()) {
            throw new AslError(ErrorNames.TASK_FAILED, failed + " answered no access_token");
        }
        JsonNode expiresIn = answer.get("expires_in");
        long seconds = expiresIn != null && expiresIn.canConvertToLong() ? expiresIn.asLong() : DEFAULT_TOKEN_SECONDS;
        Instant expires = clock.instant().plusSeconds(Math.max(0, seconds - EXPIRY_MARGIN_SECONDS));
        return new Token(accessToken.asText(), expires);
    }

    private static String basic(String user, String password) {
        String pair = (user == null ? "" : user) + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(String value, HttpConnection connection, String option) {
        if (value == null || value.isEmpty()) {
            throw new AslError(ErrorNames.TASK_FAILED, "the connection '" + connection.getName() + "' has no "
                    + option);
        }
        return value;
    }
}
