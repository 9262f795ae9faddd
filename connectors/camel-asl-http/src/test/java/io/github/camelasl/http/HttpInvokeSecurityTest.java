package io.github.camelasl.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a connection's credentials may go, from the #21 review's attacks: the data chooses the URL, the
 * connection, a header or (through the server) a redirect, and no secret reaches a URL its connection was not
 * allowed for.
 */
class HttpInvokeSecurityTest {

    private static final AtomicInteger MACHINES = new AtomicInteger();
    private static WireMockServer server;
    private static String base;
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        base = "http://127.0.0.1:" + server.port();
        camel = new DefaultCamelContext();
        HttpInvokeComponent http = camel.getComponent("asl-http", HttpInvokeComponent.class);
        http.setAllowedEndpoints(base + "/computed/");
        http.setAllowHttp(true);
        http.addConnection(HttpConnection.basic("billing", "bill", "billing-secret")) // no prefixes of its own
                .addConnection(HttpConnection.basic("partner", "partner-user", "partner-secret")
                        .allowing(base + "/partner/"))
                .addConnection(HttpConnection.basic("admin", "root", "admin-secret").allowing(base + "/internal/"))
                .addConnection(HttpConnection.apiKey("search", "x-api-key", "k-123"))
                .addConnection(HttpConnection.oauthClientCredentials("slow-oauth", base + "/oauth/slow", "c", "s"))
                .addConnection(HttpConnection.oauthClientCredentials("quick-oauth", base + "/oauth/quick", "c", "s"));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        server.stubFor(any(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @Test
    void aComputedEndpointMayNotBorrowAnotherDefinitionsWrittenUrlWithAConnectionsCredentials() {
        run(task("\"ApiEndpoint\": \"" + base + "/hooks/other\", \"Method\": \"GET\""), "{}"); // definition A
        server.resetRequests();
        // definition B computes its URL and names billing, which has no prefixes: refused when it is deployed
        AslError refused = failure(task("\"ApiEndpoint.$\": \"$.url\", \"Method\": \"GET\", "
                + "\"Authentication\": {\"ConnectionArn\": \"billing\"}"), "{\"url\": \"" + base + "/hooks/other\"}");
        assertTrue(String.valueOf(refused.cause()).contains("billing"), refused.toString());
        assertEquals(List.of(), server.findAll(anyRequestedFor(urlPathEqualTo("/hooks/other"))));

        // partner has prefixes: A's written URL is not one of them
        failure(task("\"ApiEndpoint.$\": \"$.url\", \"Method\": \"GET\", "
                + "\"Authentication\": {\"ConnectionArn\": \"partner\"}"), "{\"url\": \"" + base + "/hooks/other\"}");
        assertEquals(List.of(), server.findAll(anyRequestedFor(urlPathEqualTo("/hooks/other"))));
    }

    @Test
    void aConnectionWithoutPrefixesReachesTheUrlWrittenNextToIt() {
        run(task("\"ApiEndpoint\": \"" + base + "/billing/invoices\", \"Method\": \"GET\", "
                + "\"Authentication\": {\"ConnectionArn\": \"billing\"}"), "{}");
        assertEquals("Basic YmlsbDpiaWxsaW5nLXNlY3JldA==", only("/billing/invoices").getHeader("Authorization"));
    }

    @Test
    void aConnectionChosenByTheDataGoesOnlyWhereItIsAllowed() {
        String definition = task("\"ApiEndpoint\": \"" + base + "/public/pong\", \"Method\": \"GET\", "
                + "\"Authentication\": {\"ConnectionArn.$\": \"$.conn\"}");
        AslError billing = failure(definition, "{\"conn\": \"billing\"}");
        assertEquals("States.Permissions", billing.error());
        assertTrue(billing.cause().contains("the connection 'billing' has no allowed endpoints of its own"),
                billing.cause());
        AslError admin = failure(definition, "{\"conn\": \"arn:aws:events:x:999:connection/admin/1\"}");
        assertTrue(admin.cause().contains("allowed endpoints of its connection 'admin'"), admin.cause());
        assertEquals(List.of(), server.findAll(anyRequestedFor(urlPathEqualTo("/public/pong"))));

        // a connection whose own prefixes cover the URL may be chosen by the data
        run(task("\"ApiEndpoint.$\": \"$.url\", \"Method\": \"GET\", "
                + "\"Authentication\": {\"ConnectionArn.$\": \"$.conn\"}"),
                "{\"url\": \"" + base + "/internal/ok\", \"conn\": \"admin\"}");
        assertEquals(1, server.findAll(anyRequestedFor(urlPathEqualTo("/internal/ok"))).size());
    }

    @Test
    void aRefusedDefinitionWritesNoUrlForItsConnection() {
        // refused (TRACE is no Method of the HTTP Task): it calls nothing, so it makes no URL billing's
        failure(task("\"ApiEndpoint\": \"" + base + "/refused/x\", \"Method\": \"TRACE\", "
                + "\"Authentication\": {\"ConnectionArn\": \"billing\"}"), "{}");
        AslError error = failure(task("\"ApiEndpoint\": \"" + base + "/refused/x\", \"Method\": \"GET\", "
                + "\"Authentication\": {\"ConnectionArn.$\": \"$.conn\"}"), "{\"conn\": \"billing\"}");
        assertEquals("States.Permissions", error.error());
        assertEquals(List.of(), server.findAll(anyRequestedFor(urlPathEqualTo("/refused/x"))));
    }

    @Test
    void aRedirectIsFollowedOnlyWhereTheTaskMayGo() {
        server.stubFor(get(urlPathEqualTo("/partner/start")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/internal/delete-everything")));
        server.stubFor(get(urlPathEqualTo("/partner/climb")).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "/partner/..;/internal/x")));
        server.stubFor(get(urlPathEqualTo("/partner/moved")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/partner/here")));
        String definition = task("\"ApiEndpoint.$\": \"$.url\", \"Method\": \"GET\", "
                + "\"Authentication\": {\"ConnectionArn\": \"partner\"}");

        for (String start : List.of("/partner/start", "/partner/climb")) {
            AslError error = failure(definition, "{\"url\": \"" + base + start + "\"}");
            assertTrue(error.error().startsWith("States.Http.StatusCode.30"), error.toString());
        }
        assertEquals(List.of(), server.findAll(anyRequestedFor(urlPathMatching("/internal/.*"))));
        // within the prefix it is followed, with the connection's credentials
        assertEquals("ok", run(definition, "{\"url\": \"" + base + "/partner/moved\"}").get("ResponseBody").asText());
        assertEquals("Basic cGFydG5lci11c2VyOnBhcnRuZXItc2VjcmV0",
                only("/partner/here").getHeader("Authorization"));
    }

    @Test
    void theConnectionsApiKeyReplacesTheTasksHeaderOfThatName() {
        run(task("\"ApiEndpoint\": \"" + base + "/search\", \"Method\": \"GET\", "
                + "\"Headers\": {\"X-API-Key.$\": \"$.k\"}, "
                + "\"InvocationConfig\": {\"ConnectionArn\": \"search\"}"), "{\"k\": \"attacker-key\"}");
        assertEquals(List.of("k-123"), only("/search").header("x-api-key").values());
    }

    @Test
    void httpIsRefusedUnlessTheApplicationAllowsIt() throws Exception {
        try (CamelContext strict = new DefaultCamelContext()) {
            HttpInvokeComponent http = strict.getComponent("asl-http", HttpInvokeComponent.class);
            http.setAllowedEndpoints(base + "/computed/");
            http.addConnection(HttpConnection.oauthClientCredentials("clear", base + "/oauth/token", "c", "s")
                    .allowing("https://api.example.com/"));
            strict.start();
            ProducerTemplate producer = strict.createProducerTemplate();
            strict.getRegistry().bind("computed", task("\"ApiEndpoint.$\": \"$.url\", \"Method\": \"GET\""));
            CamelExecutionException thrown = assertThrows(CamelExecutionException.class, () -> producer
                    .requestBody("asl:computed?definition=ref:computed", "{\"url\": \"" + base + "/computed/a\"}"));
            AslError error = assertInstanceOf(AslError.class, thrown.getCause());
            assertEquals("States.Permissions", error.error());
            assertTrue(error.cause().contains("not an https URL"), error.cause());

            // the client secret is not sent in clear to an http token endpoint either
            strict.getRegistry().bind("token", task("\"ApiEndpoint\": \"https://api.example.com/x\", "
                    + "\"Method\": \"GET\", \"Authentication\": {\"ConnectionArn\": \"clear\"}"));
            thrown = assertThrows(CamelExecutionException.class,
                    () -> producer.requestBody("asl:token?definition=ref:token", "{}"));
            error = assertInstanceOf(AslError.class, thrown.getCause());
            assertTrue(error.cause().contains("is not an https URL"), error.cause());
            assertEquals(List.of(), server.getAllServeEvents());
        }
    }

    @Test
    void aSlowTokenEndpointHoldsUpOnlyItsOwnConnection() throws Exception {
        server.stubFor(post(urlPathEqualTo("/oauth/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(6000)
                .withHeader("Content-Type", "application/json").withBody("{\"access_token\": \"slow\"}")));
        server.stubFor(post(urlPathEqualTo("/oauth/quick")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"access_token\": \"quick\"}")));
        CompletableFuture<JsonNode> slow = CompletableFuture.supplyAsync(() -> run(task("\"ApiEndpoint\": \""
                + base + "/slow\", \"Method\": \"GET\", \"Authentication\": {\"ConnectionArn\": \"slow-oauth\"}"),
                "{}"));
        // once the slow token request is in flight, another connection's Task runs to its end
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.findAll(postRequestedFor(urlPathEqualTo("/oauth/slow"))).isEmpty()) {
            assertTrue(System.nanoTime() < until, "the slow token request never came");
            Thread.sleep(20);
        }
        run(task("\"ApiEndpoint\": \"" + base + "/quick\", \"Method\": \"GET\", "
                + "\"Authentication\": {\"ConnectionArn\": \"quick-oauth\"}"), "{}");
        // had it waited for the slow token, the slow Task's own call would most likely have come first
        assertEquals(List.of(), server.findAll(anyRequestedFor(urlPathEqualTo("/slow"))),
                "the quick connection's Task waited for the slow connection's token");
        assertFalse(slow.isDone(), "the quick connection's Task waited for the slow connection's token");
        assertEquals("ok", slow.get(20, TimeUnit.SECONDS).get("ResponseBody").asText());
    }

    private static String task(String parameters) {
        return """
                {"StartAt": "Call", "States": {"Call": {
                  "Type": "Task", "Resource": "arn:aws:states:::http:invoke",
                  "Parameters": {%s},
                  "End": true}}}""".formatted(parameters);
    }

    private static LoggedRequest only(String path) {
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(urlPathEqualTo(path)));
        assertEquals(1, requests.size(), requests.toString());
        return requests.get(0);
    }

    static JsonNode run(String definition, String input) {
        String name = "secure" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, definition);
        try {
            return Json.parse(template.requestBody("asl:" + name + "?definition=ref:" + name, input, String.class));
        } catch (Exception e) {
            throw new AssertionError("the execution failed: " + e, e);
        }
    }

    /** The execution's failure, or the deployment's refusal (an AslError's cause then says why). */
    static AslError failure(String definition, String input) {
        String name = "secure" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, definition);
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> template.requestBody("asl:" + name + "?definition=ref:" + name, input, String.class));
        if (thrown instanceof CamelExecutionException && thrown.getCause() instanceof AslError error) {
            return error;
        }
        return new AslError("Deployment.Refused", thrown.getMessage());
    }
}
