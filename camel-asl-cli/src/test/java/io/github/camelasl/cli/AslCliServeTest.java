package io.github.camelasl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.SqliteExecutionStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asl serve}: AWS's Step Functions API on a free port, answering JSON 1.0 requests, its STANDARD executions
 * in the --store folder; it stops on a signal and leaves the store closed. (The server module drives every action
 * with the AWS SDK; here the CLI's wiring is what is proved.)
 */
class AslCliServeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void serveAnswersTheApiAndKeepsExecutionsInTheStore() throws Exception {
        Path store = tmp.resolve("store");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), AslCli.class.getName(), "serve", "--port", "0",
                "--store", store.toString());
        Path stderr = tmp.resolve("stderr.txt");
        builder.redirectError(stderr.toFile());
        Process child = builder.start();
        String executionArn;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null, "it printed its URL; stderr: " + Files.readString(stderr));
            Matcher url = Pattern.compile("Step Functions API on (http://127\\.0\\.0\\.1:\\d+) ").matcher(line);
            assertTrue(url.find(), line);
            String endpoint = url.group(1);

            JsonNode created = call(endpoint, "CreateStateMachine", """
                    {"name": "served", "roleArn": "arn:aws:iam::123456789012:role/r", "definition":
                     "{\\"StartAt\\": \\"P\\", \\"States\\": {\\"P\\": {\\"Type\\": \\"Pass\\", \\"End\\": true}}}"}""");
            String machine = created.get("stateMachineArn").asText();
            executionArn = call(endpoint, "StartExecution", "{\"stateMachineArn\": \"" + machine
                    + "\", \"name\": \"one\", \"input\": \"{\\\"x\\\": 1}\"}").get("executionArn").asText();
            String status = "RUNNING";
            for (int i = 0; i < 200 && status.equals("RUNNING"); i++) {
                Thread.sleep(25);
                status = call(endpoint, "DescribeExecution", "{\"executionArn\": \"" + executionArn + "\"}")
                        .get("status").asText();
            }
            assertEquals("SUCCEEDED", status);

            child.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook stops serving and closes the store
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "it stopped");
        } finally {
            child.destroyForcibly();
        }
        try (SqliteExecutionStore opened = SqliteExecutionStore.open(store)) {
            ExecutionRecord record = opened.find(executionArn).orElseThrow();
            assertEquals(ExecutionStatus.SUCCEEDED, record.status());
            assertEquals("{\"x\":1}", record.output().toString());
        }
    }

    @Test
    void serveRefusesANonLoopbackHost() {
        CliRun.Result result = CliRun.asl("serve", "--host", "0.0.0.0", "--port", "0");
        assertEquals(AslCli.EXIT_INVALID, result.code());
        assertTrue(result.err().contains("not a loopback address") && result.err().contains("SigV4"), result.err());
    }

    private static JsonNode call(String endpoint, String action, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AWSStepFunctions." + action)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), action + ": " + response.body());
        return JSON.readTree(response.body());
    }
}
