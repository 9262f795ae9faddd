package io.github.camelasl.test.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.mock.MockConfig;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.store.InMemoryExecutionStore;
import io.github.camelasl.test.AslTestKit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The suite runner: cases on the virtual clock, expectations, a case left waiting, JUnit XML. */
@Timeout(60)
class MockSuiteRunnerTest {

    private static final String DEFINITION = """
            {"StartAt": "Charge", "States": {
              "Charge": {"Type": "Task", "Resource": "direct:charge", "ResultPath": "$.charge",
                "Retry": [{"ErrorEquals": ["Card.Declined"], "IntervalSeconds": 60, "MaxAttempts": 2}],
                "Next": "WaitADay"},
              "WaitADay": {"Type": "Wait", "Seconds": 86400, "Next": "Approve"},
              "Approve": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:approve",
                "End": true}}}""";

    private static final String CONFIG = """
            {"StateMachines": {"Pay": {"TestCases": {
                "Approved": {"Charge": "Charged", "Approve": "Yes"},
                "DeclinedOnce": {"Charge": "DeclinedThenCharged", "Approve": "Yes"},
                "NeverApproved": {"Charge": "Charged"},
                "Misspelt": {"Charge": "Charged", "WaitADay": "Yes", "Aprove": "Yes"}}}},
             "MockedResponses": {
                "Charged": {"0": {"Return": {"id": "c-1"}}},
                "DeclinedThenCharged": {"0": {"Throw": {"Error": "Card.Declined", "Cause": "try again"}},
                                        "1": {"Return": {"id": "c-2"}}},
                "Yes": {"0": {"Return": {"approved": true}}}}}""";

    private DefaultCamelContext camel;
    private ScheduledExecutorService timers;
    private AslDeployer deployer;
    private MockSuiteRunner runner;

    @BeforeEach
    void deploy() throws Exception {
        camel = new DefaultCamelContext();
        camel.start();
        timers = Executors.newSingleThreadScheduledExecutor();
        deployer = new AslDeployer(camel, new InMemoryExecutionStore(), new ResourceResolvers(camel, List.of()),
                timers);
        runner = new MockSuiteRunner(clock -> deployer.withClock(clock).deploy("test", DEFINITION,
                StateMachineConfig.of("Pay")), AslTestKit.DEFAULT_START, MockConfig.parse("test", CONFIG), "Pay");
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
        camel.stop();
    }

