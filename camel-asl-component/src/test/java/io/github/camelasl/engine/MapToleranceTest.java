package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * ToleratedFailureCount and ToleratedFailurePercentage are a Distributed Map's: AWS accepts them on an Inline Map
 * (conformance cases test_base_map[TOLERATED_FAILURE_COUNT] and [TOLERATED_FAILURE_PERCENTAGE] create and run one),
 * but there "if any iteration fails, the Map state fails"
 * (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html), as in LocalStack's provider, which
 * hands the tolerance to distributed iterations only.
 */
class MapToleranceTest extends EngineTestSupport {

    /** A Map over [1, 2, 3] whose iteration for 2 fails with Boom; {@code mode} INLINE or DISTRIBUTED. */
    private ExecutionResult runWithOneFailure(String mode, String tolerance) throws Exception {
        String config = "DISTRIBUTED".equals(mode)
                ? "\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"},"
                : "\"ProcessorConfig\": {\"Mode\": \"INLINE\"},";
        return run("""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", %s,
                  "ItemProcessor": {%s "StartAt": "Which", "States": {
                    "Which": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "Boom"}],
                              "Default": "Fine"},
                    "Boom": {"Type": "Fail", "Error": "Boom", "Cause": "item 2"},
                    "Fine": {"Type": "Pass", "End": true}}}, "End": true}}}""".formatted(tolerance, config),
                "[1, 2, 3]");
    }

    @Test
    void anInlineMapFailsOnAnyIterationsFailureWhateverItTolerates() throws Exception {
        for (String tolerance : new String[] {"\"ToleratedFailureCount\": 1", "\"ToleratedFailurePercentage\": 50"}) {
            ExecutionResult result = runWithOneFailure("INLINE", tolerance);
            assertEquals(ExecutionStatus.FAILED, result.status(), tolerance);
            assertEquals("Boom", result.error(), tolerance);
        }
    }

    @Test
    void aDistributedMapToleratesWhatItSays() throws Exception {
        ExecutionResult tolerated = runWithOneFailure("DISTRIBUTED", "\"ToleratedFailureCount\": 1");
        assertEquals(ExecutionStatus.SUCCEEDED, tolerated.status(), tolerated.cause());
        ExecutionResult exceeded = runWithOneFailure("DISTRIBUTED", "\"ToleratedFailurePercentage\": 10");
        assertEquals("States.ExceedToleratedFailureThreshold", exceeded.error(), exceeded.cause());
    }
}
