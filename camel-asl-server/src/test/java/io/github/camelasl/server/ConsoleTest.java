package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The console's HTTP side on asl serve's server (StepFunctionsServer), driven over real HTTP. */
class ConsoleTest {

    private static final String ROLE = StateMachineActionsTest.ROLE;
    /** "ok" succeeds, "fail" fails in Charge with Boom, "wait" waits in Ask for its task token. */
    private static final String ORDERS = """
            {"StartAt": "Route", "States": {
              "Route": {"Type": "Choice", "Choices": [
                {"Variable": "$.mode", "StringEquals": "fail", "Next": "Charge"},
                {"Variable": "$.mode", "StringEquals": "wait", "Next": "Ask"}], "Default": "Done"},
              "Charge": {"Type": "Fail", "Error": "Boom", "Cause": "no money"},
              "Ask": {"Type": "Task", "Resource": "direct:approvals.waitForTaskToken",
                      "Parameters": {"token.$": "$$.Task.Token"}, "Next": "Done"},
              "Done": {"Type": "Succeed"}}}""";

    private static ServerFixture fixture;
    private static SfnClient sfn;
    private static ConsoleClient console;
    private static final BlockingQueue<String> TOKENS = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:approvals").process(e -> TOKENS.add(Json.parse(e.getMessage().getBody(String.class))
                        .get("token").asText()));
            }
        });
        sfn = fixture.sfn;
        console = new ConsoleClient(fixture.server.url() + "/asl");
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static String machine(String name) {
        return sfn.createStateMachine(r -> r.name(name).definition(ORDERS).roleArn(ROLE)).stateMachineArn();
    }

    private static String run(String machine, String name, String mode) throws Exception {
        String arn = sfn.startExecution(r -> r.stateMachineArn(machine).name(name).input("{\"mode\": \"" + mode
                + "\"}")).executionArn();
        if (!mode.equals("wait")) {
            RestartTest.awaitEnd(sfn, arn);
        }
        return arn;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<String> names(JsonNode executions) {
        List<String> names = new ArrayList<>();
        executions.forEach(e -> names.add(e.get("name").asText()));
        return names;
    }

    @Test
    void servesThePageWithItsBaseAndFallsBackToItForThePagesOwnPaths() throws Exception {
        for (String path : List.of("/", "", "/index.html", "/executions", "/executions/"
                + enc("arn:aws:states:us-east-1:123456789012:execution:m:e"),
                "/executions/arn:aws:states:us-east-1:123456789012:execution:m:e", "/definition")) {
            HttpResponse<String> page = console.send(HttpRequest.newBuilder(URI.create(console.base + path)).build());
            assertEquals(200, page.statusCode(), path);
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow(), path);
            assertTrue(page.body().contains("<base href=\"/asl/\">"), page.body());
            assertEquals("default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
                    page.headers().firstValue("Content-Security-Policy").orElseThrow());
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
        }
    }

    @Test
    void refusesPathsThatClimbOutOfThePagesFolder() throws Exception {
        int port = fixture.server.port();
        for (String path : List.of("/asl/..%2Fconsole%2Findex.html", "/asl/a/b%2F%2E%2E%2Findex.html",
                "/asl/x%5C..%5Cindex.html")) {
            String status = ConsoleClient.rawGet(port, path, "Host: 127.0.0.1:" + port);
            assertEquals("HTTP/1.1 400 Bad Request", status, path);
        }
        // a path that only begins like the console's is not the console's
        assertEquals("HTTP/1.1 404 Not Found", ConsoleClient.rawGet(port, "/aslx/index.html", "Host: 127.0.0.1:"
                + port));
        assertEquals("HTTP/1.1 404 Not Found", ConsoleClient.rawGet(port, "/%61sl/api/live/executions",
                "Host: 127.0.0.1:" + port));
        // Vert.x resolves dot segments (escaped or not) before routing: they lead out of the console, to nothing
        for (String path : List.of("/asl/../pom.xml", "/asl/%2e%2e/%2e%2e/io/github/camelasl/server/AccessKeys.class",
                "/asl/a/%2E%2E/%2E%2E/x")) {
            assertEquals("HTTP/1.1 404 Not Found", ConsoleClient.rawGet(port, path, "Host: 127.0.0.1:" + port), path);
        }
    }

    @Test
    void theApiNeedsTheConsolesHeaderAndTheHostRulesHold() throws Exception {
        HttpResponse<String> noHeader = console.send(HttpRequest.newBuilder(URI.create(console.base
                + "/api/executions")).build());
        assertEquals(403, noHeader.statusCode());
        assertEquals("AccessDeniedException", Json.parse(noHeader.body()).get("__type").asText());
        assertTrue(Json.parse(noHeader.body()).get("message").asText().contains("X-Asl-Console"));

        HttpResponse<String> ok = console.get("/api/executions");
        assertEquals(200, ok.statusCode());
        assertEquals("no-store", ok.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("nosniff", ok.headers().firstValue("X-Content-Type-Options").orElseThrow());

        // the API's rules: a page of another name (DNS rebinding), or a request through a proxy, is refused
        int port = fixture.server.port();
        assertEquals("HTTP/1.1 403 Forbidden", ConsoleClient.rawGet(port, "/asl/", "Host: evil.example:" + port));
        assertEquals("HTTP/1.1 403 Forbidden", ConsoleClient.rawGet(port, "/asl/api/executions",
                "Host: evil.example:" + port, "X-Asl-Console: 1"));
        assertEquals("HTTP/1.1 403 Forbidden", ConsoleClient.rawGet(port, "/asl/api/executions",
                "Host: 127.0.0.1:" + port, "X-Asl-Console: 1", "X-Forwarded-For: 203.0.113.9"));
        assertEquals("HTTP/1.1 403 Forbidden", ConsoleClient.rawGet(port, "/asl/api/live/executions",
                "Host: evil.example:" + port));
        assertEquals("HTTP/1.1 200 OK", ConsoleClient.rawGet(port, "/asl/api/executions",
                "Host: localhost:" + port, "X-Asl-Console: 1"));

        HttpResponse<String> session = console.get("/api/session");
        assertEquals(Json.parse("{\"loginRequired\": false, \"loggedIn\": false}"), Json.parse(session.body()));
        assertEquals(404, console.get("/api/nothing").statusCode());
        assertEquals("ValidationException", Json.parse(console.post("/api/login", "{}").body()).get("__type")
                .asText());
    }

    @Test
    void thePageCallsTheStepFunctionsApiThroughTheConsole() throws Exception {
        String machine = machine("through-console");
        HttpResponse<String> started = console.action("StartExecution", Json.write(Json.NODES.objectNode()
                .put("stateMachineArn", machine).put("name", "one").put("input", "{\"mode\": \"ok\"}")));
        assertEquals(200, started.statusCode(), started.body());
        String arn = Json.parse(started.body()).get("executionArn").asText();
        assertEquals("SUCCEEDED", RestartTest.awaitEnd(sfn, arn).statusAsString());
        HttpResponse<String> described = console.action("DescribeExecution", "{\"executionArn\": \"" + arn + "\"}");
        assertEquals("SUCCEEDED", Json.parse(described.body()).get("status").asText());
        assertEquals("no-store", described.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(400, console.action("DescribeExecution", "{\"executionArn\": \"nope\"}").statusCode());
        HttpResponse<String> withoutHeader = console.send(HttpRequest.newBuilder(URI.create(console.base
                + "/api/stepfunctions")).header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(403, withoutHeader.statusCode());
    }

    @Test
    void listsExecutionsAcrossStateMachinesWithFiltersAndPages() throws Exception {
        String a = machine("list-a");
        String b = machine("list-b");
        run(a, "a-ok", "ok");
        run(a, "a-fail", "fail");
        run(b, "b-ok", "ok");
        run(b, "b-fail-1", "fail");
        run(b, "b-fail-2", "fail");

        JsonNode ofA = console.json("/api/executions?stateMachineArn=" + enc(a));
        assertEquals(List.of("a-fail", "a-ok"), names(ofA.get("executions")));
        JsonNode failed = ofA.get("executions").get(0);
        assertEquals("FAILED", failed.get("status").asText());
        assertEquals("Boom", failed.get("error").asText());
        assertEquals("Charge", failed.get("failedState").asText());
        assertEquals(a, failed.get("stateMachineArn").asText());
        assertEquals(0, failed.get("redriveCount").asInt());
        assertTrue(failed.get("startDate").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertTrue(ofA.get("executions").get(1).get("failedState").isNull());

        assertEquals(List.of("b-fail-2", "b-fail-1", "a-fail"), names(console.json(
                "/api/executions?status=FAILED&search=fail").get("executions")).stream()
                .filter(n -> n.startsWith("a-") || n.startsWith("b-")).toList());
        assertEquals(List.of("b-fail-2", "b-fail-1"), names(console.json("/api/executions?search=b-fail")
                .get("executions")));
        assertEquals(List.of("a-fail", "a-ok"), names(console.json("/api/executions?stateMachineArn=" + enc(a)
                + "&sort=name").get("executions")));

        // pages of 2 over b's three, newest first
        JsonNode first = console.json("/api/executions?stateMachineArn=" + enc(b) + "&maxResults=2");
        assertEquals(List.of("b-fail-2", "b-fail-1"), names(first.get("executions")));
        JsonNode second = console.json("/api/executions?stateMachineArn=" + enc(b) + "&maxResults=2&nextToken="
                + enc(first.get("nextToken").asText()));
        assertEquals(List.of("b-ok"), names(second.get("executions")));
        assertNull(second.get("nextToken"));

        // filters the page cannot give: each a 400 naming the parameter
        for (String bad : List.of("status=BROKEN", "maxResults=0", "maxResults=1001", "from=yesterday",
                "sort=size", "nextToken=xyz", "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")) {
            HttpResponse<String> refused = console.get("/api/executions?" + bad);
            assertEquals(400, refused.statusCode(), bad);
            String parameter = bad.substring(0, bad.indexOf('='));
            assertTrue(refused.body().contains(parameter), refused.body());
        }
        String token = first.get("nextToken").asText();
        assertEquals("InvalidToken", Json.parse(console.get("/api/executions?stateMachineArn=" + enc(b)
                + "&sort=name&nextToken=" + enc(token)).body()).get("__type").asText());
    }

    @Test
    void groupsFailuresAndCountsStateMachinesOverARange() throws Exception {
        String machine = machine("counted");
        run(machine, "c1", "ok");
        run(machine, "c2", "fail");
        run(machine, "c3", "fail");

        JsonNode groups = console.json("/api/failures?stateMachineArn=" + enc(machine)).get("groups");
        assertEquals(1, groups.size());
        JsonNode group = groups.get(0);
        assertEquals("Charge", group.get("failedState").asText());
        assertEquals("Boom", group.get("error").asText());
        assertEquals(2, group.get("count").asInt());
        assertTrue(group.get("executionArn").asText().endsWith(":c3"), group.toString());
        assertNotNull(group.get("lastStopDate").asText());

        JsonNode machines = console.json("/api/state-machines").get("stateMachines");
        JsonNode counted = null;
        for (JsonNode m : machines) {
            if (m.get("stateMachineArn").asText().equals(machine)) {
                counted = m;
            }
        }
        assertNotNull(counted, machines.toString());
        assertEquals("counted", counted.get("name").asText());
        assertEquals("STANDARD", counted.get("type").asText());
        assertEquals(1, counted.get("counts").get("SUCCEEDED").asInt());
        assertEquals(2, counted.get("counts").get("FAILED").asInt());
        assertEquals(0, counted.get("counts").get("PENDING_REDRIVE").asInt());
        assertEquals(3, counted.get("total").asInt());
        assertEquals(0.6667, counted.get("failureRate").asDouble());
        assertEquals(List.of("c3", "c2", "c1"), names(counted.get("lastExecutions")));

        // a range before these executions counts none of them
        JsonNode past = console.json("/api/state-machines?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z");
        for (JsonNode m : past.get("stateMachines")) {
            assertEquals(0, m.get("total").asInt(), m.toString());
        }
        assertEquals(0, console.json("/api/failures?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z")
                .get("groups").size());
    }

    @Test
    void drawsAnExecutionItsStatesAndItsTimelineAndADefinition() throws Exception {
        String machine = machine("drawn");
        String arn = run(machine, "d1", "fail");
        JsonNode drawn = console.json("/api/execution-graph?executionArn=" + enc(arn));
        assertEquals("FAILED", drawn.get("execution").get("status").asText());
        assertTrue(drawn.get("lastEventId").asLong() > 0);
        Map<String, String> statuses = new java.util.HashMap<>();
        drawn.get("graph").get("nodes").forEach(n -> {
            if (n.hasNonNull("state")) {
                statuses.put(n.get("state").asText(), n.path("status").asText());
            }
        });
        assertEquals("FAILED", statuses.get("Charge"), drawn.get("graph").toString());
        assertEquals("NOT_REACHED", statuses.get("Ask"));

        JsonNode detail = console.json("/api/state-detail?executionArn=" + enc(arn) + "&state=Charge");
        assertEquals("Charge", detail.get("state").asText());
        assertEquals("Boom", detail.get("error").asText());
        assertEquals(400, console.get("/api/state-detail?executionArn=" + enc(arn) + "&state=Nowhere")
                .statusCode());
        assertEquals(404, console.get("/api/execution-graph?executionArn=" + enc(arn + "-not")).statusCode());
        assertEquals(400, console.get("/api/execution-graph?executionArn=" + enc(arn) + "&mapState=M")
                .statusCode());

        JsonNode timeline = console.json("/api/timeline?executionArn=" + enc(arn));
        assertEquals(List.of("Route", "Charge"), java.util.stream.StreamSupport.stream(timeline.get("items")
                .spliterator(), false).map(i -> i.get("state").asText()).toList());

        HttpResponse<String> graph = console.post("/api/graph", ORDERS);
        assertEquals(200, graph.statusCode(), graph.body());
        assertTrue(Json.parse(graph.body()).get("graph").get("nodes").size() >= 4);
        assertTrue(Json.parse(graph.body()).get("diagnostics").isArray());
        HttpResponse<String> broken = console.post("/api/graph", "{\"StartAt\": \"Nowhere\", \"States\": {");
        assertTrue(broken.statusCode() == 200 || broken.statusCode() == 400, broken.body());
        assertTrue(broken.body().contains("\"__type\"") || broken.body().contains("\"diagnostics\""),
                broken.body());
    }

    @Test
    void drawsOneIterationOfAMap() throws Exception {
        String machine = sfn.createStateMachine(r -> r.name("mapped").roleArn(ROLE).definition("""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "End": true,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Double",
                    "States": {"Double": {"Type": "Pass", "End": true}}}}}}""")).stateMachineArn();
        String arn = sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"items\": [1, 2, 3]}"))
                .executionArn();
        assertEquals("SUCCEEDED", RestartTest.awaitEnd(sfn, arn).statusAsString());
        JsonNode drawn = console.json("/api/execution-graph?executionArn=" + enc(arn));
        assertEquals(3, drawn.get("graph").get("mapRuns").get("Each").get("succeeded").asInt(), drawn.toString());
        JsonNode iteration = console.json("/api/execution-graph?executionArn=" + enc(arn)
                + "&mapState=Each&iteration=2").get("graph");
        assertEquals("Each", iteration.get("mapState").asText());
        assertEquals(2, iteration.get("iteration").asInt());
        assertTrue(iteration.get("nodes").toString().contains("\"Double\""), iteration.toString());
        assertEquals("Double", console.json("/api/state-detail?executionArn=" + enc(arn)
                + "&state=Double&iteration=1").get("state").asText());
        // an iteration there is not, a Map there is not: a 400 saying so
        assertEquals(400, console.get("/api/execution-graph?executionArn=" + enc(arn)
                + "&mapState=Each&iteration=7").statusCode());
        assertEquals(400, console.get("/api/execution-graph?executionArn=" + enc(arn)
                + "&mapState=Nowhere&iteration=0").statusCode());
        assertEquals(400, console.get("/api/execution-graph?executionArn=" + enc(arn)
                + "&mapState=Each&iteration=-1").statusCode());
    }

    @Test
    void aLiveViewerReceivesARunningExecutionsEventsAndItsEnd() throws Exception {
        String machine = machine("watched");
        String arn = run(machine, "w1", "wait");
        String token = TOKENS.poll(10, TimeUnit.SECONDS);
        assertNotNull(token);
        try (ConsoleClient.Stream stream = console.stream("/api/live/execution?executionArn=" + enc(arn));
                ConsoleClient.Stream second = console.stream("/api/live/execution?executionArn=" + enc(arn)
                        + "&after=2")) {
            assertEquals(200, stream.response.statusCode());
            assertEquals("text/event-stream; charset=utf-8",
                    stream.response.headers().firstValue("Content-Type").orElseThrow());
            ConsoleClient.Event history = stream.next("history");
            JsonNode data = history.json();
            assertEquals("RUNNING", data.get("status").asText());
            assertEquals("ExecutionStarted", data.get("events").get(0).get("type").asText());
            long seen = data.get("lastEventId").asLong();
            assertEquals(data.get("events").get(data.get("events").size() - 1).get("id").asLong(), seen);
            // the second viewer asked for the events after id 2 only
            assertEquals(3, second.next("history").json().get("events").get(0).get("id").asLong());

            sfn.sendTaskSuccess(r -> r.taskToken(token).output("{}"));
            List<String> types = new ArrayList<>();
            ConsoleClient.Event event;
            String status = null;
            while (!(event = stream.next()).name().equals("end")) {
                assertEquals("history", event.name(), event.toString());
                JsonNode more = event.json();
                more.get("events").forEach(e -> {
                    assertTrue(e.get("id").asLong() > seen, e.toString());
                    types.add(e.get("type").asText());
                });
                status = more.get("status").asText();
            }
            assertTrue(types.contains("ExecutionSucceeded"), types.toString());
            assertEquals("SUCCEEDED", status);
            assertEquals("SUCCEEDED", event.json().get("status").asText());
            assertEquals("closed", stream.next().name()); // the server ends the stream after end
            assertEquals("end", second.next("end").name());
        }
    }

    @Test
    void liveUpdatesNeedAnExecutionThatExistsAndComeFromThisSite() throws Exception {
        assertEquals(404, console.get("/api/live/execution?executionArn=" + enc("arn:nothing")).statusCode());
        assertEquals(400, console.get("/api/live/execution").statusCode());
        assertEquals(400, console.get("/api/live/execution?executionArn=x&after=-1").statusCode());
        // a query Vert.x cannot decode is the caller's mistake, not the server's failure
        int port = fixture.server.port();
        assertEquals("HTTP/1.1 400 Bad Request", ConsoleClient.rawGet(port, "/asl/api/live/execution?executionArn=%zz",
                "Host: localhost:" + port));
        HttpResponse<String> crossSite = console.send(HttpRequest.newBuilder(URI.create(console.base
                + "/api/live/executions")).header("Sec-Fetch-Site", "cross-site").build());
        assertEquals(403, crossSite.statusCode());
    }

    @Test
    void theRunningListIsLive() throws Exception {
        String machine = machine("running-list");
        String arn = run(machine, "r1", "wait");
        String token = TOKENS.poll(10, TimeUnit.SECONDS);
        // an EventSource sends no X-Asl-Console: the live streams need none
        HttpRequest request = HttpRequest.newBuilder(URI.create(console.base + "/api/live/executions")).build();
        HttpResponse<java.util.stream.Stream<String>> response = console.http.send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        response.body().close();
        try (ConsoleClient.Stream stream = console.stream("/api/live/executions")) {
            JsonNode first = stream.next("executions").json();
            assertTrue(first.get("running").toString().contains(arn), first.toString());
            sfn.sendTaskSuccess(r -> r.taskToken(token).output("{}"));
            Instant deadline = Instant.now().plusSeconds(10);
            boolean finished = false;
            while (!finished && Instant.now().isBefore(deadline)) {
                JsonNode next = stream.next("executions").json();
                finished = !next.get("running").toString().contains(arn)
                        && next.get("recent").toString().contains(arn);
            }
            assertTrue(finished, "the execution left the running list for the recent one");
        }
    }
}
