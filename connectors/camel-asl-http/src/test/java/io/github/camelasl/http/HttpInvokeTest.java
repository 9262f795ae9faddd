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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP Tasks run through the asl: endpoint against WireMock, with connections configured in the application. */
class HttpInvokeTest {

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
        http.setAllowHttp(true); // WireMock speaks http; HttpTlsTest covers https
        http.addConnection(HttpConnection.basic("billing", "alice", "s3cret"))
                .addConnection(HttpConnection.apiKey("search", "x-api-key", "k-123"))
                .addConnection(HttpConnection.oauthClientCredentials("crm", base + "/oauth/token", "client", "pw"));
        // a connection bound in the registry, with prefixes of its own for computed endpoints
        camel.getRegistry().bind("partner", HttpConnection.basic(null, "p", "q").allowing(base + "/partner/"));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    @Test
    void getsWithQueryParametersAndAnswersWithAwsResultShape() {
        server.stubFor(get(urlPathEqualTo("/customers")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Trace", "t1")
                .withBody("{\"data\": [{\"id\": \"c1\"}]}")));
        JsonNode output = run(task("""
                "ApiEndpoint": "%s/customers", "Method": "GET",
                "Authentication": {"ConnectionArn": "arn:aws:events:us-east-2:123456789012:connection/billing/81210c42"},
                "QueryParameters": {"limit": 10, "tags": ["a b", "c"]}""".formatted(base)), "{}");

        assertEquals(List.of("Headers", "ResponseBody", "StatusCode", "StatusText"), fieldNames(output));
        assertEquals(Json.NODES.objectNode().set("data", Json.NODES.arrayNode().add(Json.NODES.objectNode()
                .put("id", "c1"))), output.get("ResponseBody"));
        assertEquals(200, output.get("StatusCode").intValue());
        assertEquals("OK", output.get("StatusText").asText());
        assertEquals("[\"t1\"]", output.get("Headers").get("X-Trace").toString());

        LoggedRequest request = only();
        assertEquals("/customers?limit=10&tags%5B0%5D=a+b&tags%5B1%5D=c", request.getUrl());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)),
                request.getHeader("Authorization"));
    }

    @Test
    void runsAJsonataTaskWithAWrittenEndpoint() {
        server.stubFor(get(urlPathEqualTo("/jsonata")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"n\": 1}")));
        JsonNode output = run("""
                {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {"Call": {
                  "Type": "Task", "Resource": "arn:aws:states:::http:invoke",
                  "Arguments": {"ApiEndpoint": "%s/jsonata", "Method": "GET",
                                "QueryParameters": "{%% {'q': $states.input.q} %%}"},
                  "Output": "{%% $states.result.ResponseBody %%}",
                  "End": true}}}""".formatted(base), "{\"q\": \"x y\"}");
        assertEquals("{\"n\":1}", output.toString());
        assertEquals("/jsonata?q=x+y", only().getUrl());
    }

    @Test
    void sendsEachMethodWithItsBody() {
        server.stubFor(any(urlPathEqualTo("/items")).willReturn(aResponse().withStatus(204)));
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD")) {
            server.resetRequests();
            JsonNode output = run(task("""
                    "ApiEndpoint": "%s/items", "Method": "%s", "Headers": {"X-Request": "r-1"},
                    "RequestBody": {"name": "widget", "count": 2}""".formatted(base, method)), "{}");
            assertEquals(204, output.get("StatusCode").intValue(), method);
            assertEquals("", output.get("ResponseBody").asText(), method);
            LoggedRequest request = only();
            assertEquals(method, request.getMethod().value());
            assertEquals("r-1", request.getHeader("X-Request"));
            if (!method.equals("HEAD")) {
                assertEquals("{\"name\":\"widget\",\"count\":2}", request.getBodyAsString(), method);
                assertEquals("application/json; charset=UTF-8", request.getHeader("Content-Type"), method);
            }
        }
        // a string body goes as it is
        server.resetRequests();
        run(task("\"ApiEndpoint\": \"" + base + "/items\", \"Method\": \"POST\", \"RequestBody\": \"plain text\""),
                "{}");
        assertEquals("plain text", only().getBodyAsString());
    }

    @Test
    void urlEncodesTheBodyInEachArrayFormat() {
        server.stubFor(post(urlPathEqualTo("/form")).willReturn(aResponse().withStatus(200).withBody("done")));
        String[][] expected = {
                {"INDICES", "array%5B0%5D=a&array%5B1%5D=b&nested%5Bk%5D=v+w"},
                {"REPEAT", "array=a&array=b&nested%5Bk%5D=v+w"},
                {"COMMAS", "array=a%2Cb&nested%5Bk%5D=v+w"},
                {"BRACKETS", "array%5B%5D=a&array%5B%5D=b&nested%5Bk%5D=v+w"}};
        for (String[] format : expected) {
            server.resetRequests();
            JsonNode output = run(task("""
                    "ApiEndpoint": "%s/form", "Method": "POST",
                    "RequestBody": {"array": ["a", "b"], "nested": {"k": "v w"}},
                    "Transform": {"RequestBodyEncoding": "URL_ENCODED",
                                  "RequestEncodingOptions": {"ArrayFormat": "%s"}}""".formatted(base, format[0])),
                    "{}");
            assertEquals("done", output.get("ResponseBody").asText());
            LoggedRequest request = only();
            assertEquals(format[1], request.getBodyAsString(), format[0]);
            assertEquals("application/x-www-form-urlencoded", request.getHeader("Content-Type"));
        }
    }

    @Test
    void sendsTheApiKeyOfItsConnection() {
        server.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withStatus(200).withBody("[]")));
        run(task("\"ApiEndpoint\": \"" + base + "/search\", \"Method\": \"GET\", "
                + "\"InvocationConfig\": {\"ConnectionArn\": \"search\"}"), "{}");
        assertEquals("k-123", only().getHeader("x-api-key"));
    }

    @Test
    void fetchesTheOauthTokenOnceAndReusesIt() {
        server.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\": \"tok-1\", \"token_type\": \"bearer\", \"expires_in\": 3600}")));
        server.stubFor(get(urlPathEqualTo("/contacts")).willReturn(aResponse().withStatus(200).withBody("{}")));
        String definition = task("\"ApiEndpoint\": \"" + base + "/contacts\", \"Method\": \"GET\", "
                + "\"Authentication\": {\"ConnectionArn\": \"arn:aws:events:eu-west-1:1:connection/crm/x\"}");
        run(definition, "{}");
        run(definition, "{}");

        List<LoggedRequest> tokens = server.findAll(postRequestedFor(urlPathEqualTo("/oauth/token")));
        assertEquals(1, tokens.size());
        assertEquals("grant_type=client_credentials", tokens.get(0).getBodyAsString());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("client:pw".getBytes(StandardCharsets.UTF_8)),
                tokens.get(0).getHeader("Authorization"));
        List<LoggedRequest> calls = server.findAll(anyRequestedFor(urlPathEqualTo("/contacts")));
        assertEquals(2, calls.size());
        calls.forEach(call -> assertEquals("Bearer tok-1", call.getHeader("Authorization")));
    }

    @Test
    void aStatusOtherThan2xxIsCaughtByItsName() throws Exception {
        server.stubFor(get(urlPathEqualTo("/missing")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"no such thing\"}")));
        JsonNode output = run("""
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke",
                    "Parameters": {"ApiEndpoint": "%s/missing", "Method": "GET"},
                    "Catch": [{"ErrorEquals": ["States.Http.StatusCode.404"], "ResultPath": "$.error",
                               "Next": "NotFound"}],
                    "End": true},
                  "NotFound": {"Type": "Pass", "End": true}}}""".formatted(base), "{}");
        assertEquals("States.Http.StatusCode.404", output.at("/error/Error").asText());
        JsonNode cause = Json.parse(output.at("/error/Cause").asText());
        assertEquals(404, cause.get("StatusCode").intValue());
        assertEquals("Not Found", cause.get("StatusText").asText());
        assertEquals("no such thing", cause.at("/ResponseBody/message").asText());
    }

    @Test
    void aServerTooSlowFailsWithTheSocketError() throws Exception {
        server.stubFor(get(urlPathEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(8000)));
        // a context of its own, whose calls may take 1 s (AWS's 60 s would make a slow test)
        try (CamelContext quick = new DefaultCamelContext()) {
            quick.getComponent("asl-http", HttpInvokeComponent.class).setTimeoutSeconds(1);
            quick.getComponent("asl-http", HttpInvokeComponent.class).setAllowHttp(true);
            quick.getRegistry().bind("slow", task("\"ApiEndpoint\": \"" + base + "/slow\", \"Method\": \"GET\""));
            quick.start();
            CamelExecutionException thrown = assertThrows(CamelExecutionException.class, () -> quick
                    .createProducerTemplate().requestBody("asl:slow?definition=ref:slow", "{}", String.class));
            AslError error = assertInstanceOf(AslError.class, thrown.getCause());
            assertEquals("States.Http.Socket", error.error());
            assertTrue(error.cause().contains("timed out after 1 s"), error.cause());
        }
    }

    @Test
    void followsARedirectOnTheSameHostOnly() {
        server.stubFor(get(urlPathEqualTo("/computed/old")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/computed/new")));
        server.stubFor(get(urlPathEqualTo("/computed/new")).willReturn(aResponse().withStatus(200)
                .withBody("moved")));
        JsonNode output = run(task("\"ApiEndpoint\": \"" + base + "/computed/old\", \"Method\": \"GET\""), "{}");
        assertEquals("moved", output.get("ResponseBody").asText());

        // a redirect is checked as the Task's own URL is: /new is neither written nor under an allowed prefix
        server.stubFor(get(urlPathEqualTo("/old")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/new")));
        assertEquals("States.Http.StatusCode.302", failure(task("\"ApiEndpoint\": \"" + base + "/old\", "
                + "\"Method\": \"GET\""), "{}").error());

        // another host (same port, other name) is not followed: the 3XX is the answer
        server.stubFor(get(urlPathEqualTo("/away")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://localhost:" + server.port() + "/elsewhere")));
        server.resetRequests();
        AslError error = failure(task("\"ApiEndpoint\": \"" + base + "/away\", \"Method\": \"GET\", "
                + "\"Authentication\": {\"ConnectionArn\": \"billing\"}"), "{}");
        assertEquals("States.Http.StatusCode.302", error.error());
        assertEquals(List.of(), server.findAll(anyRequestedFor(urlPathEqualTo("/elsewhere"))));
    }

    @Test
    void aComputedEndpointMustBeUnderAnAllowedPrefix() {
        server.stubFor(any(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
        String definition = task("\"ApiEndpoint.$\": \"$.url\", \"Method\": \"GET\"");
        assertEquals("ok", run(definition, "{\"url\": \"" + base + "/computed/a\"}").get("ResponseBody").asText());

        server.resetRequests();
        for (String url : List.of(base + "/other", base + "/computedx", base + "/computed/../other",
                "http://localhost:" + server.port() + "/computed/a")) {
            AslError refused = failure(definition, "{\"url\": \"" + url + "\"}");
            assertTrue(List.of("States.Permissions", "States.TaskFailed").contains(refused.error()), url);
            assertTrue(refused.cause().contains("'Call'"), refused.cause());
        }
        AslError notHttp = failure(definition, "{\"url\": \"file:///etc/passwd\"}");
        assertTrue(notHttp.cause().contains("must be an http or https URL"), notHttp.cause());
        AslError credentials = failure(definition, "{\"url\": \"http://u:p@127.0.0.1:" + server.port()
                + "/computed/a\"}");
        assertTrue(credentials.cause().contains("user name or password"), credentials.cause());
        assertTrue(!credentials.cause().contains("u:p@"), credentials.cause());
        assertEquals(List.of(), server.getAllServeEvents());

        // a connection's own prefixes allow more, for the Tasks that use it
        server.stubFor(any(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
        assertEquals("ok", run(task("\"ApiEndpoint.$\": \"$.url\", \"Method\": \"GET\", "
                + "\"Authentication\": {\"ConnectionArn\": \"partner\"}"), "{\"url\": \"" + base + "/partner/x\"}")
                .get("ResponseBody").asText());
    }

    @Test
    void aForbiddenHeaderFromTheDataIsRefusedWithoutACall() {
        AslError error = failure(task("\"ApiEndpoint\": \"" + base + "/h\", \"Method\": \"GET\", "
                + "\"Headers.$\": \"$.headers\""), "{\"headers\": {\"Host\": \"evil.example\"}}");
        assertEquals("States.TaskFailed", error.error());
        assertTrue(error.cause().contains("header 'Host'"), error.cause());
        assertEquals(List.of(), server.getAllServeEvents());
    }

    @Test
    void aResponseOverAwsPayloadQuotaFailsTheTask() {
        server.stubFor(get(urlPathEqualTo("/big")).willReturn(aResponse().withStatus(200)
                .withBody("x".repeat(256 * 1024 + 1))));
        AslError error = failure(task("\"ApiEndpoint\": \"" + base + "/big\", \"Method\": \"GET\""), "{}");
        assertEquals("States.DataLimitExceeded", error.error());
        server.stubFor(get(urlPathEqualTo("/fits")).willReturn(aResponse().withStatus(200)
                .withBody("x".repeat(256 * 1024))));
        assertEquals(256 * 1024, run(task("\"ApiEndpoint\": \"" + base + "/fits\", \"Method\": \"GET\""), "{}")
                .get("ResponseBody").asText().length());
    }

    @Test
    void aConnectionFromTheDataMustBeConfigured() {
        AslError error = failure(task("\"ApiEndpoint\": \"" + base + "/c\", \"Method\": \"GET\", "
                + "\"Authentication\": {\"ConnectionArn.$\": \"$.connection\"}"),
                "{\"connection\": \"arn:aws:events:us-east-1:123456789012:connection/unknown/1\"}");
        assertEquals("States.Permissions", error.error());
        assertTrue(error.cause().contains("HttpConnection named 'unknown'"), error.cause());
        assertEquals(List.of(), server.getAllServeEvents());
    }

    @Test
    void anExpiredOauthTokenIsFetchedAgain() {
        server.stubFor(post(urlPathEqualTo("/oauth/short")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\": \"short\", \"expires_in\": 30}")));
        server.stubFor(get(urlPathEqualTo("/short")).willReturn(aResponse().withStatus(200).withBody("{}")));
        camel.getRegistry().bind("short-lived", HttpConnection.oauthClientCredentials(null, base + "/oauth/short",
                "c", "s"));
        String definition = task("\"ApiEndpoint\": \"" + base + "/short\", \"Method\": \"GET\", "
                + "\"Authentication\": {\"ConnectionArn\": \"short-lived\"}");
        run(definition, "{}");
        run(definition, "{}");
        // a token that expires within the safety margin is not kept
        assertEquals(2, server.findAll(postRequestedFor(urlPathEqualTo("/oauth/short"))).size());
    }

    private static String task(String parameters) {
        return """
                {"StartAt": "Call", "States": {"Call": {
                  "Type": "Task", "Resource": "arn:aws:states:::http:invoke",
                  "Parameters": {%s},
                  "End": true}}}""".formatted(parameters);
    }

    private static LoggedRequest only() {
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(urlPathMatching("/.*")));
        assertEquals(1, requests.size(), requests.toString());
        return requests.get(0);
    }

    static JsonNode run(String definition, String input) {
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, definition);
        try {
            return Json.parse(template.requestBody("asl:" + name + "?definition=ref:" + name, input, String.class));
        } catch (Exception e) {
            throw new AssertionError("the execution failed: " + e, e);
        }
    }

    static AslError failure(String definition, String input) {
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, definition);
        CamelExecutionException thrown = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("asl:" + name + "?definition=ref:" + name, input, String.class));
        return assertInstanceOf(AslError.class, thrown.getCause());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
