package io.github.camelasl.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.AslComponent;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.teststate.DeployedTaskCalls;
import io.github.camelasl.teststate.StateTester;
import io.github.camelasl.teststate.TestStateRequest;
import io.github.camelasl.teststate.TestStateRequest.InspectionLevel;

/**
 * AWS's TestState from a test: one state of a definition, run with an input, a mock of its Task's answer,
 * variables, a context object and AWS's stateConfiguration; answers AWS's TestState response (the API server's
 * TestState action answers the same, from the same {@link StateTester}). Without a mock a Task calls its Resource
 * as the kit's deployments would.
 *
 * <pre>
 * TestStateResult result = kit.testState(definition, "Charge").input("{\"amount\": 5}")
 *         .mockError("Payment.Declined", "expired").stateConfiguration(1, null, null, null)
 *         .inspectionLevel(InspectionLevel.DEBUG).run();
 * </pre>
 */
public final class TestState {

    private final AslComponent component;
    private final String definition;
    private final String stateName;
    private JsonNode input;
    private TestStateRequest.Mock mock;
    private ObjectNode variables;
    private ObjectNode context;
    private TestStateRequest.Configuration configuration = new TestStateRequest.Configuration(null, null, null, null);
    private InspectionLevel inspectionLevel = InspectionLevel.INFO;
    private String roleArn;
    private boolean revealSecrets;

    TestState(AslComponent component, String definition, String stateName) {
        this.component = component;
        this.definition = definition;
        this.stateName = stateName;
    }

    /** The state's input: JSON text, a JsonNode or an object Jackson converts ({} when not given). */
    public TestState input(Object value) {
        this.input = StateMachineUnderTest.toInput(value);
        return this;
    }

    /** The Task's (or Map's, Parallel's) answer instead of calling it: AWS's {@code mock.result}. */
    public TestState mock(Object result) {
        this.mock = new TestStateRequest.Mock(StateMachineUnderTest.toInput(result), null, null, "STRICT");
        return this;
    }

    /** The Task fails with {@code error} and {@code cause}: AWS's {@code mock.errorOutput}. */
    public TestState mockError(String error, String cause) {
        this.mock = new TestStateRequest.Mock(null, error, cause, "STRICT");
        return this;
    }

    /** The workflow variables the state sees: a JSON object (text, JsonNode, Map). */
    public TestState variables(Object value) {
        this.variables = object(value, "variables");
        return this;
    }

    /** The context object {@code $$}: a JSON object (text, JsonNode, Map); by default one made up for the test. */
    public TestState context(Object value) {
        this.context = object(value, "context");
        return this;
    }

    /**
     * AWS's stateConfiguration; each member may be null.
     *
     * @param retrierRetryCount        the retries already made (the state runs as that attempt)
     * @param errorCausedByState       in a Map or Parallel, the inner state the mocked error came from
     * @param mapIterationFailureCount how many of a Map's iterations fail
     * @param mapItemReaderData        a Map's ItemReader's data, JSON text
     */
    public TestState stateConfiguration(Integer retrierRetryCount, String errorCausedByState,
            Integer mapIterationFailureCount, String mapItemReaderData) {
        this.configuration = new TestStateRequest.Configuration(retrierRetryCount, errorCausedByState,
                mapIterationFailureCount, mapItemReaderData);
        return this;
    }

    /** INFO (default), DEBUG (the dataflow step by step) or TRACE (and the HTTP request and response). */
    public TestState inspectionLevel(InspectionLevel level) {
        this.inspectionLevel = level;
        return this;
    }

    public TestState roleArn(String arn) {
        this.roleArn = arn;
        return this;
    }

    public TestState revealSecrets(boolean reveal) {
        this.revealSecrets = reveal;
        return this;
    }

    /**
     * Runs the state.
     *
     * @throws io.github.camelasl.engine.AslError as AWS's TestState answers a bad request: ValidationException
     *                                            naming the member, InvalidDefinition with every problem
     */
    public TestStateResult run() {
        TestStateRequest request = new TestStateRequest(definition, roleArn,
                input != null ? input : io.github.camelasl.dataflow.Json.NODES.objectNode(), inspectionLevel,
                revealSecrets, variables != null ? variables : io.github.camelasl.dataflow.Json.NODES.objectNode(),
                stateName, mock, context, configuration);
        StateTester tester = new StateTester(new DeployedTaskCalls(component.deployer("EXPRESS"),
                StateMachineConfig.of("TestState").withRegion(component.getRegion())
                        .withAccountId(component.getAccountId())),
                // the kit's clock: the state's $$.State.EnteredTime, $now() and a Wait's Timestamp read it
                component.getClock() != null ? component.getClock() : io.github.camelasl.engine.EngineClock.system());
        return new TestStateResult(tester.test(request));
    }

    private static ObjectNode object(Object value, String member) {
        JsonNode json = StateMachineUnderTest.toInput(value);
        if (!json.isObject()) {
            throw new IllegalArgumentException("TestState's " + member + " must be a JSON object, but is "
                    + json.getNodeType());
        }
        return (ObjectNode) json;
    }
}
