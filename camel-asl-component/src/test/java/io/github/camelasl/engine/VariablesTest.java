package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Workflow variables in the JSONPath dialect: Assign, $name references, evaluation order and scopes. */
class VariablesTest extends EngineTestSupport {

    @Test
    void assignReadsTheValuesFromBeforeTheStateAndPathsReadVariables() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "Set", "States": {
                  "Set": {"Type": "Pass", "Result": {"n": 1}, "Assign": {"n.$": "$.n", "label": "first"}, "Next": "Swap"},
                  "Swap": {"Type": "Pass", "Assign": {"n.$": "States.MathAdd($n, 10)", "previous.$": "$n"},
                           "Parameters": {"seen.$": "$n", "label.$": "$label"}, "Next": "Show"},
                  "Show": {"Type": "Pass", "Parameters": {"n.$": "$n", "previous.$": "$previous", "seen.$": "$.seen"},
                           "End": true}}}""", "{}");
        assertEquals(json("{\"n\": 11, \"previous\": 1, \"seen\": 1}"), result.output());
    }

    /** In a Pass state Assign's $ is the state's result (here the Parameters output), not its input. */
    @Test
    void iterationsReadOuterVariablesAndTheirOwnAssignmentsDoNotLeakOut() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "Set", "States": {
                  "Set": {"Type": "Pass", "Assign": {"factor": 3, "inner": "outer value"}, "Next": "Each"},
                  "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
                    "ItemProcessor": {"StartAt": "Scale", "States": {
                      "Scale": {"Type": "Pass", "Assign": {"mine.$": "$.v"},
                                "Parameters": {"v.$": "States.MathAdd($, $factor)"}, "Next": "Read"},
                      "Read": {"Type": "Pass", "Parameters": {"v.$": "$.v", "mine.$": "$mine"}, "End": true}}},
                    "ResultPath": "$.scaled", "Next": "After"},
                  "After": {"Type": "Pass", "Parameters": {"scaled.$": "$.scaled", "inner.$": "$inner"}, "End": true}}}""",
                "{\"items\": [1, 2]}");
        assertEquals(json("""
                {"scaled": [{"v": 4, "mine": 4}, {"v": 5, "mine": 5}], "inner": "outer value"}"""), result.output());
    }

    @Test
    void choiceAssignsTheMatchedRulesValuesOrTheStatesOnDefault() throws Exception {
        String definition = """
                {"StartAt": "Pick", "States": {
                  "Pick": {"Type": "Choice", "Assign": {"picked": "default"},
                    "Choices": [{"Variable": "$.n", "NumericGreaterThan": 5, "Assign": {"picked": "big"}, "Next": "Out"}],
                    "Default": "Out"},
                  "Out": {"Type": "Pass", "Parameters": {"picked.$": "$picked"}, "End": true}}}""";
        assertEquals(json("{\"picked\": \"big\"}"), run(definition, "{\"n\": 9}").output());
        assertEquals(json("{\"picked\": \"default\"}"), run(definition, "{\"n\": 1}").output());
    }

    @Test
    void catchAssignReadsTheErrorOutput() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "Try", "States": {
                  "Try": {"Type": "Parallel", "Branches": [{"StartAt": "Boom", "States": {
                            "Boom": {"Type": "Fail", "Error": "Oops", "Cause": "because"}}}],
                          "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"why.$": "$.Cause"}, "Next": "Report"}],
                          "End": true},
                  "Report": {"Type": "Pass", "Parameters": {"why.$": "$why"}, "End": true}}}""", "{}");
        assertEquals(json("{\"why\": \"because\"}"), result.output());
    }

    private static final String ASSIGN_BLOB = """
            {"StartAt": "Big", "States": {"Big": {"Type": "Pass", "Assign": {"blob.$": "$.blob"}, "End": true}}}""";

    /**
     * AWS's quota (developer guide, "Quotas related to variables": 256 KiB a variable), under limits=aws; the input
     * (100 KiB) is within AWS's payload quota, the variable built from it three times is not.
     */
    @Test
    void aVariableOverAwsLimitFailsTheStateWithDataLimitExceeded() throws Exception {
        ExecutionResult result = deploy("""
                {"StartAt": "Big", "States": {"Big": {"Type": "Pass",
                  "Assign": {"blob.$": "States.Format('{}{}{}', $.blob, $.blob, $.blob)"}, "End": true}}}""",
                ExecutionLimits.AWS)
                .start(json("{\"blob\": \"" + "x".repeat(100 * 1024) + "\"}"), null, java.util.Map.of(),
                        java.util.List.of()).get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("States.DataLimitExceeded", result.error());
        assertEquals("The variable 'blob' holds 307202 bytes, more than the 262144 bytes a variable may hold",
                result.cause());
    }

    /** The default limits do not reimpose AWS's variable quotas: a variable may hold a payload's worth. */
    @Test
    void theDefaultLimitsLetAVariableHoldMoreThanAwsAllowsUpToThePayloadCap() throws Exception {
        ExecutionResult result = run(ASSIGN_BLOB, "{\"blob\": \"" + "x".repeat(300 * 1024) + "\"}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status());

        // under a default-mode payload cap of 4,096 bytes, one Assign of three 1,502-byte copies is over it
        ExecutionResult over = deploy("""
                {"StartAt": "Big", "States": {"Big": {"Type": "Pass",
                  "Assign": {"a.$": "$.blob", "b.$": "$.blob", "c.$": "$.blob"}, "End": true}}}""",
                new ExecutionLimits(ExecutionLimits.Mode.DEFAULT, 4096, null, null))
                .start(json("{\"blob\": \"" + "x".repeat(1500) + "\"}"), null, java.util.Map.of(), java.util.List.of())
                .get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("States.DataLimitExceeded", over.error());
    }

    /** A scope's variables are stored as one text: at the largest payload cap, four payloads would not fit SQLite. */
    @Test
    void theVariablesOfAScopeNeverExceedWhatTheStoreCanWrite() {
        ExecutionLimits largest = new ExecutionLimits(ExecutionLimits.Mode.DEFAULT,
                ExecutionLimits.MAX_PAYLOAD_SIZE_CEILING, null, null);
        assertEquals(ExecutionLimits.MAX_PAYLOAD_SIZE_CEILING, largest.maxVariablesBytes());
        assertEquals(4L * 4096, new ExecutionLimits(ExecutionLimits.Mode.DEFAULT, 4096, null, null)
                .maxVariablesBytes());
    }
}
