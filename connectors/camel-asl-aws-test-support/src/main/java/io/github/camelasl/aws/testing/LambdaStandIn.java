package io.github.camelasl.aws.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.camelasl.aws.testing.LambdaFunction.Invocation;
import io.github.camelasl.aws.testing.LambdaFunction.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the Lambda service speaking its wire protocol (Invoke, {@code POST
 * /2015-03-31/functions/{name}/invocations}) on 127.0.0.1: its response headers, {@code X-Amz-Function-Error} for a
 * function's own failure, and its JSON error bodies for a missing function (404 ResourceNotFoundException),
 * throttling (429 TooManyRequestsException) and a payload that is not JSON (400 InvalidRequestContentException).
 *
 * <pre>{@code
 * try (LambdaStandIn lambda = LambdaStandIn.start("us-east-1", "123456789012")
 *         .deploy("echo", (event, call) -> LambdaFunction.Outcome.returning(event))) {
 *     // point the Lambda connector at lambda.endpoint() (uriEndpointOverride), then run the machine
 * }
 * }</pre>
 */
public final class LambdaStandIn implements AutoCloseable {

    private static final String PATH = "/2015-03-31/functions/";
    /** arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER], or ACCOUNT:function:NAME[:QUALIFIER]. */
    private static final Pattern FUNCTION_ARN =
            Pattern.compile("(?:arn:[^:]+:lambda:[^:]*:)?(?:\\d{12}:)?function:([^:]+)(?::([^:]+))?");
    private static final String LATEST = "$LATEST";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Deployed(LambdaFunction function, String executedVersion) {
    }

    private final String region;
    private final String account;
    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, Deployed> functions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttles = new ConcurrentHashMap<>();
    private final List<Invocation> invocations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger throttled = new AtomicInteger();

    private LambdaStandIn(String region, String account) throws IOException {
        this.region = region;
        this.account = account;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // functions run as long as they run, and several at once (Map, Parallel)
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "lambda-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext(PATH, this::handle);
        server.start();
    }

    public static LambdaStandIn start(String region, String account) throws IOException {
        return new LambdaStandIn(region, account);
    }

    /** The endpoint to point a Lambda client at. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Deploys {@code function} as NAME ($LATEST). */
    public LambdaStandIn deploy(String name, LambdaFunction function) {
        return deploy(name, LATEST, LATEST, function);
    }

    /** Deploys {@code function} as NAME:QUALIFIER (a version or alias) running {@code executedVersion}. */
    public LambdaStandIn deploy(String name, String qualifier, String executedVersion, LambdaFunction function) {
        functions.put(name + ":" + qualifier, new Deployed(function, executedVersion));
        return this;
    }

    /** The next {@code times} invocations of NAME are refused with 429, as when its concurrency is used up. */
    public void throttle(String name, int times) {
        throttles.computeIfAbsent(name, n -> new AtomicInteger()).set(times);
    }

    /** The invocations that reached a function, in order. */
    public List<Invocation> invocations() {
        synchronized (invocations) {
            return List.copyOf(invocations);
        }
    }

    /** How many invocations were refused with 429. */
    public int throttledCount() {
        return throttled.get();
    }

