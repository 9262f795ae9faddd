package io.github.camelasl.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.StateMachineRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The corpus cases of Step Functions calling Step Functions (services {@code states} and {@code sfn}), run with the
 * engine's built-in integrations against child machines deployed in the same CamelContext. Fails on a failure that
 * {@value #KNOWN_FAILURES} does not list; the report goes to {@code target/conformance-report-states.txt}.
 *
 * <p>Three things the recordings do not hold are supplied here, each narrowly:
 * <ul>
 * <li>the child machines' definitions ({@link #CHILDREN});</li>
 * <li>the back end's HTTP headers in SdkHttpMetadata, masked on both sides as the SNS test does (AWS's own request
 * ids, dates and lengths);</li>
 * <li>the Redrive* members of DescribeExecution, which AWS added with redrive on {@value #REDRIVE_LAUNCH}: a case
 * recorded before that expects a {@code .sync} output without them, while the same tests recorded in 2025 show
 * them. For those older cases only, and only in a DescribeExecution-shaped output (ExecutionArn and Status at its
 * top) that lacks them, the expectation gets the three members with the values AWS gives a SUCCEEDED execution
 * today ({@code 0}, {@code NOT_REDRIVABLE}, {@code "Execution is SUCCEEDED and cannot be redriven"}, as the 2025
 * recordings have them). Nothing else of the expectation changes.</li>
 * </ul>
 */
class StatesConformanceTest {

    private static final String KNOWN_FAILURES = "/conformance-known-failures-states.txt";
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(30);
    private static final String BACK_END_HEADERS = "<the back end's HTTP headers>";
    static final String REDRIVE_LAUNCH = "2023-11-15";

    /** LocalStack's BASE_PASS_RESULT template, the child of every recording that reports its output. */
    private static final String PASS_RESULT = """
            {"StartAt": "State_1", "States": {"State_1": {"Type": "Pass",
              "Result": {"Arg1": "argument1"}, "End": true}}}""";
    /**
     * Stands in for test_sync_with_task_token's child and helper: there the child sends the parent's task token over
     * SQS to a helper machine that calls SendTaskSuccess with {@code "SQS_SEND_MESSAGE_AND_WAIT"}, while the child
     * goes on waiting. The harness replays no SQS, so the child calls SendTaskSuccess itself (through the built-in
     * aws-sdk:sfn integration), then waits as the real one does: the parent's .sync Task must end with the token's
     * output, not the child's.
     */
    private static final String SEND_TASK_SUCCESS = """
            {"StartAt": "SendSuccess", "States": {
              "SendSuccess": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:sendTaskSuccess",
                "Parameters": {"TaskToken.$": "$.TaskToken", "Output": "\\"SQS_SEND_MESSAGE_AND_WAIT\\""},
                "ResultPath": null, "Next": "Wait"},
              "Wait": {"Type": "Wait", "Seconds": 2, "End": true}}}""";

    /**
     * The child state machines the recordings started, by name (their ARN is in the case's input or definition): the
     * case files hold only the parent's definition. Names repeat across cases, so the cases run one at a time.
     */
    static final Map<String, String> CHILDREN = Map.of(
            "statemachine_create_and_record_execution_uid00001", PASS_RESULT,
            "statemachine_create_and_record_execution_uid00004", PASS_RESULT,
            "statemachine_create_and_record_execution_uid00016", PASS_RESULT,
            "statemachine_create_and_record_execution_uid00017", PASS_RESULT,
            "statemachine_create_and_record_execution_uid00019", PASS_RESULT,
            "statemachine_create_and_record_execution_uid00020", PASS_RESULT,
            "statemachine_create_and_record_execution_uid00054", SEND_TASK_SUCCESS);

    static {
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.camel.impl.engine.AbstractCamelContext", "warn");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void recordedNestedExecutionsEndAsOnAws() throws Exception {
        Optional<Path> corpus = Corpus.locate();
        assumeTrue(corpus.isPresent(), Corpus::missingMessage);

        List<ConformanceCase> toRun = new ArrayList<>();
        for (ConformanceCase c : Corpus.cases(corpus.get())) {
            if (!c.services().isEmpty() && Set.of("states", "sfn").containsAll(c.services())) {
                toRun.add(adapted(c, recordedDate(corpus.get(), c)));
            }
        }
        List<CaseResult> results;
        try (CaseRunner runner = new CaseRunner(1, CASE_TIMEOUT, Set.of("states", "sfn"), c -> List.of(),
                StatesConformanceTest::deployChildren)) {
            results = runner.runAll(toRun);
        }
        ConformanceReport report = new ConformanceReport(results, KnownFailures.load(KNOWN_FAILURES), 0,
                "conformance (states, sfn: child machines deployed here)");
        report.publish("conformance-report-states.txt");

        assertTrue(report.count(CaseResult.Verdict.PASSED) >= 9, () -> "fewer than 9 of the 10 cases pass: "
                + report.summaryLine());
        List<CaseResult> regressions = report.regressions();
        assertTrue(regressions.isEmpty(), report::regressionMessage);
    }

    /**
     * Deploys the children the case names (in its input or definition) beside it, with its deployer (which lists them
     * for the built-in integrations); undeploys them after.
     */
    private static AutoCloseable deployChildren(ConformanceCase c, io.github.camelasl.AslDeployer deployer,
            org.apache.camel.CamelContext camel) throws Exception {
        String text = Json.write(c.input()) + Json.write(c.definition());
        List<StateMachineRuntime> deployed = new ArrayList<>();
        for (Map.Entry<String, String> child : CHILDREN.entrySet()) {
            if (text.contains(":stateMachine:" + child.getKey() + "\"")) {
                StateMachineRuntime runtime = deployer.deploy(child.getKey(), child.getValue(), new StateMachineConfig(
                        child.getKey(), "STANDARD", "aws", "us-east-1", "111111111111", c.roleArn()));
                deployed.add(runtime);
            }
        }
        return () -> {
            for (StateMachineRuntime runtime : deployed) {
                runtime.undeploy();
            }
        };
    }

    private static LocalDate recordedDate(Path corpus, ConformanceCase c) throws Exception {
        JsonNode json = Json.parse(Files.readString(corpus.resolve("cases").resolve(c.name() + ".json")));
        String date = json.path("recorded_date").asText(); // "30-06-2023, 14:42:19"
        return LocalDate.parse(date.substring(0, 10), DateTimeFormatter.ofPattern("dd-MM-yyyy"));
    }

    /** The case with the back end's headers masked and, recorded before redrive, the Redrive* members AWS now adds. */
    static ConformanceCase adapted(ConformanceCase c, LocalDate recorded) {
        List<JsonNode> transformers = new ArrayList<>(List.of(
                jsonPath("$..SdkHttpMetadata.AllHttpHeaders", BACK_END_HEADERS),
                jsonPath("$..SdkHttpMetadata.HttpHeaders", BACK_END_HEADERS),
                jsonPath("$..SdkResponseMetadata.RequestId", "RequestId")));
        transformers.addAll(c.transformers());
        JsonNode output = c.expected().output() == null ? null : masked(c.expected().output().deepCopy());
        if (output instanceof ObjectNode described && recorded.isBefore(LocalDate.parse(REDRIVE_LAUNCH))
                && described.has("ExecutionArn") && "SUCCEEDED".equals(described.path("Status").asText())
                && !described.has("RedriveCount")) {
            described.put("RedriveCount", 0);
            described.put("RedriveStatus", "NOT_REDRIVABLE");
            described.put("RedriveStatusReason", "Execution is SUCCEEDED and cannot be redriven");
        }
        ConformanceCase.Outcome expected = new ConformanceCase.Outcome(c.expected().status(), output,
                c.expected().error(), c.expected().cause());
        // the runner names the parent after the first recorded machine name, which is the child's: the child's go
        // last, so that the parent takes its own (both become <ArnPart_0idx>, so the order changes no value)
        List<ConformanceCase.Replacement> regexes = new ArrayList<>(c.regexes());
        String named = Json.write(c.input()) + Json.write(c.definition());
        List<ConformanceCase.Replacement> children = regexes.stream()
                .filter(r -> CHILDREN.containsKey(r.patternText())
                        && named.contains(":stateMachine:" + r.patternText() + "\""))
                .toList();
        regexes.removeAll(children);
        regexes.addAll(children);
        return new ConformanceCase(c.name(), c.definition(), c.input(), c.type(), expected, c.features(),
                c.services(), c.externalActions(), regexes, transformers, c.placeholders(), c.maskedFields());
    }

    private static JsonNode masked(JsonNode node) {
        if (node.path("SdkHttpMetadata").isObject()) {
            ObjectNode http = (ObjectNode) node.get("SdkHttpMetadata");
            http.put("AllHttpHeaders", BACK_END_HEADERS);
            http.put("HttpHeaders", BACK_END_HEADERS);
        }
        node.forEach(StatesConformanceTest::masked);
        return node;
    }

    private static JsonNode jsonPath(String path, String replacement) {
        return Json.NODES.objectNode().put("kind", "jsonpath").put("path", path).put("replacement", replacement)
                .put("reference", false);
    }
}
