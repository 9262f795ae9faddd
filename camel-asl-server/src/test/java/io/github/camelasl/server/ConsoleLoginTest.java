package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console of a server with access keys: a login with one of them, kept in a server-side session. */
class ConsoleLoginTest {

    private static final String KEY_ID = "AKIDCONSOLE";
    private static final String SECRET = "console-secret";

    private static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(new InMemoryExecutionStore(), StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES,
                null, "127.0.0.1", AccessKeys.of(Map.of(KEY_ID, SECRET)));
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static String login(String keyId, String secret) {
        return Json.write(Json.NODES.objectNode().put("accessKeyId", keyId).put("secretAccessKey", secret));
    }

    @Test
    void aSessionIsNeededForDataAndALoginWithAKeyGivesOne() throws Exception {
        ConsoleClient console = new ConsoleClient(fixture.server.url() + "/asl");
        assertEquals(Json.parse("{\"loginRequired\": true, \"loggedIn\": false}"),
                Json.parse(console.get("/api/session").body()));
        // the page holds no data: it comes without a session
        assertEquals(200, console.get("/").statusCode());

        HttpResponse<String> noSession = console.get("/api/executions");
        assertEquals(401, noSession.statusCode());
        assertEquals("AccessDeniedException", Json.parse(noSession.body()).get("__type").asText());
        assertEquals(401, console.action("ListStateMachines", "{}").statusCode());
        assertEquals(401, console.get("/api/live/executions").statusCode());

        for (String wrong : List.of(login(KEY_ID, "guess"), login("AKIDOTHER", SECRET), login(KEY_ID, ""))) {
            HttpResponse<String> refused = console.post("/api/login", wrong);
            assertEquals(401, refused.statusCode(), wrong);
            assertEquals("AccessDeniedException", Json.parse(refused.body()).get("__type").asText());
            assertTrue(refused.headers().firstValue("Set-Cookie").isEmpty());
        }
        assertEquals(400, console.post("/api/login", "not json").statusCode());
        assertEquals(400, console.post("/api/login", "{\"accessKeyId\": 1}").statusCode());
        // without the console's header a login is refused too: no other site logs a browser in
        HttpResponse<String> noHeader = console.send(HttpRequest.newBuilder(URI.create(console.base + "/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString(login(KEY_ID, SECRET))).build());
        assertEquals(403, noHeader.statusCode());

        HttpResponse<String> loggedIn = console.post("/api/login", login(KEY_ID, SECRET));
        assertEquals(204, loggedIn.statusCode(), loggedIn.body());
        String cookie = loggedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.matches("asl-console=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=/asl; HttpOnly; "
                + "SameSite=Strict"), cookie);
        console.cookie = cookie.substring(0, cookie.indexOf(';'));

        assertEquals(Json.parse("{\"loginRequired\": true, \"loggedIn\": true}"),
                Json.parse(console.get("/api/session").body()));
        assertEquals(200, console.get("/api/executions").statusCode());
        assertEquals(200, console.action("ListStateMachines", "{}").statusCode());
        try (ConsoleClient.Stream stream = console.stream("/api/live/executions")) {
            assertEquals(200, stream.response.statusCode());
            assertEquals("executions", stream.next("executions").name());
        }

        // a made-up cookie is no session
        ConsoleClient forger = new ConsoleClient(console.base);
        forger.cookie = "asl-console=" + "A".repeat(43);
        assertEquals(401, forger.get("/api/executions").statusCode());

        HttpResponse<String> loggedOut = console.post("/api/logout", "");
        assertEquals(204, loggedOut.statusCode());
        assertTrue(loggedOut.headers().firstValue("Set-Cookie").orElseThrow().equals("asl-console=; Max-Age=0; Path=/asl; "
                + "HttpOnly; SameSite=Strict"), "plain HTTP: no Secure attribute");
        assertEquals(401, console.get("/api/executions").statusCode());
    }

    @Test
    void withKeysTheConsoleAnswersCallersOfAnyHostName() throws Exception {
        // as the API: with keys, the Host rule gives way to the login (a server on a network has a name)
        int port = fixture.server.port();
        assertEquals("HTTP/1.1 200 OK", ConsoleClient.rawGet(port, "/asl/", "Host: console.example:" + port));
        assertEquals("HTTP/1.1 401 Unauthorized", ConsoleClient.rawGet(port, "/asl/api/executions",
                "Host: console.example:" + port, "X-Asl-Console: 1"));
    }
}