    @Test
    void aCaseRunsToItsEndOnTheVirtualClock() {
        CaseResult result = runner.run("DeclinedOnce", Json.NODES.objectNode(), Expectation.DEFAULT);
        assertThat(result.failures()).isEmpty();
        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.states()).containsExactly("Charge", "WaitADay", "Approve");
        assertThat(result.virtualTime()).isEqualTo(Duration.ofSeconds(86_400 + 60));
        assertThat(result.output().toString()).isEqualTo("{\"approved\":true}");
    }

    @Test
    void expectationsNameTheFieldThatDiffers() {
        Expectations expectations = Expectations.parse("inline", """
                {"TestCases": {"Approved": {"Input": {"amount": 5}, "Output": {"approved": false},
                                            "States": ["Charge", "Approve"]}}}""");
        List<CaseResult> results = runner.run(List.of("Approved", "DeclinedOnce"), Json.NODES.objectNode(),
                expectations);
        assertThat(results.get(0).failures()).containsExactly(
                "Output: expected {\"approved\":false}, was {\"approved\":true}",
                "States: expected [Charge, Approve], was [Charge, WaitADay, Approve]");
        assertThat(results.get(1).passed()).isTrue();
    }

    @Test
    void aCaseLeftWaitingForAWorkerIsStoppedAndFails() {
        CaseResult result = runner.run("NeverApproved", Json.NODES.objectNode(), Expectation.DEFAULT);
        assertThat(result.passed()).isFalse();
        assertThat(result.failures().get(0)).startsWith("Status: the execution waits for something no timer brings");
        assertThat(result.states()).containsExactly("Charge", "WaitADay", "Approve");
    }

    @Test
    void unknownCasesAndExpectationsOfUnknownCasesAreRefusedBeforeAnyRuns() {
        Expectations expectations = Expectations.parse("inline", "{\"TestCases\": {\"Ghost\": {}}}");
        assertThatThrownBy(() -> runner.run(List.of("Approved", "Missing", "Misspelt"), Json.NODES.objectNode(),
                expectations))
                .isInstanceOf(SuiteException.class)
                .satisfies(e -> assertThat(((SuiteException) e).problems()).containsExactly(
                        "/StateMachines/Pay/TestCases/Missing: no such test case (it has: Approved, DeclinedOnce, "
                                + "NeverApproved, Misspelt)",
                        "/StateMachines/Pay/TestCases/Misspelt/Aprove: the definition has no Task state named 'Aprove'",
                        "/StateMachines/Pay/TestCases/Misspelt/WaitADay: the definition has no Task state named "
                                + "'WaitADay'",
                        "expectations /TestCases/Ghost: the mock configuration has no such test case for Pay"));
    }

    @Test
    void anExpectationsFileWithProblemsListsThemAll() {
        assertThatThrownBy(() -> Expectations.parse("e.json", """
                {"TestCases": {"A": {"Status": "DONE", "States": ["x", 1], "Eror": "x"}}, "Extra": 1}"""))
                .isInstanceOf(SuiteException.class)
                .satisfies(e -> assertThat(((SuiteException) e).problems()).containsExactlyInAnyOrder(
                        "/Extra: unknown member; expected TestCases",
                        "/TestCases/A/Eror: unknown member; expected Input, Status, Output, Error, Cause, States",
                        "/TestCases/A/Status: must be one of ABORTED, FAILED, SUCCEEDED, TIMED_OUT, but is 'DONE'",
                        "/TestCases/A/States/1: must be a state name, but is number"));
        assertThatThrownBy(() -> Expectations.parse("e.json", "{\"TestCases\": {\"A\": {}, \"A\": {}}}"))
                .hasMessageContaining("/: not valid JSON: Duplicate field 'A'");
    }

    @Test
    void junitXmlCarriesNoCharacterXmlCannot() {
        CaseResult failed = new CaseResult("A<&>", ExecutionStatus.FAILED, null, "E", "bell\u0007", List.of(),
                Duration.ofMillis(1500), Duration.ZERO, List.of("Cause: expected 'x', was 'bell\u0007'"));
        String xml = JUnitXml.write("s", "Pay", List.of(failed), Duration.ofSeconds(2), Instant.EPOCH);
        assertThat(xml).contains("<testcase name=\"A&lt;&amp;&gt;\" classname=\"Pay\" time=\"1.500\">")
                .contains("was 'bell\uFFFD'").doesNotContain("\u0007")
                .contains("tests=\"1\"").contains("failures=\"1\"");
    }

    @Test
    void eachCaseRunsOnAFreshClockFromTheSameStart() {
        Instant start = Instant.parse("2030-06-01T00:00:00Z");
        MockSuiteRunner stamped = new MockSuiteRunner(clock -> deployer.withClock(clock).deploy("stamp", """
                {"StartAt": "Stamp", "States": {
                  "Stamp": {"Type": "Pass", "Parameters": {"at.$": "$$.Execution.StartTime"}, "Next": "WaitAnHour"},
                  "WaitAnHour": {"Type": "Wait", "Seconds": 3600, "End": true}}}""", StateMachineConfig.of("Stamp")),
                start, MockConfig.parse("test", """
                {"StateMachines": {"Stamp": {"TestCases": {"First": {}, "Second": {}}}}, "MockedResponses": {}}"""),
                "Stamp");

        List<CaseResult> results = stamped.run(List.of("First", "Second"), Json.NODES.objectNode(),
                Expectations.none());

        assertThat(results).extracting(r -> Instant.parse(r.output().path("at").asText()))
                .containsExactly(start, start);
        assertThat(results).allMatch(CaseResult::passed);
    }
}
