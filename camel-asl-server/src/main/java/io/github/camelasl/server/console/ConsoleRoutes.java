package io.github.camelasl.server.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.graph.ExecutionGraphs;
import io.github.camelasl.store.ExecutionRecord;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StartupListener;
import org.apache.camel.builder.Builder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The web console at path C (default {@value #DEFAULT_PATH}) beside the Step Functions API, on camel-platform-http:
 * the page's files (any other path gets index.html, which routes by its location), the console's queries under
 * {@code C/api/}, and the API itself at {@code POST C/api/stepfunctions} (the API route's own processor: the page does
 * everything through it). One Camel route ({@value #ROUTE_ID}) serves them; the live updates ({@code C/api/live/*},
 * server-sent events) are written on the Vert.x router directly, so that a viewer holds no thread. Security as the
 * API's: see {@link ConsoleGuard}.
 */
public final class ConsoleRoutes extends RouteBuilder implements AutoCloseable {

    public static final String DEFAULT_PATH = "/asl";
    public static final String ROUTE_ID = "asl-console";
    /** The largest body a console request (a login, a definition to draw) may have: a definition's 1 MB and some. */
    static final int MAX_BODY_BYTES = 1024 * 1024 + 1024;
    /** The most events an execution's graph is drawn from (AWS keeps 25,000 per execution). */
    static final int MAX_EVENTS = 250_000;
    /** How many laid-out definitions are kept (ELK lays each out once). */
    static final int CACHED_LAYOUTS = 64;
    private static final String API_CALL = "CamelAslConsoleApiCall";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConsoleRoutes.class);
    /** Laid out once at start, so that ELK's classes are loaded before the first page needs them. */
    private static final String WARM_UP_DEFINITION = """
            {"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true,
             "Next": "B"}], "Default": "C"}, "B": {"Type": "Parallel", "Branches": [{"StartAt": "D", "States": {"D":
             {"Type": "Pass", "End": true}}}], "Next": "C"}, "C": {"Type": "Succeed"}}}""";

    private final String path;
    private final ConsoleBackend backend;
    private final ConsoleSessions sessions;
    private final ConsoleGuard guard;
    private final ConsoleQueries queries;
    private final ConsoleFiles files;
    private final ExecutionGraphs graphs = new ExecutionGraphs(CACHED_LAYOUTS);
    private final KeptHistories keptHistories = new KeptHistories();
    private volatile LiveUpdates live;
    private volatile Route liveRoute;
    private volatile ScheduledExecutorService poller;
    private volatile CamelContext camelContext;

    /**
     * @param path where the console is served: an HTTP path starting with / and not ending with one (e.g. /asl)
     * @throws IllegalArgumentException naming what is wrong with {@code path}
     */
    public ConsoleRoutes(String path, ConsoleBackend backend) {
        this.path = checkPath(path);
        this.backend = backend;
        this.sessions = new ConsoleSessions(Clock.systemUTC());
        this.guard = new ConsoleGuard(backend, sessions);
        this.queries = new ConsoleQueries(backend, Clock.systemUTC());
        this.files = new ConsoleFiles(this.path, ConsoleRoutes.class.getClassLoader());
    }

    /** {@code path} when it is a path the console can be served at; else why not. */
    public static String checkPath(String path) {
        if (path == null || !path.matches("(/[A-Za-z0-9._~-]+)+") || path.contains("/../") || path.endsWith("/..")
                || path.contains("/./") || path.endsWith("/.")) {
            throw new IllegalArgumentException("The console's path must be an HTTP path as /asl or /tools/console: "
                    + "segments of letters, digits, '.', '_', '~' and '-' after each /, not ending with /, but was '"
                    + path + "'");
        }
        return path;
    }

    public String path() {
        return path;
    }

    @Override
    public void configure() throws Exception {
        configureOn(this);
    }

    /**
     * Adds the console's route to {@code builder}, and its live updates to the Vert.x router once the HTTP server runs
     * (camel-main starts it with the context): for a RouteBuilder that serves the console with routes of its own.
     */
    public void configureOn(RouteBuilder builder) throws Exception {
        camelContext = builder.getContext();
        poller = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "asl-console-live");
        live = new LiveUpdates(backend.store(), poller);
        camelContext.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                if (alreadyStarted) {
                    addLiveRoute(context);
                }
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                addLiveRoute(context);
            }
        });
        builder.from("platform-http:" + path + "?matchOnUriPrefix=true")
                .routeId(ROUTE_ID)
                .process(this::handle)
                .filter(Builder.exchangeProperty(API_CALL).isEqualTo(true))
                    .process(backend.stepFunctionsApi())
                .end();
    }

    private synchronized void addLiveRoute(CamelContext context) {
        if (liveRoute != null) {
            return;
        }
        PlatformHttpComponent platformHttp = context.getComponent("platform-http", PlatformHttpComponent.class);
        if (!(platformHttp.getEngine() instanceof VertxPlatformHttpEngine engine)) {
            throw new IllegalStateException("The console's live updates need camel-platform-http-vertx: this "
                    + "application's platform-http engine is " + platformHttp.getEngine());
        }
        // the one router there is (asl serve's, camel-main's), else the one of the engine's port
        java.util.Set<VertxPlatformHttpRouter> routers = context.getRegistry().findByType(
                VertxPlatformHttpRouter.class);
        VertxPlatformHttpRouter router = routers.size() == 1 ? routers.iterator().next()
                : VertxPlatformHttpRouter.lookup(context,
                        VertxPlatformHttpRouter.getRouterNameFromPort(engine.getServerPort()));
        if (router == null) {
            throw new IllegalStateException("The console's live updates found no Vert.x router of the platform-http "
                    + "server (" + routers.size() + " routers are registered)");
        }
        // before the console's Camel route, which would answer the path otherwise
        liveRoute = router.route(HttpMethod.GET, path + "/api/live/*").order(-1_000).handler(this::handleLive);
        // ELK's first layout in a JVM costs seconds (its signed jars are verified as they load): paid now, on the
        // pollers' thread while no one watches yet, rather than by the first page that draws a graph
        poller.execute(() -> graphs.definitionGraph(WARM_UP_DEFINITION));
    }

    /** Stops the live updates and takes their handler off the router (the Camel route is the caller's to remove). */
    @Override
    public synchronized void close() {
        if (liveRoute != null) {
            liveRoute.remove();
            liveRoute = null;
        }
        if (poller != null) {
            camelContext.getExecutorServiceManager().shutdownNow(poller);
        }
    }

    // --- the Camel route ---

    private void handle(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        if (!(message instanceof HttpMessage http)) {
            reply(message, new ConsoleError(500, "InternalFailure", "The console runs on camel-platform-http-vertx "
                    + "only"));
            return;
        }
        HttpServerRequest request = http.getRequest();
        // the path as written (Vert.x routed it by its normalized form, which may differ: /asl//x, escapes)
        String raw = request.path();
        String below = raw.startsWith(path) ? raw.substring(path.length()) : "?";
        boolean api = below.startsWith("/api/");
        // on the response itself: Camel's HTTP header filter drops a Cache-Control set as a message header
        SecurityHeaders.of(api).forEach(http.getResponse()::putHeader);
        try {
            if (!below.isEmpty() && !below.startsWith("/")) {
                throw ConsoleError.notFound("No console page at " + request.path()); // /aslx is not under /asl
            }
            if (api) {
                String name = below.substring("/api/".length());
                ConsoleError refused = guard.checkApi(request, name);
                if (refused != null) {
                    throw refused;
                }
                api(exchange, message, request, name);
            } else {
                ConsoleError refused = guard.checkPage(request);
                if (refused != null) {
                    throw refused;
                }
                if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
                    throw new ConsoleError(405, "MethodNotAllowed", "The console's page answers GET only");
                }
                ConsoleFiles.File file = files.get(below);
                message.removeHeaders("*");
                message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                message.setHeader(Exchange.CONTENT_TYPE, file.contentType());
                message.setBody(file.content());
            }
        } catch (ConsoleError e) {
            reply(message, e);
        } catch (AslError e) {
            // the API's answer to a query the console made of it: an ARN of nothing is a 404 here
            reply(message, new ConsoleError(e.error().endsWith("DoesNotExist") ? 404 : 400, e.error(), e.cause()));
        } catch (Exception e) {
            // answered here: a failure left to camel-platform-http would be sent with its stack trace as the body
            LOG.warn("The console failed to answer {} {}", request.method(),
                    io.github.camelasl.history.TerminalText.escape(raw), e);
            reply(message, new ConsoleError(500, "InternalFailure", "The console failed to answer this request (see "
                    + "the server's log)"));
        }
    }

    private void api(Exchange exchange, Message message, HttpServerRequest request, String name) throws Exception {
        QueryParams params = QueryParams.of(request);
        String action = request.method().name() + " " + name;
        switch (action) {
            case "POST stepfunctions" -> {
                exchange.setProperty(API_CALL, true); // the API's processor answers, next in the route
                return;
            }
            case "GET session" -> json(message, 200, Json.NODES.objectNode()
                    .put("loginRequired", backend.loginRequired())
                    .put("loggedIn", backend.loginRequired() && sessions.isLive(ConsoleGuard.sessionKey(request))));
            case "POST login" -> login(message, body(message), cookieAttributes(request));
            case "POST logout" -> {
                sessions.end(ConsoleGuard.sessionKey(request));
                empty(message);
                message.setHeader("Set-Cookie", ConsoleGuard.COOKIE + "=; Max-Age=0" + cookieAttributes(request));
            }
            case "GET state-machines" -> json(message, 200, queries.stateMachines(params));
            case "GET executions" -> json(message, 200, queries.executions(params));
            case "GET failures" -> json(message, 200, queries.failures(params));
            case "GET execution-graph" -> json(message, 200, executionGraph(params));
            case "GET state-detail" -> json(message, 200, stateDetail(params));
            case "GET timeline" -> {
                Execution execution = execution(params.required("executionArn"));
                json(message, 200, graphs.timeline(execution.events(), ExecutionGraphs.MAX_TIMELINE_ITEMS));
            }
            case "POST graph" -> json(message, 200, definitionGraph(body(message)));
            default -> throw ConsoleError.notFound("The console has no " + request.method().name() + " api/" + name);
        }
    }

    /**
     * The session cookie's attributes: for this console's path only, out of scripts' reach, never sent by another
     * site's page, and over TLS only when it came over TLS (a Camel app's platform-http may serve HTTPS; asl serve
     * speaks plain HTTP, on loopback unless it has keys).
     */
    private String cookieAttributes(HttpServerRequest request) {
        return "; Path=" + path + "; HttpOnly; SameSite=Strict" + (request.isSSL() ? "; Secure" : "");
    }

    private void login(Message message, String body, String cookieAttributes) {
        if (!backend.loginRequired()) {
            throw ConsoleError.validation("This server has no access keys: its console needs no login");
        }
        JsonNode request;
        try {
            request = Json.parse(body);
        } catch (JsonProcessingException e) {
            throw ConsoleError.validation("The login must be a JSON object with accessKeyId and secretAccessKey");
        }
        if (!request.path("accessKeyId").isTextual() || !request.path("secretAccessKey").isTextual()) {
            throw ConsoleError.validation("The login must be a JSON object with accessKeyId and secretAccessKey "
                    + "(text)");
        }
        if (!backend.acceptsKey(request.get("accessKeyId").textValue(), request.get("secretAccessKey").textValue())) {
            throw new ConsoleError(401, "AccessDeniedException", "The access key id or secret is not one of the "
                    + "server's");
        }
        String key = sessions.create();
        empty(message);
        message.setHeader("Set-Cookie", ConsoleGuard.COOKIE + "=" + key + "; Max-Age="
                + ConsoleSessions.LIFETIME.toSeconds() + cookieAttributes);
    }

    /** An execution with what its graph is drawn from. */
    private record Execution(ObjectNode description, String definition, List<JsonNode> events) {
        long lastEventId() {
            return events.isEmpty() ? 0 : events.get(events.size() - 1).path("id").asLong();
        }
    }

    /**
     * DescribeExecution's answer, the definition the execution started with (the store's copy, as
     * DescribeStateMachineForExecution answers), and its history.
     */
    private Execution execution(String executionArn) throws Exception {
        ObjectNode description = (ObjectNode) backend.call("DescribeExecution",
                Json.NODES.objectNode().put("executionArn", executionArn));
        ExecutionRecord record = backend.store().find(executionArn).orElseThrow(() -> ConsoleError.notFound(
                "Execution Does Not Exist: '" + executionArn + "'"));
        String definition = record.definition();
        if (definition == null) {
            definition = backend.call("DescribeStateMachineForExecution", Json.NODES.objectNode()
                    .put("executionArn", executionArn)).path("definition").asText(null);
        }
        if (definition == null) {
            throw ConsoleError.notFound("The definition execution " + executionArn + " started with is not kept");
        }
        List<JsonNode> events = keptHistories.history(record, MAX_EVENTS,
                (after, limit) -> backend.store().eventsAfter(executionArn, after, limit));
        if (events.size() > MAX_EVENTS) {
            throw ConsoleError.validation("Execution " + executionArn + " has more than " + MAX_EVENTS
                    + " history events: too many to draw");
        }
        return new Execution(description, definition, events);
    }

    private ObjectNode executionGraph(QueryParams params) throws Exception {
        Execution execution = execution(params.required("executionArn"));
        String mapState = params.text("mapState");
        String iteration = params.text("iteration");
        if ((mapState == null) != (iteration == null)) {
            throw ConsoleError.validation("The parameters mapState and iteration go together: give both or neither");
        }
        ObjectNode out = Json.NODES.objectNode();
        out.set("execution", execution.description());
        out.set("graph", graphCall(() -> mapState == null
                ? graphs.executionGraph(execution.definition(), execution.events())
                : graphs.iterationGraph(execution.definition(), execution.events(), mapState,
                        params.integer("iteration", 0, Integer.MAX_VALUE, 0))));
        out.put("lastEventId", execution.lastEventId());
        return out;
    }

    private ObjectNode stateDetail(QueryParams params) throws Exception {
        Execution execution = execution(params.required("executionArn"));
        String state = params.required("state");
        Integer iteration = params.text("iteration") == null ? null
                : params.integer("iteration", 0, Integer.MAX_VALUE, 0);
        return graphCall(() -> graphs.stateDetail(execution.definition(), execution.events(), state, iteration));
    }

    private ObjectNode definitionGraph(String definition) {
        ObjectNode graph = graphCall(() -> graphs.definitionGraph(definition));
        ObjectNode out = Json.NODES.objectNode();
        out.set("graph", graph);
        out.set("diagnostics", graph.path("diagnostics").deepCopy());
        return out;
    }

    /** A graph call, its IllegalArgumentException (an unknown state, Map or iteration; too big) a 400. */
    private static ObjectNode graphCall(java.util.function.Supplier<ObjectNode> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw ConsoleError.validation(e.getMessage());
        } catch (io.github.camelasl.graph.LayoutBusyException e) {
            throw new ConsoleError(429, "ThrottlingException", "The console is laying out other definitions: "
                    + e.getMessage());
        }
    }

    private static String body(Message message) {
        byte[] body = message.getBody(byte[].class);
        if (body == null) {
            return "";
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ConsoleError(413, "RequestEntityTooLarge", "The request body is larger than the console's "
                    + "limit of " + MAX_BODY_BYTES + " bytes");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static void json(Message message, int status, JsonNode body) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(Json.write(body));
    }

    private static void empty(Message message) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        message.setBody(null);
    }

    private static void reply(Message message, ConsoleError error) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, error.status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(Json.write(error.toJson()));
    }

    // --- the live streams, on the Vert.x router ---

    private void handleLive(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        HttpServerResponse response = routing.response();
        String prefix = path + "/api/";
        try {
            if (!request.path().startsWith(prefix)) {
                throw ConsoleError.notFound("No console API at " + request.path());
            }
            String name = request.path().substring(prefix.length());
            ConsoleError refused = guard.checkApi(request, name);
            if (refused != null) {
                throw refused;
            }
            QueryParams params = QueryParams.of(request);
            switch (name) {
                case "live/execution" -> {
                    String arn = params.required("executionArn");
                    String after = params.text("after");
                    long afterId = 0;
                    if (after != null) {
                        try {
                            afterId = Long.parseLong(after);
                        } catch (NumberFormatException e) {
                            afterId = -1;
                        }
                        if (afterId < 0) {
                            throw ConsoleError.validation("The parameter after must be an event id (a whole number, "
                                    + "0 or more), but was '" + after + "'");
                        }
                    }
                    live.watchExecution(response, arn, afterId);
                }
                case "live/executions" -> live.watchExecutions(response);
                default -> throw ConsoleError.notFound("The console has no GET api/" + name);
            }
        } catch (ConsoleError e) {
            writeError(response, e);
        }
    }

    /** An error in AWS's shape on a response not yet begun. */
    static void writeError(HttpServerResponse response, ConsoleError error) {
        response.setStatusCode(error.status);
        SecurityHeaders.of(true).forEach(response::putHeader);
        response.putHeader("Content-Type", "application/json");
        response.end(Json.write(error.toJson()));
    }
}
