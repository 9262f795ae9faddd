package io.github.camelasl.test;

import static org.assertj.core.api.Assertions.assertThat;
import static io.github.camelasl.test.AslAssertions.assertThatThrownBy;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.teststate.TestStateRequest.InspectionLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestStateTest {

    private static AslTestKit kit;

    @BeforeAll
    static void kit() {
        kit = AslTestKit.create();
    }

    @AfterAll
    static void close() {
        kit.close();
    }

    @Test
    void aMockedTaskAnswersAwssResponseWithItsDataflowAtDebug() throws Exception {
        TestStateResult result = kit.testState("classpath:orders.asl.json", "Charge")
                .input("{\"amount\": 7}").mock("{\"Payload\": {\"charged\": true}}")
                .inspectionLevel(InspectionLevel.DEBUG).run();

        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat(result.nextState()).isEqualTo("IsBig");
        assertThat(result.output()).isEqualTo(Json.parse("{\"amount\": 7, \"payment\": {\"charged\": true}}"));
        assertThat(Json.parse(result.inspectionData().path("afterParameters").asText()))
                .isEqualTo(Json.parse("{\"FunctionName\": \"charge\", \"Payload\": {\"amount\": 7}}"));
        assertThat(Json.parse(result.inspectionData().path("afterResultSelector").asText()))
                .isEqualTo(Json.parse("{\"charged\": true}"));
    }

    @Test
    void aMockedErrorTheRetryTakesIsRetriableAndOneTheCatchTakesIsCaught() {
        TestStateResult busy = kit.testState("classpath:orders.asl.json", "Charge").input("{\"amount\": 7}")
                .mockError("Payment.Busy", "later").stateConfiguration(0, null, null, null).run();
        assertThat(busy.status()).isEqualTo("RETRIABLE");
        assertThat(busy.error()).isEqualTo("Payment.Busy");

        TestStateResult exhausted = kit.testState("classpath:orders.asl.json", "Charge").input("{\"amount\": 7}")
                .mockError("Payment.Busy", "later").stateConfiguration(3, null, null, null).run();
        assertThat(exhausted.status()).isEqualTo("FAILED");

        TestStateResult declined = kit.testState("classpath:orders.asl.json", "Charge").input("{\"amount\": 7}")
                .mockError("Payment.Declined", "expired").run();
        assertThat(declined.status()).isEqualTo("CAUGHT_ERROR");
        assertThat(declined.nextState()).isEqualTo("Declined");
    }

    @Test
    void aSingleStateWithVariablesAndAContextObject() throws Exception {
        TestStateResult result = kit.testState("{\"Type\": \"Pass\", \"QueryLanguage\": \"JSONata\", "
                + "\"Output\": \"{% {'total': $price * $states.input.count, 'execution': "
                + "$states.context.Execution.Name} %}\", \"End\": true}")
                .input("{\"count\": 3}").variables("{\"price\": 5}")
                .context("{\"Execution\": {\"Name\": \"nightly\"}}").run();

        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat(result.output()).isEqualTo(Json.parse("{\"total\": 15, \"execution\": \"nightly\"}"));
    }

    @Test
    void anUnmockedTaskCallsItsEndpoint() throws Exception {
        kit.camelContext().addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:double").process(e -> e.getMessage().setBody("{\"doubled\": "
                        + 2 * Json.parse(e.getMessage().getBody(String.class)).path("n").asInt() + "}"));
            }
        });

        TestStateResult result = kit.testState("{\"Type\": \"Task\", \"Resource\": \"direct:double\", "
                + "\"TimeoutSeconds\": 5, \"End\": true}").input("{\"n\": 4}").run();

        assertThat(result.status()).as(result.toString()).isEqualTo("SUCCEEDED");
        assertThat(result.output()).isEqualTo(Json.parse("{\"doubled\": 8}"));
    }

    @Test
    void aStateThatDoesNotExistIsAwssValidationException() {
        assertThatThrownBy(() -> kit.testState("classpath:orders.asl.json", "Charg").run())
                .isInstanceOf(AslError.class).hasMessageContaining("State not found in definition: 'Charg'");
    }

    @Test
    void theStateReadsTheKitsClock() throws Exception {
        try (AslTestKit own = AslTestKit.create()) {
            own.clock().advanceTo(java.time.Instant.parse("2031-05-06T07:08:09Z"));

            TestStateResult result = own.testState("{\"Type\": \"Pass\", \"Parameters\": "
                    + "{\"at.$\": \"$$.State.EnteredTime\"}, \"End\": true}").run();

            assertThat(result.output().path("at").asText()).startsWith("2031-05-06T07:08:09");
        }
    }
}
