package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineForExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;

/** DescribeStateMachineForExecution, through SfnClient: the definition and role an execution runs on. */
class StateMachineForExecutionTest {

    private static final String ROLE = StateMachineActionsTest.ROLE;
    private static final String WAIT = """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 600, "End": true}}}""";
    private static final String WAIT_LONGER = """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 900, "End": true}}}""";

    private static ServerFixture fixture;
    private static SfnClient sfn;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, null);
        sfn = fixture.sfn;
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void anExecutionKeepsTheDefinitionAndRoleItStartedWithAcrossAnUpdate() {
        String machine = sfn.createStateMachine(r -> r.name("waiting").definition(WAIT).roleArn(ROLE))
                .stateMachineArn();
        String before = sfn.startExecution(r -> r.stateMachineArn(machine)).executionArn();
        String newRole = "arn:aws:iam::123456789012:role/other";
        sfn.updateStateMachine(r -> r.stateMachineArn(machine).definition(WAIT_LONGER).roleArn(newRole));
        String after = sfn.startExecution(r -> r.stateMachineArn(machine)).executionArn();

        DescribeStateMachineForExecutionResponse first = sfn.describeStateMachineForExecution(
                r -> r.executionArn(before));
        assertEquals(machine, first.stateMachineArn());
        assertEquals("waiting", first.name());
        assertEquals(WAIT, first.definition());
        assertEquals(ROLE, first.roleArn());
        assertEquals(sfn.describeStateMachine(r -> r.stateMachineArn(machine)).creationDate(), first.updateDate());

        DescribeStateMachineForExecutionResponse second = sfn.describeStateMachineForExecution(
                r -> r.executionArn(after));
        assertEquals(WAIT_LONGER, second.definition());
        assertEquals(newRole, second.roleArn());

        sfn.stopExecution(r -> r.executionArn(before));
        sfn.stopExecution(r -> r.executionArn(after));
    }

    @Test
    void anExecutionThatDoesNotExistIsRefused() {
        assertThrows(ExecutionDoesNotExistException.class, () -> sfn.describeStateMachineForExecution(
                r -> r.executionArn("arn:aws:states:us-east-1:123456789012:execution:nothing:none")));
        String machine = sfn.createStateMachine(r -> r.name("present").definition(WAIT).roleArn(ROLE))
                .stateMachineArn();
        assertThrows(ExecutionDoesNotExistException.class, () -> sfn.describeStateMachineForExecution(
                r -> r.executionArn(machine.replace(":stateMachine:", ":execution:") + ":never-started")));
        assertThrows(InvalidArnException.class, () -> sfn.describeStateMachineForExecution(
                r -> r.executionArn("not-an-arn")));
        assertThrows(InvalidArnException.class, () -> sfn.describeStateMachineForExecution(r -> r.executionArn(
                machine)));
    }
}
