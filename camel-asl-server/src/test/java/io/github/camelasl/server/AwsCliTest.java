package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS's own CLI against the server, as a Step Functions user points it: {@code aws stepfunctions ...
 * --endpoint-url}, requests signed (SigV4) with a configured key. The CLI is the one on the PATH ({@code
 * ./install-test-tools} installs Debian's package when there is none), with AWS's current service model beside it
 * ({@link AwsCliModel}).
 */
class AwsCliTest {

    private static final String KEY_ID = "AKIDCLITEST";
    private static final String SECRET = "the-cli-test-secret";
    private static final String ROLE = "arn:aws:iam::123456789012:role/cli-test";
    private static final AtomicInteger FLAKY_CALLS = new AtomicInteger();

    @TempDir
    static Path home;

    private static ServerFixture server;
    private static Path dataPath;

    @BeforeAll
    static void start() throws Exception {
        server = new ServerFixture(new InMemoryExecutionStore(), StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES,
                new RouteBuilder() {
                    @Override
                    public void configure() {
                        // fails its first call, then succeeds: what a redrive is for
                        from("direct:cliFlaky").process(e -> {
                            if (FLAKY_CALLS.incrementAndGet() == 1) {
                                throw new IllegalStateException("the warehouse is down");
                            }
                            e.getMessage().setBody("{\"loaded\":true}");
                        });
                    }
                }, "127.0.0.1", AccessKeys.of(Map.of(KEY_ID, SECRET)));
        dataPath = AwsCliModel.dataPath(Path.of("target"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aStateMachineIsCreatedRunFailedAndRedrivenWithTheCli() throws Exception {
        Path definition = home.resolve("etl.asl.json");
        Files.writeString(definition, """
                {"StartAt": "Load", "States": {
                  "Load": {"Type": "Task", "Resource": "direct:cliFlaky", "End": true}}}""");

        JsonNode created = cli("create-state-machine", "--name", "cli-etl", "--definition",
                "file://" + definition, "--role-arn", ROLE);
        String stateMachineArn = created.get("stateMachineArn").textValue();
        assertTrue(stateMachineArn.endsWith(":stateMachine:cli-etl"), created.toString());

        JsonNode started = cli("start-execution", "--state-machine-arn", stateMachineArn, "--name", "run-1",
                "--input", "{\"day\":\"2026-12-07\"}");
        String executionArn = started.get("executionArn").textValue();

        JsonNode failed = awaitEnd(executionArn);
        assertEquals("FAILED", failed.get("status").textValue(), failed.toString());
        assertEquals("{\"day\":\"2026-12-07\"}", failed.get("input").textValue());

        JsonNode history = cli("get-execution-history", "--execution-arn", executionArn);
        List<String> types = new ArrayList<>();
        history.get("events").forEach(event -> types.add(event.get("type").textValue()));
        assertEquals("ExecutionStarted", types.get(0));
        assertTrue(types.contains("TaskFailed"), types.toString());
        assertEquals("ExecutionFailed", types.get(types.size() - 1));

        JsonNode redriven = cli("redrive-execution", "--execution-arn", executionArn);
        assertTrue(redriven.has("redriveDate"), redriven.toString());
        JsonNode succeeded = awaitEnd(executionArn);
        assertEquals("SUCCEEDED", succeeded.get("status").textValue(), succeeded.toString());
        assertEquals("{\"loaded\":true}", succeeded.get("output").textValue());
        assertEquals(1, succeeded.get("redriveCount").intValue());

        JsonNode listed = cli("list-executions", "--state-machine-arn", stateMachineArn);
        assertEquals(executionArn, listed.get("executions").get(0).get("executionArn").textValue());
    }

    @Test
    void anExpressStateMachineAnswersStartSyncExecution() throws Exception {
        JsonNode created = cli("create-state-machine", "--name", "cli-express", "--type", "EXPRESS",
                "--definition", "{\"StartAt\":\"Add\",\"States\":{\"Add\":{\"Type\":\"Pass\","
                        + "\"Parameters\":{\"sum.$\":\"States.MathAdd($.a, $.b)\"},\"End\":true}}}",
                "--role-arn", ROLE);
        JsonNode result = cli("start-sync-execution", "--state-machine-arn",
                created.get("stateMachineArn").textValue(), "--input", "{\"a\":2,\"b\":3}");
        assertEquals("SUCCEEDED", result.get("status").textValue(), result.toString());
        assertEquals("{\"sum\":5}", result.get("output").textValue());
    }

    @Test
    void oneStateIsTestedWithTestState() throws Exception {
        JsonNode tested = cli("test-state", "--definition",
                "{\"Type\":\"Pass\",\"Parameters\":{\"total.$\":\"States.MathAdd($.a, $.b)\"},"
                        + "\"ResultPath\":\"$.sum\",\"Next\":\"Report\"}",
                "--role-arn", ROLE, "--input", "{\"a\":40,\"b\":2}", "--inspection-level", "DEBUG");
        assertEquals("SUCCEEDED", tested.get("status").textValue(), tested.toString());
        assertEquals("Report", tested.get("nextState").textValue());
        assertEquals("{\"a\":40,\"b\":2,\"sum\":{\"total\":42}}", tested.get("output").textValue());
        assertEquals("{\"total\":42}", tested.at("/inspectionData/afterParameters").textValue());
    }

    @Test
    void aRequestSignedWithAWrongSecretIsRefusedWithAwsError() throws Exception {
        Result result = run(Map.of("AWS_SECRET_ACCESS_KEY", "not-the-secret"), "list-state-machines");
        assertNotEquals(0, result.exitCode);
        assertTrue(result.stderr.contains("InvalidSignatureException"), result.stderr);
    }

    @Test
    void anUnknownExecutionIsAwsError() throws Exception {
        Result result = run(Map.of(), "describe-execution", "--execution-arn",
                "arn:aws:states:us-east-1:123456789012:execution:nothing:here");
        assertNotEquals(0, result.exitCode);
        assertTrue(result.stderr.contains("ExecutionDoesNotExist"), result.stderr);
    }

    private static JsonNode awaitEnd(String executionArn) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode described;
        do {
            described = cli("describe-execution", "--execution-arn", executionArn);
            if (!"RUNNING".equals(described.get("status").textValue())) {
                return described;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return fail("the execution is still RUNNING after 30 s: " + described);
    }

    /** {@code aws stepfunctions ARGS} answered with success: its JSON output. */
    private static JsonNode cli(String... args) throws Exception {
        Result result = run(Map.of(), args);
        if (result.exitCode != 0) {
            fail("aws stepfunctions " + String.join(" ", args) + " exited " + result.exitCode + ": "
                    + result.stderr);
        }
        return Json.parse(result.stdout);
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "stepfunctions"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", server.server.url(), "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        // nothing of the machine's own AWS configuration
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.equalsIgnoreCase("HTTP_PROXY")
                || name.equalsIgnoreCase("HTTPS_PROXY") || name.equalsIgnoreCase("ALL_PROXY"));
        env.put("NO_PROXY", "127.0.0.1,localhost"); // a proxy the machine has must not carry calls to this server
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("AWS_DATA_PATH", dataPath.toAbsolutePath().toString());
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        env.put("AWS_PAGER", "");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.putAll(environment);
        // to files, so that waitFor's time-out holds whatever the CLI does with its pipes
        Path stdout = Files.createTempFile(home, "aws-out", ".txt");
        Path stderr = Files.createTempFile(home, "aws-err", ".txt");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return fail("The AWS CLI (aws) is not on the PATH: ./install-test-tools installs it (Debian's awscli package); "
                    + e.getMessage());
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("aws " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }
}
