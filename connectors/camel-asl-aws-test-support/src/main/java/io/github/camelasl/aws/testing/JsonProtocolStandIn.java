package io.github.camelasl.aws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Any AWS service that speaks the AWS JSON protocol (1.0: DynamoDB, Step Functions, ...; 1.1: Secrets Manager,
 * ECS, KMS, ...), on a free loopback port: a POST whose {@code X-Amz-Target} header names the operation
 * ({@code secretsmanager.ListSecrets}) is answered by what the test set for that target, a canned JSON answer or a
 * function of the request, as AWS answers (its content type, an {@code x-amzn-RequestId}, errors as a status and a
 * {@code __type} body the SDK maps to its exception classes). Every request is recorded.
 *
 * <pre>{@code
 * try (JsonProtocolStandIn secrets = new JsonProtocolStandIn("1.1")) {
 *     secrets.answer("secretsmanager.ListSecrets", "{\"SecretList\": []}");
 *     // point the client (or the connector's uriEndpointOverride) at secrets.endpoint(), then
 *     JsonNode sent = secrets.requests().get(0).body();
 * }
 * }</pre>
 */
public final class JsonProtocolStandIn implements AutoCloseable {

    /** A request as received: its target ({@code Prefix.Operation}), JSON body and headers (names lower-case). */
    public record Request(String target, JsonNode body, Map<String, String> headers) {

        /** The operation the target names: {@code ListSecrets}. */
        public String operation() {
            return target.substring(target.lastIndexOf('.') + 1);
        }
    }

    /** An answer: the HTTP status and the JSON body. */
    public record Answer(int status, JsonNode body) {
    }

    /** Request bodies beyond this are refused: a stand-in for tests, not a sink. */
    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String contentType;
    private final Map<String, Function<Request, Answer>> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong requestIds = new AtomicLong();

    /** @param jsonVersion "1.0" or "1.1", the service's AWS JSON protocol version (its content type) */
    public JsonProtocolStandIn(String jsonVersion) throws IOException {
        if (!"1.0".equals(jsonVersion) && !"1.1".equals(jsonVersion)) {
            throw new IllegalArgumentException("AWS JSON protocol 1.0 or 1.1, not " + jsonVersion);
        }
        contentType = "application/x-amz-json-" + jsonVersion;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code target} ({@code DynamoDB_20120810.GetItem}) with {@code json}, status 200. */
    public JsonProtocolStandIn answer(String target, String json) {
        JsonNode body = parse(json);
        return on(target, request -> new Answer(200, body));
    }

    /** Answers {@code target} with what {@code script} makes of each request (use {@link #ok}, {@link #error}). */
    public JsonProtocolStandIn on(String target, Function<Request, Answer> script) {
        answers.put(target, script);
        return this;
    }

    /** A 200 answer with {@code json}. */
    public static Answer ok(String json) {
        return new Answer(200, parse(json));
    }

    /**
     * An AWS JSON error: {@code status} and {@code {"__type": type, "message": message}}; the SDK takes the part of
     * {@code type} after any '#' as the error code ({@code com.amazonaws.dynamodb.v20120810#ResourceNotFoundException}).
     */
    public static Answer error(int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("__type", type).put("message", message);
        return new Answer(status, body);
    }

    /** Every request received, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The request ids answered so far are REQ1, REQ2, ...: the last one. */
    public String lastRequestId() {
        return "REQ" + requestIds.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = "REQ" + requestIds.incrementAndGet();
            byte[] raw = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
            if (raw.length > MAX_BODY) {
                respond(exchange, error(413, "RequestEntityTooLargeException", "request body over " + MAX_BODY
                        + " bytes"), requestId);
                return;
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                    String.join(",", values)));
            JsonNode body;
            try {
                body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            } catch (IOException e) {
                respond(exchange, error(400, "SerializationException", "the body is not JSON"), requestId);
                return;
            }
            if (target == null) {
                respond(exchange, error(400, "MissingAuthenticationTokenException", "no X-Amz-Target header"),
                        requestId);
                return;
            }
            Request request = new Request(target, body, headers);
            requests.add(request);
            Function<Request, Answer> script = answers.get(target);
            respond(exchange, script != null ? script.apply(request)
                    : error(400, "UnknownOperationException", "the stand-in has no answer for " + target), requestId);
        }
    }

    private void respond(HttpExchange exchange, Answer answer, String requestId) throws IOException {
        byte[] body = JSON.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().add("x-amzn-RequestId", requestId);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
