package io.github.camelasl.test;

import static io.github.camelasl.test.AslAssertions.assertThat;
import static io.github.camelasl.test.AslAssertions.assertThatThrownBy;

import io.github.camelasl.engine.ExecutionStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each assertion passes on what happened and fails, saying what happened, on what did not. */
class ExecutionRunAssertTest {

    private static AslTestKit kit;
    private static ExecutionRun shipped;
    private static ExecutionRun declined;

    @BeforeAll
    static void run() {
        kit = AslTestKit.create();
        StateMachineUnderTest orders = kit.deploy("Orders", "classpath:orders.asl.json");
        orders.mock("Charge").thenThrow("Payment.Busy", "later").thenReturn("{\"Payload\": {\"charged\": true}}");
        orders.mock("Ship").thenReturn("{\"Payload\": {\"trackingId\": \"T-9\"}}");
        shipped = orders.run("{\"amount\": 20, \"items\": [1, 2.0]}");
        orders.resetMocks().mock("Charge").thenThrow("Payment.Declined", "expired");
        declined = orders.run("{\"amount\": 20}");
    }

    @AfterAll
    static void close() {
        kit.close();
    }

    @Test
    void status() {
        assertThat(shipped).succeeded().hasStatus(ExecutionStatus.SUCCEEDED);
        assertThat(declined).failed();
        assertThatThrownBy(() -> assertThat(declined).succeeded()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected status SUCCEEDED, but execution")
                .hasMessageContaining("is FAILED with error OrderDeclined (cause: the card was declined)")
                .hasMessageContaining("path taken: Validate -> Charge -> Declined");
    }

    @Test
    void outputIsComparedAsJson() {
        // members in another order, 2 for 2.0: the same JSON
        assertThat(shipped).hasOutput("{\"shipment\": {\"trackingId\": \"T-9\"}, \"payment\": {\"charged\": true}, "
                + "\"items\": [1, 2], \"amount\": 20}");
        assertThatThrownBy(() -> assertThat(shipped).hasOutput("{\"amount\": 20}")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected output {\"amount\":20}")
                .hasMessageContaining("output: {\"amount\":20,\"items\":[1,2.0]");
    }

    @Test
    void outputAtAJsonPathOrAJsonPointer() {
        assertThat(shipped).hasOutputAt("$.shipment.trackingId", "\"T-9\"").hasOutputAt("/items/1", 2)
                .hasOutputAt("$.payment", "{\"charged\": true}");
        assertThatThrownBy(() -> assertThat(shipped).hasOutputAt("$.shipment.carrier", "\"UPS\""))
                .isInstanceOf(AssertionError.class).hasMessageContaining("nothing is there");
        assertThatThrownBy(() -> assertThat(shipped).hasOutputAt("/amount", 21))
                .isInstanceOf(AssertionError.class).hasMessageContaining("but found 20");
        assertThatThrownBy(() -> assertThat(declined).hasOutputAt("$.amount", 20))
                .isInstanceOf(AssertionError.class).hasMessageContaining("there is no output");
    }

    @Test
    void errorAndCause() {
        assertThat(declined).hasError("OrderDeclined").hasCause("the card was declined").hasCauseContaining("card");
        assertThatThrownBy(() -> assertThat(declined).hasError("Payment.Declined")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected error Payment.Declined, but execution");
        assertThatThrownBy(() -> assertThat(declined).hasCause("expired")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the cause is the card was declined");
    }

    @Test
    void statesPassedThroughInOrder() {
        assertThat(shipped).passedThrough("Validate", "Ship").passedThrough("Charge", "IsBig", "Ship")
                .tookPath("Validate", "Charge", "IsBig", "Ship").didNotPassThrough("Review");
        assertThatThrownBy(() -> assertThat(shipped).passedThrough("Ship", "Charge")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Charge was not entered after Ship")
                .hasMessageContaining("path taken: Validate -> Charge -> IsBig -> Ship");
        assertThatThrownBy(() -> assertThat(shipped).tookPath("Validate", "Ship")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected the path Validate -> Ship");
        assertThatThrownBy(() -> assertThat(shipped).didNotPassThrough("IsBig")).isInstanceOf(AssertionError.class);
    }

    @Test
    void aStatesInputOutputEntriesAndRetries() {
        assertThat(shipped).state("Charge").wasEntered().wasEntered(1).wasRetried(1)
                .hasInput("{\"amount\": 20, \"items\": [1, 2.0]}")
                .hasOutput("{\"amount\": 20, \"items\": [1, 2.0], \"payment\": {\"charged\": true}}")
                .and().state("Review").wasEntered(0);
        assertThatThrownBy(() -> assertThat(shipped).state("Charge").wasRetried(0)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected state Charge retried 0 time(s), but it was retried 1 time(s) "
                        + "(2 attempt(s))");
        assertThatThrownBy(() -> assertThat(shipped).state("Review").wasEntered()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected state Review entered, but it was not");
        assertThatThrownBy(() -> assertThat(shipped).state("Ship").hasInput("{}")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected state Ship's input {}, but it was {\"amount\":20");
        assertThatThrownBy(() -> assertThat(declined).state("Ship").hasOutput("{}")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("it never exited");
    }

    @Test
    void historyEvents() {
        assertThat(declined).hasEvent("TaskFailed").hasEventTypes("ExecutionStarted", "PassStateEntered",
                "PassStateExited", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed",
                "TaskStateExited", "FailStateEntered", "ExecutionFailed");
        assertThatThrownBy(() -> assertThat(declined).hasEvent("ExecutionSucceeded")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected a ExecutionSucceeded event, but the events are [ExecutionStarted");
    }
}
