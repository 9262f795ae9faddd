package io.github.camelasl.test;

import static io.github.camelasl.test.AslAssertions.assertThat;
import static io.github.camelasl.test.AslAssertions.assertThatThrownBy;

import io.github.camelasl.engine.AslError;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TaskMockTest {

    private static AslTestKit kit;

    @BeforeAll
    static void kit() {
        kit = AslTestKit.create();
    }

    @AfterAll
    static void close() {
        kit.close();
    }

    private static StateMachineUnderTest orders(String name) {
        return kit.deploy(name, "classpath:orders.asl.json");
    }

    @Test
    void aMockedResponseGoesThroughResultSelectorAndResultPath() {
        StateMachineUnderTest orders = orders("ReturnedJson");
        orders.mock("Charge").thenReturn("{\"Payload\": {\"charged\": true, \"fee\": 1}}");
        orders.mock("Ship").thenReturn(Map.of("Payload", Map.of("trackingId", "T-1")));

        ExecutionRun run = orders.run("{\"amount\": 20}");

        assertThat(run).succeeded()
                .hasOutput("{\"amount\": 20, \"payment\": {\"charged\": true}, \"shipment\": {\"trackingId\": \"T-1\"}}")
                .tookPath("Validate", "Charge", "IsBig", "Ship");
    }

    @Test
    void aThrownErrorIsCaughtByTheStatesCatch() {
        StateMachineUnderTest orders = orders("Thrown");
        orders.mock("Charge").thenThrow("Payment.Declined", "expired card");

        ExecutionRun run = orders.run("{\"amount\": 20}");

        assertThat(run).failed().hasError("OrderDeclined").hasCause("the card was declined")
                .passedThrough("Charge", "Declined").didNotPassThrough("Ship");
        assertThat(run).state("Declined").hasInput("{\"amount\": 20, \"error\": {\"Error\": \"Payment.Declined\", "
                + "\"Cause\": \"expired card\"}}");
    }

    @Test
    void aSequenceAnswersEachAttemptInTurnTheLastOneRepeating() {
        StateMachineUnderTest orders = orders("Sequence");
        TaskMock charge = orders.mock("Charge").thenThrow("Payment.Busy", "try later")
                .thenReturn("{\"Payload\": {\"charged\": true}}");
        orders.mock("Ship").thenReturn("{\"Payload\": {\"trackingId\": \"T-2\"}}");

        ExecutionRun run = orders.run("{\"amount\": 20}");

        assertThat(run).succeeded().hasOutputAt("$.payment.charged", true);
        assertThat(run).state("Charge").wasEntered(1).wasRetried(1);
        assertThat(charge.invocations()).hasSize(2)
                .allSatisfy(input -> assertThat(input.toString())
                        .isEqualTo("{\"FunctionName\":\"charge\",\"Payload\":{\"amount\":20}}"));
    }

    @Test
    void anAnswerIsAFunctionOfTheTasksEffectiveInput() {
        StateMachineUnderTest orders = orders("Answer");
        orders.mock("Charge").thenReturn("{\"Payload\": {\"charged\": true}}");
        orders.mock("Ship").thenAnswer(input -> Map.of("Payload",
                Map.of("trackingId", "T-" + input.path("Payload").path("amount").asInt())));

        assertThat(orders.run("{\"amount\": 42}")).succeeded().hasOutputAt("/shipment/trackingId", "\"T-42\"");
    }

    @Test
    void anAslErrorThrownByAnAnswerIsTheTasksError() {
        StateMachineUnderTest orders = orders("AnswerThrows");
        orders.mock("Charge").thenAnswer(input -> {
            throw new AslError("Payment.Declined", "over the limit: " + input.path("Payload").path("amount"));
        });

        assertThat(orders.run("{\"amount\": 5000}")).failed().hasError("OrderDeclined")
                .state("Declined").hasInput("{\"amount\": 5000, \"error\": {\"Error\": \"Payment.Declined\", "
                        + "\"Cause\": \"over the limit: 5000\"}}");
    }

    @Test
    void anyOtherExceptionOfAnAnswerFailsTheExecutionNamingTheMock() {
        StateMachineUnderTest orders = orders("AnswerBreaks");
        orders.mock("Charge").thenAnswer(input -> {
            throw new IllegalStateException("a bug in the test");
        });

        assertThat(orders.run("{\"amount\": 5}")).failed().hasError("States.Runtime")
                .hasCauseContaining("mock(\"Charge\")'s answer threw java.lang.IllegalStateException: a bug in the test");
    }

    @Test
    void aResourceMockAnswersEveryTaskCallingItUnlessTheStateHasItsOwn() {
        StateMachineUnderTest orders = orders("ByResource");
        orders.mockResource("arn:aws:states:::lambda:invoke")
                .thenReturn("{\"Payload\": {\"charged\": true, \"trackingId\": \"from-resource\"}}");
        orders.mock("Review").thenReturn("{}");

        ExecutionRun run = orders.run("{\"amount\": 500}");

        assertThat(run).succeeded().tookPath("Validate", "Charge", "IsBig", "Review", "Ship")
                .hasOutputAt("$.shipment.trackingId", "\"from-resource\"")
                .hasOutputAt("$.payment", "{\"charged\": true}");
    }

    @Test
    void aMapIterationsTasksAreMockedByStateName() {
        StateMachineUnderTest batch = kit.deploy("Batch", "classpath:batch.asl.json");
        batch.mock("Price").thenAnswer(input -> Map.of("Payload", Map.of("sku", input.path("Payload").path("sku"),
                "price", 3)));

        ExecutionRun run = batch.run("{\"items\": [{\"sku\": \"a\"}, {\"sku\": \"b\"}]}");

        assertThat(run).succeeded().hasOutput("[{\"sku\": \"a\", \"price\": 3}, {\"sku\": \"b\", \"price\": 3}]");
        assertThat(run).state("Price").wasEntered(2);
    }

    @Test
    void aMockOfAStateThatDoesNotExistOrIsNoTaskIsRefusedNamingIt() {
        StateMachineUnderTest orders = orders("BadMocks");
        assertThatThrownBy(() -> orders.mock("Charg")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no state 'Charg'").hasMessageContaining("Charge, Review, Ship");
        assertThatThrownBy(() -> orders.mock("IsBig")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a state 'IsBig', but it is no Task");
        assertThatThrownBy(() -> orders.mockResource("arn:aws:states:::sns:publish"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Task state of 'BadMocks'");
        assertThatThrownBy(() -> orders.mock("Charge").thenReturn("{not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mock(\"Charge\"): thenReturn");
    }

    @Test
    void anUnmockedTaskWhoseResourceNothingRunsFailsTheExecutionNamingIt() {
        StateMachineUnderTest orders = orders("Unmocked");

        assertThat(orders.run("{\"amount\": 5}")).failed().hasError("States.Runtime")
                .hasCauseContaining("Task state 'Charge' ran without a mock");
    }

    @Test
    void mocksApplyPerExecutionEachCountingItsOwnInvocations() {
        StateMachineUnderTest orders = orders("PerExecution");
        orders.mock("Charge").thenThrow("Payment.Declined").thenReturn("{\"Payload\": {\"charged\": true}}");

        assertThat(orders.run("{\"amount\": 1}")).failed().hasError("OrderDeclined");
        assertThat(orders.run("{\"amount\": 1}")).failed().hasError("OrderDeclined");
    }
}