    public String functionArn(String name, String qualifier) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + name
                + (qualifier == null ? "" : ":" + qualifier);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/invocations")) {
                error(exchange, 404, "UnknownOperationException", "{\"Type\":\"User\",\"message\":null}");
                return;
            }
            String identifier = path.substring(PATH.length(), path.length() - "/invocations".length());
            String name = identifier;
            String qualifier = query(exchange, "Qualifier");
            Matcher arn = FUNCTION_ARN.matcher(identifier);
            if (arn.matches()) {
                name = arn.group(1);
                qualifier = arn.group(2) != null ? arn.group(2) : qualifier;
            } else if (identifier.contains(":")) {
                name = identifier.substring(0, identifier.indexOf(':'));
                qualifier = identifier.substring(identifier.indexOf(':') + 1);
            }
            qualifier = qualifier == null ? LATEST : qualifier;
            Deployed deployed = functions.get(name + ":" + qualifier);
            if (deployed == null) {
                error(exchange, 404, "ResourceNotFoundException", "{\"Type\":\"User\",\"message\":\"Function not found: "
                        + functionArn(name, qualifier) + "\"}");
                return;
            }
            AtomicInteger throttle = throttles.get(name);
            if (throttle != null && throttle.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throttled.incrementAndGet();
                exchange.getResponseHeaders().set("Retry-After", "1");
                error(exchange, 429, "TooManyRequestsException", "{\"Reason\":\"ReservedFunctionConcurrentInvocation"
                        + "LimitExceeded\",\"Type\":\"User\",\"message\":\"Rate Exceeded.\"}");
                return;
            }
            String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // no payload: the event is an empty object, as on Lambda
            payload = payload.isBlank() ? "{}" : payload;
            if (!isJson(payload)) {
                error(exchange, 400, "InvalidRequestContentException", "{\"Type\":\"User\",\"message\":\"Could not "
                        + "parse request body into json: Could not parse payload into json\"}");
                return;
            }
            Headers request = exchange.getRequestHeaders();
            String invocationType = valueOr(request.getFirst("X-Amz-Invocation-Type"), "RequestResponse");
            Invocation invocation = new Invocation(UUID.randomUUID().toString(), name, qualifier,
                    deployed.executedVersion(), functionArn(name, qualifier), payload, invocationType,
                    valueOr(request.getFirst("X-Amz-Log-Type"), "None"), request.getFirst("X-Amz-Client-Context"));
            invocations.add(invocation);
            switch (invocationType) {
                case "Event" -> {
                    threads.execute(() -> run(deployed, invocation));
                    respond(exchange, 202, invocation, null, new byte[0], null);
                }
                case "DryRun" -> respond(exchange, 204, invocation, null, new byte[0], null);
                default -> {
                    Outcome outcome = run(deployed, invocation);
                    respond(exchange, 200, invocation, outcome.failed() ? "Unhandled" : null, outcome.payload(),
                            "Tail".equals(invocation.logType()) ? outcome.log() : null);
                }
            }
        }
    }

    private static Outcome run(Deployed deployed, Invocation invocation) {
        try {
            return deployed.function().invoke(invocation.payload(), invocation);
        } catch (Exception e) {
            return Outcome.raising("Runtime.ExitError", String.valueOf(e.getMessage()).replace("\"", "'"),
                    invocation.requestId());
        }
    }

    /** Lambda's response headers (JDK's server adds Date). */
    private void respond(HttpExchange exchange, int status, Invocation invocation, String functionError,
                         byte[] payload, String log) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Connection", "keep-alive");
        headers.set("x-amzn-RequestId", invocation.requestId());
        headers.set("x-amzn-Remapped-Content-Length", "0");
        headers.set("X-Amz-Executed-Version", invocation.executedVersion());
        headers.set("X-Amzn-Trace-Id", traceId());
        if (functionError != null) {
            headers.set("X-Amz-Function-Error", functionError);
        }
        if (log != null) {
            headers.set("X-Amz-Log-Result", Base64.getEncoder().encodeToString(logTail(invocation, log)));
        }
        exchange.sendResponseHeaders(status, payload.length == 0 ? -1 : payload.length);
        if (payload.length > 0) {
            exchange.getResponseBody().write(payload);
        }
    }

    /** The last 4 KB of the invocation's log, as LogType Tail returns it. */
    private static byte[] logTail(Invocation invocation, String log) {
        String all = "START RequestId: " + invocation.requestId() + " Version: " + invocation.executedVersion() + "\n"
                + log + "END RequestId: " + invocation.requestId() + "\n";
        byte[] bytes = all.getBytes(StandardCharsets.UTF_8);
        int from = Math.max(0, bytes.length - 4096);
        byte[] tail = new byte[bytes.length - from];
        System.arraycopy(bytes, from, tail, 0, tail.length);
        return tail;
    }

    private void error(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
        headers.set("x-amzn-ErrorType", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String traceId() {
        HexFormat hex = HexFormat.of();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextInt()) + ";sampled=0";
    }

    private static boolean isJson(String text) {
        try {
            JSON.readTree(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String valueOr(String value, String fallback) {
        return value == null ? fallback : value;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
