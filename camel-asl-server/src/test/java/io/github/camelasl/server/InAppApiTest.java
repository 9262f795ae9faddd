package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.camelasl.dataflow.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * The API inside a Camel app: a camel-main application with camel.server.enabled and the asl component's
 * api-context-path property serves it on its own HTTP server, where the SDK's client runs state machines that call
 * the app's routes.
 */
class InAppApiTest {

    private static final String ROLE = StateMachineActionsTest.ROLE;
    private static final String GREET = """
            {"StartAt": "Greet", "States": {"Greet": {"Type": "Task", "Resource": "direct:greet", "End": true}}}""";

    @TempDir
    Path folder;

    /** A camel-main app on a free port with the app's route direct:greet, and the properties given. */
    private static Main app(int port, String... properties) throws Exception {
        Main main = new Main();
        main.configure().setShutdownTimeout(1);
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", String.valueOf(port));
        main.addInitialProperty("camel.component.asl.store", "memory");
        for (int i = 0; i < properties.length; i += 2) {
            main.addInitialProperty(properties[i], properties[i + 1]);
        }
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:greet").process(e -> e.getMessage().setBody(java.util.Map.of("greeting",
                        "hello " + Json.parse(e.getMessage().getBody(String.class)).get("who").asText())));
            }
        });
        try {
            main.start();
        } catch (Exception | Error e) {
            main.stop();
            throw e;
        }
        return main;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theComponentOptionServesTheApiAtItsPathOnTheAppsHttpServer() throws Exception {
        int port = freePort();
        Main main = app(port, "camel.component.asl.api-context-path", "/stepfunctions");
        try (SfnClient sfn = ServerFixture.client("http://127.0.0.1:" + port + "/stepfunctions")) {
            String machine = sfn.createStateMachine(r -> r.name("greeter").definition(GREET).roleArn(ROLE))
                    .stateMachineArn();
            String execution = sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"who\": \"world\"}"))
                    .executionArn();
            DescribeExecutionResponse done = RestartTest.awaitEnd(sfn, execution);
            assertEquals(ExecutionStatus.SUCCEEDED, done.status());
            assertEquals("hello world", Json.parse(done.output()).get("greeting").asText());

            // only at its path: the app's server answers other paths as it would without the API
            HttpResponse<String> elsewhere = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/")).header("Content-Type",
                    StepFunctionsApi.CONTENT_TYPE).header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, elsewhere.statusCode());
        } finally {
            main.stop();
        }
    }

    @Test
    void withACredentialsFileRequestsMustBeSignedWithOneOfItsKeys() throws Exception {
        Path credentials = Files.writeString(folder.resolve("credentials"), """
                [app]
                aws_access_key_id = AKIDINAPP
                aws_secret_access_key = in-app-secret
                """);
        int port = freePort();
        Main main = app(port, "camel.component.asl.api-context-path", "/sfn",
                "camel.component.asl.api-credentials-file", credentials.toString());
        String url = "http://127.0.0.1:" + port + "/sfn";
        try (SfnClient signed = ServerFixture.client(url, "AKIDINAPP", "in-app-secret");
                SfnClient stranger = ServerFixture.client(url, "AKIDOTHER", "in-app-secret")) {
            assertEquals(0, signed.listStateMachines(r -> { }).stateMachines().size());
            SfnException refused = assertThrows(SfnException.class, () -> stranger.listStateMachines(r -> { }));
            assertEquals("UnrecognizedClientException", refused.awsErrorDetails().errorCode());
        } finally {
            main.stop();
        }
    }

    @Test
    void withASigningRegionSignaturesOfAnotherRegionAreRefused() throws Exception {
        Path credentials = Files.writeString(folder.resolve("credentials"), """
                [app]
                aws_access_key_id = AKIDINAPP
                aws_secret_access_key = in-app-secret
                """);
        int port = freePort();
        // the SDK's client of the tests signs for us-east-1
        Main main = app(port, "camel.component.asl.api-context-path", "/sfn",
                "camel.component.asl.api-credentials-file", credentials.toString(),
                "camel.component.asl.api-signing-region", "eu-west-1");
        try (SfnClient elsewhere = ServerFixture.client("http://127.0.0.1:" + port + "/sfn", "AKIDINAPP",
                "in-app-secret")) {
            SfnException refused = assertThrows(SfnException.class, () -> elsewhere.listStateMachines(r -> { }));
            assertEquals("InvalidSignatureException", refused.awsErrorDetails().errorCode());
        } finally {
            main.stop();
        }
        Exception failed = assertThrows(Exception.class, () -> app(freePort(),
                "camel.component.asl.api-context-path", "/sfn",
                "camel.component.asl.api-credentials-file", credentials.toString(),
                "camel.component.asl.api-signing-region", "Not A Region"));
        assertContains(failed, "apiSigningRegion");
    }

    @Test
    void aMissingCredentialsFileFailsTheStartNamingTheOption() throws Exception {
        int port = freePort();
        Exception failed = assertThrows(Exception.class, () -> app(port,
                "camel.component.asl.api-context-path", "/sfn",
                "camel.component.asl.api-credentials-file", folder.resolve("missing").toString()));
        assertContains(failed, "apiCredentialsFile");
    }

    @Test
    void aContextPathThatIsNoPathFailsTheStartNamingTheOption() throws Exception {
        int port = freePort();
        Exception failed = assertThrows(Exception.class, () -> app(port,
                "camel.component.asl.api-context-path", "stepfunctions"));
        assertContains(failed, "apiContextPath");
    }

    @Test
    void theConsoleStandsBesideTheApiAtItsDefaultPathWithItsLiveUpdates() throws Exception {
        int port = freePort();
        Main main = app(port, "camel.component.asl.api-context-path", "/stepfunctions");
        try (SfnClient sfn = ServerFixture.client("http://127.0.0.1:" + port + "/stepfunctions")) {
            String machine = sfn.createStateMachine(r -> r.name("greeter").definition(GREET).roleArn(ROLE))
                    .stateMachineArn();
            String execution = sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"who\": \"world\"}"))
                    .executionArn();
            RestartTest.awaitEnd(sfn, execution);
            ConsoleClient console = new ConsoleClient("http://127.0.0.1:" + port + "/asl");
            assertEquals(200, console.get("/").statusCode());
            assertEquals(execution, console.json("/api/executions").get("executions").get(0).get("executionArn")
                    .asText());
            assertEquals(200, console.action("DescribeExecution", "{\"executionArn\": \"" + execution + "\"}")
                    .statusCode());
            try (ConsoleClient.Stream stream = console.stream("/api/live/execution?executionArn="
                    + java.net.URLEncoder.encode(execution, java.nio.charset.StandardCharsets.UTF_8))) {
                assertEquals("SUCCEEDED", stream.next("history").json().get("status").asText());
                assertEquals("end", stream.next("end").name());
            }
        } finally {
            main.stop();
        }
    }

    @Test
    void theConsolesPathIsAnOptionAndFalseServesNone() throws Exception {
        int port = freePort();
        Main main = app(port, "camel.component.asl.api-context-path", "/stepfunctions",
                "camel.component.asl.console-context-path", "/tools/console");
        try {
            assertEquals(200, new ConsoleClient("http://127.0.0.1:" + port + "/tools/console").get("/").statusCode());
            assertEquals(404, new ConsoleClient("http://127.0.0.1:" + port + "/asl").get("/").statusCode());
        } finally {
            main.stop();
        }
        int other = freePort();
        main = app(other, "camel.component.asl.api-context-path", "/stepfunctions",
                "camel.component.asl.console-context-path", "false");
        try {
            assertEquals(404, new ConsoleClient("http://127.0.0.1:" + other + "/asl").get("/").statusCode());
        } finally {
            main.stop();
        }
        Exception failed = assertThrows(Exception.class, () -> app(freePort(),
                "camel.component.asl.api-context-path", "/stepfunctions",
                "camel.component.asl.console-context-path", "console"));
        assertContains(failed, "consoleContextPath");
        failed = assertThrows(Exception.class, () -> app(freePort(),
                "camel.component.asl.console-context-path", "/asl"));
        assertContains(failed, "consoleContextPath option needs apiContextPath");
    }

    /** Whether the failure or one of its causes says {@code text}. */
    private static void assertContains(Throwable failure, String text) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return;
            }
        }
        throw new AssertionError("no message in the failure names " + text, failure);
    }
}
