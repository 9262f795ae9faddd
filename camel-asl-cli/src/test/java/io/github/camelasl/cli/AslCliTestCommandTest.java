package io.github.camelasl.cli;

import static io.github.camelasl.cli.AslCliRunMocksTest.CONFIG;
import static io.github.camelasl.cli.AslCliRunMocksTest.DEFINITION;
import static io.github.camelasl.cli.AslCliRunMocksTest.mock;
import static io.github.camelasl.cli.CliRun.asl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code asl test}: AWS's published Step Functions Local example (LambdaSQSIntegration and its MockConfigFile.json,
 * unchanged) runs case by case on the virtual clock: RetryPath's back-offs of 2, 4 and 8 seconds take none.
 */
@Timeout(120) // bounds a clock that would not jump; the suite itself takes about a second
class AslCliTestCommandTest {

    private static final String EXPECTATIONS = mock("LambdaSQSIntegration.expectations.json");
    private static final String SQS_STAND_IN = mock("sqs-stand-in.resource-map.properties");

    @TempDir
    Path tmp;

    @Test
    void everyCaseOfTheExampleRunsAndPasses() {
        CliRun.Result r = asl("test", DEFINITION, "--mock-config", CONFIG, "--expectations", EXPECTATIONS,
                "--resource-map", SQS_STAND_IN, "--offline");
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("PASS  HappyPath   SUCCEEDED  LambdaState > SQSState  \\(\\d+ ms\\)"),
                r.out());
        // three retries, 2 + 4 + 8 seconds of back-off, on the virtual clock
        assertTrue(lines.get(1).matches("PASS  RetryPath   SUCCEEDED  LambdaState > SQSState  "
                + "\\(\\d+ ms, 14 s virtual\\)"), r.out());
        assertTrue(lines.get(2).startsWith("PASS  HybridPath  SUCCEEDED  LambdaState > SQSState"), r.out());
        assertEquals("3 test cases: 3 passed, 0 failed", lines.get(4).replaceAll(" \\(.*", ""), r.out());
    }

    @Test
    void testCaseRunsTheNamedCasesInTheOrderGiven() {
        CliRun.Result r = asl("test", DEFINITION, "--mock-config", CONFIG, "--test-case", "RetryPath",
                "--test-case", "HappyPath");
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("PASS  RetryPath"), r.out());
        assertTrue(lines.get(1).startsWith("PASS  HappyPath"), r.out());
        assertEquals("2 test cases: 2 passed, 0 failed", lines.get(3).replaceAll(" \\(.*", ""), r.out());
    }

    @Test
    void aFailingExpectationExitsOneNamingTheCaseAndTheField() throws Exception {
        Path expectations = tmp.resolve("expectations.json");
        Files.writeString(expectations, """
                {"TestCases": {
                  "HappyPath": {"Output": {"MessageId": "another"}},
                  "RetryPath": {"Status": "FAILED", "Error": "Lambda.TimeoutException"}}}""");
        CliRun.Result r = asl("test", DEFINITION, "--mock-config", CONFIG, "--expectations", expectations.toString(),
                "--test-case", "HappyPath", "--test-case", "RetryPath");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL  HappyPath"), r.out());
        assertTrue(r.out().contains("      HappyPath: Output: expected {\"MessageId\":\"another\"}, was "
                + "{\"MD5OfMessageBody\":"), r.out());
        assertTrue(r.out().contains("      RetryPath: Status: expected FAILED, was SUCCEEDED"), r.out());
        assertTrue(r.out().contains("      RetryPath: Error: expected 'Lambda.TimeoutException', was none"), r.out());
        assertTrue(r.out().contains("2 test cases: 0 passed, 2 failed"), r.out());
    }

    @Test
    void withoutExpectationsACaseMustSucceed() throws Exception {
        Path config = tmp.resolve("config.json");
        // LambdaState always fails: its retries run out
        Files.writeString(config, Files.readString(Path.of(CONFIG)).replace("\"LambdaState\":\"MockedLambdaRetry\"",
                "\"LambdaState\":\"LambdaMockedResourceNotReady\""));
        CliRun.Result r = asl("test", DEFINITION, "--mock-config", config.toString(), "--test-case", "RetryPath");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("FAIL  RetryPath  FAILED     LambdaState  ("), r.out());
        assertTrue(r.out().contains("RetryPath: Status: expected SUCCEEDED, was FAILED (States.Runtime: "), r.out());
    }

    @Test
    void junitXmlIsSurefiresShape() throws Exception {
        Path expectations = tmp.resolve("expectations.json");
        Files.writeString(expectations, "{\"TestCases\": {\"RetryPath\": {\"Status\": \"FAILED\"}}}");
        Path report = tmp.resolve("reports/TEST-asl.xml");
        CliRun.Result r = asl("test", DEFINITION, "--mock-config", CONFIG, "--expectations", expectations.toString(),
                "--resource-map", SQS_STAND_IN, "--junit-xml", report.toString());
        assertEquals(1, r.code(), r.out() + r.err());

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        Element suite = xml.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("errors"));
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(3, cases.getLength());
        Element happy = (Element) cases.item(0);
        assertEquals("HappyPath", happy.getAttribute("name"));
        assertEquals("LambdaSQSIntegration", happy.getAttribute("classname"));
        assertTrue(Double.parseDouble(happy.getAttribute("time")) >= 0);
        assertEquals(0, happy.getElementsByTagName("failure").getLength());
        Element retry = (Element) cases.item(1);
        Element failure = (Element) retry.getElementsByTagName("failure").item(0);
        assertEquals("Status: expected FAILED, was SUCCEEDED", failure.getAttribute("message"));
    }

    @Test
    void coverageWritesTheKitsReportOfTheCasesRun() throws Exception {
        Path folder = tmp.resolve("coverage");
        CliRun.Result r = asl("test", DEFINITION, "--mock-config", CONFIG, "--test-case", "HappyPath",
                "--coverage", folder.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Path coverage: "), r.out());
        for (String file : List.of("asl-coverage.json", "asl-coverage.md", "asl-coverage.html")) {
            assertTrue(Files.size(folder.resolve(file)) > 0, file);
        }
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(folder.resolve("asl-coverage.json").toFile());
        String report = json.toString();
        assertTrue(report.contains("LambdaState") && report.contains("SQSState"), report);
        // HappyPath never retries: LambdaState's Retrier is not covered, so the total is under 100%
        assertFalse(r.out().contains("(100.0%)"), r.out());

        Path file = Files.writeString(tmp.resolve("a-file"), "");
        assertEquals(2, asl("test", DEFINITION, "--mock-config", CONFIG, "--coverage", file.toString()).code());
    }

    @Test
    void inputsComeFromTheExpectationsElseInputElseAnEmptyObject() throws Exception {
        Path expectations = tmp.resolve("expectations.json");
        Files.writeString(expectations, """
                {"TestCases": {"HybridPath": {"Input": {"from": "expectations"},
                                              "Output": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/myQueue",
                                                         "MessageBody": {"StatusCode": 200, "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"}}}}}}""");
        CliRun.Result r = asl("test", DEFINITION, "--mock-config", CONFIG, "--expectations", expectations.toString(),
                "--resource-map", SQS_STAND_IN, "--input", "{\"from\": \"--input\"}");
        assertEquals(0, r.code(), r.out() + r.err());
    }

    @Test
    void badFilesAndNamesAreUsageErrorsSayingWhere() throws Exception {
        CliRun.Result r = asl("test", DEFINITION, "--mock-config", CONFIG, "--test-case", "SadPath");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("has no test case 'SadPath' for state machine 'LambdaSQSIntegration' (it has: "
                + "HappyPath, RetryPath, HybridPath)"), r.err());

        Path expectations = tmp.resolve("expectations.json");
        Files.writeString(expectations, """
                {"TestCases": {"HappyPath": {"Status": "DONE", "Outptu": 1}, "SadPath": {}}}""");
        r = asl("test", DEFINITION, "--mock-config", CONFIG, "--expectations", expectations.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("asl: invalid expectations " + expectations + ":"), r.err());
        assertTrue(r.err().contains("/TestCases/HappyPath/Outptu: unknown member"), r.err());
        assertTrue(r.err().contains("/TestCases/HappyPath/Status: must be one of ABORTED, FAILED, SUCCEEDED, "
                + "TIMED_OUT, but is 'DONE'"), r.err());

        Files.writeString(expectations, "{\"TestCases\": {\"SadPath\": {}}}");
        r = asl("test", DEFINITION, "--mock-config", CONFIG, "--expectations", expectations.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("expectations /TestCases/SadPath: the mock configuration has no such test case "
                + "for LambdaSQSIntegration"), r.err());

        assertEquals(2, asl("test", DEFINITION).code(), "--mock-config is required");
        r = asl("test", DEFINITION, "--mock-config", CONFIG, "--test-case", "HybridPath", "--offline");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("state 'SQSState': arn:aws:states:::sqs:sendMessage"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
