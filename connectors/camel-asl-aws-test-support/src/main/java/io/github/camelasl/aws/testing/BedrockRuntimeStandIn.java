package io.github.camelasl.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Enough of Amazon Bedrock Runtime for InvokeModel, on a free loopback port: it speaks the service's REST-JSON
 * protocol ({@code POST /model/{modelId}/invoke}, the request's body as is, Content-Type and Accept headers) and
 * answers each model with what the test set for it, a model it was not given with Bedrock's ValidationException.
 * Every request is recorded.
 *
 * <pre>{@code
 * try (BedrockRuntimeStandIn bedrock = new BedrockRuntimeStandIn()) {
 *     bedrock.model("amazon.titan-text-express-v1", request -> BedrockRuntimeStandIn.json("{\"results\": []}"));
 *     // point the Bedrock connector at bedrock.endpoint() (uriEndpointOverride), run the machine, then
 *     String prompt = bedrock.requests().get(0).body();
 * }
 * }</pre>
 */
public final class BedrockRuntimeStandIn implements AutoCloseable {

    /** An InvokeModel as received: the model id (decoded), its headers and its body as text. */
    public record Request(String modelId, String contentType, String accept, String body, Map<String, String> headers) {
    }

    /** An answer: HTTP status, content type and body; an error has its type (x-amzn-ErrorType). */
    public record Answer(int status, String contentType, String body, String errorType) {
    }

    private static final Pattern INVOKE = Pattern.compile("/model/([^/]+)/invoke");
    private static final int MAX_BODY = 1024 * 1024;

    private final HttpServer server;
    private final Map<String, Function<Request, Answer>> models = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong requestIds = new AtomicLong();

    public BedrockRuntimeStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers InvokeModel on {@code modelId} with what {@code script} makes of each request. */
    public BedrockRuntimeStandIn model(String modelId, Function<Request, Answer> script) {
        models.put(modelId, script);
        return this;
    }

    /** A 200 answer with a JSON body. */
    public static Answer json(String body) {
        return new Answer(200, "application/json", body, null);
    }

    /** A Bedrock error: {@code status}, its type and {@code {"message": message}}. */
    public static Answer error(int status, String type, String message) {
        return new Answer(status, "application/json",
                "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}", type);
    }

    /** Every InvokeModel received, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Matcher invoke = INVOKE.matcher(path);
            if (!"POST".equals(exchange.getRequestMethod()) || !invoke.matches()) {
                respond(exchange, error(404, "UnknownOperationException", "no operation at " + path));
                return;
            }
            byte[] raw = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
            if (raw.length > MAX_BODY) {
                respond(exchange, error(413, "ValidationException", "request body over " + MAX_BODY + " bytes"));
                return;
            }
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(
                    name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
            Request request = new Request(URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8),
                    headers.get("content-type"), headers.get("accept"), new String(raw, StandardCharsets.UTF_8),
                    Map.copyOf(headers));
            requests.add(request);
            Function<Request, Answer> script = models.get(request.modelId());
            respond(exchange, script != null ? script.apply(request)
                    : error(400, "ValidationException", "The provided model identifier is invalid."));
        }
    }

    private void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("x-amzn-RequestId", "REQ" + requestIds.incrementAndGet());
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        if (answer.errorType() != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", answer.errorType());
        }
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
