package io.github.camelasl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

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
            // the console beside the API, at its default path
            assertTrue(line.contains(", console at " + endpoint + "/asl/;"), line);
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/asl/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<base href=\"/asl/\">"), page.body());

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
    void aStateMachineAndItsWaitingExecutionSurviveKillingServe() throws Exception {
        Path store = tmp.resolve("store");
        String machineArn;
        String executionArn;
        Process first = serve(store, tmp.resolve("first.txt"));
        try (SfnClient sfn = client(endpoint(first, tmp.resolve("first.txt")))) {
            machineArn = sfn.createStateMachine(r -> r.name("waiter").roleArn("arn:aws:iam::123456789012:role/r")
                    .definition("""
                            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 2, "Next": "P"},
                              "P": {"Type": "Pass", "Parameters": {"done.$": "$.x"}, "End": true}}}""")
                    .type(StateMachineType.STANDARD)).stateMachineArn();
            executionArn = sfn.startExecution(r -> r.stateMachineArn(machineArn).name("survivor")
                    .input("{\"x\": 42}")).executionArn();
            assertEquals(software.amazon.awssdk.services.sfn.model.ExecutionStatus.RUNNING,
                    sfn.describeExecution(r -> r.executionArn(executionArn)).status());
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook runs, the store is not closed
        }
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "it was killed");

        Process second = serve(store, tmp.resolve("second.txt"));
        try (SfnClient sfn = client(endpoint(second, tmp.resolve("second.txt")))) {
            assertEquals(List.of(machineArn), sfn.listStateMachines(r -> { }).stateMachines().stream()
                    .map(StateMachineListItem::stateMachineArn).toList());
            DescribeExecutionResponse described = sfn.describeExecution(r -> r.executionArn(executionArn));
            for (int i = 0; i < 400 && described.statusAsString().equals("RUNNING"); i++) {
                Thread.sleep(25);
                described = sfn.describeExecution(r -> r.executionArn(executionArn));
            }
            assertEquals("SUCCEEDED", described.statusAsString());
            assertEquals("{\"done\":42}", described.output());
        } finally {
            second.destroy();
            assertTrue(second.waitFor(30, TimeUnit.SECONDS), "it stopped");
            second.destroyForcibly();
        }
    }

    /** {@code asl serve} on a free port and {@code store}, in a child process, its stderr to {@code stderr}. */
    private static Process serve(Path store, Path stderr) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), AslCli.class.getName(), "serve", "--port", "0",
                "--store", store.toString());
        builder.redirectError(stderr.toFile());
        return builder.start();
    }

    /** The URL the child prints once it serves (its stdout is not read further: one line is all it prints). */
    private static String endpoint(Process child, Path stderr) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null, "it printed its URL; stderr: " + Files.readString(stderr));
        Matcher url = Pattern.compile("Step Functions API on (http://127\\.0\\.0\\.1:\\d+) ").matcher(line);
        assertTrue(url.find(), line);
        return url.group(1);
    }

    private static SfnClient client(String endpoint) {
        return client(endpoint, "test", "test");
    }

    private static SfnClient client(String endpoint, String keyId, String secret) {
        return SfnClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void serveOnEveryAddressWithACredentialsFileAnswersRequestsSignedWithItsKeys() throws Exception {
        Path credentials = tmp.resolve("credentials");
        Files.writeString(credentials, """
                [default]
                aws_access_key_id = AKIDCLITEST
                aws_secret_access_key = cli-test-secret
                """);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), AslCli.class.getName(), "serve", "--host", "0.0.0.0",
                "--port", "0", "--credentials", credentials.toString(), "--signing-region", "us-east-1");
        Path stderr = tmp.resolve("stderr.txt");
        builder.redirectError(stderr.toFile());
        Process child = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null, "it printed its URL; stderr: " + Files.readString(stderr));
            // where it listens, and a URL a client here can use
            Matcher url = Pattern.compile("Step Functions API on http://0\\.0\\.0\\.0:(\\d+) \\(every address of "
                    + "this host: (http://127\\.0\\.0\\.1:\\d+) here\\)").matcher(line);
            assertTrue(url.find(), line);
            String endpoint = url.group(2);
            assertEquals("http://127.0.0.1:" + url.group(1), endpoint);
            try (SfnClient signed = client(endpoint, "AKIDCLITEST", "cli-test-secret");
                    SfnClient wrong = client(endpoint, "AKIDCLITEST", "not-the-secret")) {
                assertEquals(0, signed.listStateMachines().stateMachines().size());
                SfnException e = assertThrows(SfnException.class, wrong::listStateMachines);
                assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
            }
            HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, unsigned.statusCode(), unsigned.body());
            child.destroy();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "it stopped");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void serveRefusesACredentialsFileWithoutAKey() throws Exception {
        Path credentials = tmp.resolve("credentials");
        Files.writeString(credentials, "[default]\naws_access_key_id = AKIDONLY\n");
        CliRun.Result result = CliRun.asl("serve", "--host", "0.0.0.0", "--port", "0", "--credentials",
                credentials.toString());
        assertEquals(AslCli.EXIT_INVALID, result.code());
        assertTrue(result.err().contains("[default]") && result.err().contains("aws_secret_access_key"),
                result.err());
    }

    @Test
    void serveRefusesASigningRegionWithoutCredentials() {
        CliRun.Result result = CliRun.asl("serve", "--port", "0", "--signing-region", "us-east-1");
        assertEquals(AslCli.EXIT_INVALID, result.code());
        assertTrue(result.err().contains("--signing-region needs --credentials"), result.err());
    }

    @Test
    void serveRefusesANonLoopbackHost() {
        CliRun.Result result = CliRun.asl("serve", "--host", "0.0.0.0", "--port", "0");
        assertEquals(AslCli.EXIT_INVALID, result.code());
        assertTrue(result.err().contains("not a loopback address") && result.err().contains("SigV4"), result.err());
    }

    private static final String MOCKS = """
            {"StateMachines": {"mocked": {"TestCases": {"Happy": {"Work": "Done"}}}},
             "MockedResponses": {"Done": {"0": {"Return": {"from": "mock"}}}}}""";

    /** SFN_MOCK_CONFIG names the mock configuration, as for Step Functions Local: #Happy runs on its mocks. */
    @Test
    void serveRunsTheTestCasesOfTheMockConfigurationSfnMockConfigNames() throws Exception {
        Path mocks = Files.writeString(tmp.resolve("MockConfigFile.json"), MOCKS);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), AslCli.class.getName(), "serve", "--port", "0");
        builder.environment().put(ServeCommand.MOCK_CONFIG_ENVIRONMENT, mocks.toString());
        builder.environment().remove(StoreOption.ENVIRONMENT);
        Path stderr = tmp.resolve("stderr.txt");
        builder.redirectError(stderr.toFile());
        Process child = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null, "it printed its URL; stderr: " + Files.readString(stderr));
        assertTrue(line.contains(", mock test cases of " + mocks), line);
        Matcher url = Pattern.compile("Step Functions API on (http://127\\.0\\.0\\.1:\\d+) ").matcher(line);
        assertTrue(url.find(), line);
        try (SfnClient sfn = client(url.group(1))) {
            String machine = sfn.createStateMachine(r -> r.name("mocked").roleArn("arn:aws:iam::123456789012:role/r")
                    .definition("""
                            {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "direct:nowhere",
                              "End": true}}}""")).stateMachineArn();
            String executionArn = sfn.startExecution(r -> r.stateMachineArn(machine + "#Happy")).executionArn();
            DescribeExecutionResponse described = sfn.describeExecution(r -> r.executionArn(executionArn));
            for (int i = 0; i < 400 && described.statusAsString().equals("RUNNING"); i++) {
                Thread.sleep(25);
                described = sfn.describeExecution(r -> r.executionArn(executionArn));
            }
            assertEquals("SUCCEEDED", described.statusAsString(), described.toString());
            assertEquals("{\"from\":\"mock\"}", described.output());
        } finally {
            child.destroy();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "it stopped");
            child.destroyForcibly();
        }
    }

    @Test
    void serveRefusesAConsolePathThatIsNoPath() throws Exception {
        for (String[] args : List.of(new String[] {"serve", "--port", "0", "--console-path", "console"},
                new String[] {"serve", "--port", "0", "--console-path", "/"},
                new String[] {"serve", "--port", "0", "--console-path", "/ui", "--no-console"})) {
            CliRun.Result result = CliRun.asl(args);
            assertEquals(AslCli.EXIT_INVALID, result.code(), String.join(" ", args));
            assertTrue(result.err().contains("console"), result.err());
        }
    }

    @Test
    void theMockConfigOptionWinsOverSfnMockConfig() throws Exception {
        Path option = tmp.resolve("option.json");
        Path environment = Files.writeString(tmp.resolve("environment.json"), "not JSON");
        var named = java.util.Map.of(ServeCommand.MOCK_CONFIG_ENVIRONMENT, environment.toString());
        assertEquals(option, ServeCommand.mockConfigFile(option, named));
        assertEquals(environment, ServeCommand.mockConfigFile(null, named));
        assertEquals(null, ServeCommand.mockConfigFile(null, java.util.Map.of()));
        CliException unusable = assertThrows(CliException.class, () -> ServeCommand.loadMockConfig(environment));
        assertTrue(unusable.getMessage().contains(environment + " cannot be used: /: not valid JSON"),
                unusable.getMessage());
    }

    @Test
    void serveRefusesAMockConfigurationWithProblemsNamingTheirPlaces() throws Exception {
        Path mocks = Files.writeString(tmp.resolve("MockConfigFile.json"), """
                {"StateMachines": {"m": {"TestCases": {"T": {"S": "Missing"}}}}, "MockedResponses": {}}""");
        CliRun.Result result = CliRun.asl("serve", "--port", "0", "--mock-config", mocks.toString());
        assertEquals(AslCli.EXIT_INVALID, result.code());
        assertTrue(result.err().contains("/StateMachines/m/TestCases/T/S: no mocked response named 'Missing'"),
                result.err());
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
