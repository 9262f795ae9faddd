package io.github.camelasl.server;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.engine.TaskTokens;
import io.github.camelasl.mock.MockConfig;
import io.github.camelasl.server.console.ConsoleRoutes;
import io.github.camelasl.store.ExecutionStore;
import io.vertx.core.http.HttpHeaders;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

/**
 * The Step Functions API on its own HTTP server (Vert.x, through camel-platform-http-vertx) in a running
 * CamelContext: what {@code asl serve} starts. Without access keys it listens on loopback addresses only (anyone
 * who reached the port could run state machines); with keys, requests must be signed (SigV4) and any address will do.
 */
public final class StepFunctionsServer implements AutoCloseable {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8083;

    private final CamelContext camelContext;
    private final VertxPlatformHttpServer httpServer;
    private final String host;
    private final ConsoleRoutes console;

    private StepFunctionsServer(CamelContext camelContext, VertxPlatformHttpServer httpServer, String host,
            ConsoleRoutes console) {
        this.camelContext = camelContext;
        this.httpServer = httpServer;
        this.host = host;
        this.console = console;
    }

    /** The console's URL, when it serves one. */
    public java.util.Optional<String> consoleUrl() {
        return java.util.Optional.ofNullable(console).map(c -> url() + c.path() + "/");
    }

    /**
     * Starts the HTTP server on {@code host}:{@code port} and the API's route in {@code camelContext} (started
     * already).
     *
     * @throws IllegalArgumentException when {@code host} is not a loopback address
     */
    public static StepFunctionsServer start(CamelContext camelContext, AslDeployer deployer, ExecutionStore store,
            TaskTokens tokens, String host, int port, long maxRequestBytes) throws Exception {
        return start(camelContext, deployer, store, tokens, host, port, maxRequestBytes,
                StepFunctionsApiRoutes.DEFAULT_ACTIVITY_TASK_POLL);
    }

    /** As above, with GetActivityTask waiting up to {@code activityTaskPoll} for a task (AWS: 60 s). */
    public static StepFunctionsServer start(CamelContext camelContext, AslDeployer deployer, ExecutionStore store,
            TaskTokens tokens, String host, int port, long maxRequestBytes, Duration activityTaskPoll)
            throws Exception {
        return start(camelContext, deployer, store, tokens, host, port, maxRequestBytes, activityTaskPoll,
                AccessKeys.NONE);
    }

    /**
     * As above, answering only requests signed (AWS SigV4) with one of {@code accessKeys}; with some, {@code host}
     * may be any address.
     *
     * @throws IllegalArgumentException when there are no keys and {@code host} is not a loopback address
     */
    public static StepFunctionsServer start(CamelContext camelContext, AslDeployer deployer, ExecutionStore store,
            TaskTokens tokens, String host, int port, long maxRequestBytes, Duration activityTaskPoll,
            AccessKeys accessKeys) throws Exception {
        return start(camelContext, deployer, store, tokens, host, port, maxRequestBytes, activityTaskPoll, accessKeys,
                null);
    }

    /**
     * As above, with a Step Functions Local mock configuration for StartExecution's {@code #TEST_CASE} suffix (see
     * {@link StepFunctionsApiRoutes#mockConfig}), or null for none.
     */
    public static StepFunctionsServer start(CamelContext camelContext, AslDeployer deployer, ExecutionStore store,
            TaskTokens tokens, String host, int port, long maxRequestBytes, Duration activityTaskPoll,
            AccessKeys accessKeys, MockConfig mockConfig) throws Exception {
        return start(camelContext, deployer, store, tokens, host, port, maxRequestBytes, activityTaskPoll, accessKeys,
                mockConfig, ConsoleRoutes.DEFAULT_PATH);
    }

    /**
     * As above, with the web console at {@code consolePath} (by default {@value ConsoleRoutes#DEFAULT_PATH}), or none
     * when it is null.
     */
    public static StepFunctionsServer start(CamelContext camelContext, AslDeployer deployer, ExecutionStore store,
            TaskTokens tokens, String host, int port, long maxRequestBytes, Duration activityTaskPoll,
            AccessKeys accessKeys, MockConfig mockConfig, String consolePath) throws Exception {
        if (accessKeys.isEmpty()) {
            requireLoopback(host);
        }
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost(host);
        configuration.setBindPort(port);
        // Vert.x refuses a larger body from its Content-Length, or as soon as it has read past the limit
        configuration.setMaxBodySize(maxRequestBytes);
        VertxPlatformHttpServer httpServer = new VertxPlatformHttpServer(configuration);
        camelContext.addService(httpServer, true, true);
        StepFunctionsApiRoutes routes;
        try {
            VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camelContext,
                    VertxPlatformHttpRouter.getRouterNameFromPort(configuration.getPort()));
            // a body whose Content-Length is over the cap is refused before anything reads it, in AWS's error shape
            // (one sent without a length is stopped by Vert.x's own limit, with its plain 413, as it goes over)
            router.route().order(Integer.MIN_VALUE).handler(routing -> {
                String length = routing.request().getHeader(HttpHeaders.CONTENT_LENGTH);
                if (length != null && declaredOver(length, maxRequestBytes)) {
                    routing.response().setStatusCode(413)
                            .putHeader(HttpHeaders.CONTENT_TYPE, StepFunctionsApi.CONTENT_TYPE)
                            .putHeader(HttpHeaders.CONNECTION, "close")
                            .end(StepFunctionsApi.error("RequestEntityTooLarge",
                                    StepFunctionsApi.requestTooLargeMessage(maxRequestBytes)).toString());
                } else {
                    routing.next();
                }
            });
            routes = new StepFunctionsApiRoutes("/", deployer, store, tokens, maxRequestBytes, activityTaskPoll,
                    accessKeys).mockConfig(mockConfig).console(consolePath);
            camelContext.addRoutes(routes);
        } catch (Exception e) {
            camelContext.removeService(httpServer);
            httpServer.stop();
            throw e;
        }
        return new StepFunctionsServer(camelContext, httpServer, host, routes.console().orElse(null));
    }

    private static boolean declaredOver(String contentLength, long maxRequestBytes) {
        try {
            return Long.parseLong(contentLength.trim()) > maxRequestBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed length itself
        }
    }

    /** Refuses, with the reason, any address but a loopback one: what serving without access keys allows. */
    public static void requireLoopback(String host) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot serve on host " + host + ": unknown host");
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("cannot serve on host " + host + " (" + address.getHostAddress()
                    + "): it is not a loopback address, and serving on any other requires access keys that requests "
                    + "are signed with (AWS SigV4); use 127.0.0.1, ::1 or localhost, or give access keys");
        }
    }

    /** The port it listens on (the one chosen when it was started on port 0). */
    public int port() {
        return httpServer.getServer().actualPort();
    }

    /** The URL to give the SDKs ({@code endpointOverride}) and the AWS CLI ({@code --endpoint-url}). */
    public String url() {
        String literal = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + literal + ":" + port();
    }

    @Override
    public void close() throws Exception {
        camelContext.getRouteController().stopRoute("asl-stepfunctions-api");
        camelContext.removeRoute("asl-stepfunctions-api");
        if (console != null) {
            console.close();
            camelContext.getRouteController().stopRoute(ConsoleRoutes.ROUTE_ID);
            camelContext.removeRoute(ConsoleRoutes.ROUTE_ID);
        }
        camelContext.removeService(httpServer);
        httpServer.stop();
    }
}
