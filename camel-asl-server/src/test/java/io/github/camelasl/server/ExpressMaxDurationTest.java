package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/** An EXPRESS execution runs at most AWS's 5 minutes (here a shorter stand-in): StartSyncExecution answers then. */
class ExpressMaxDurationTest {

    @Test
    void startSyncExecutionAnswersTimedOutWhenTheExpressMaximumRunsOut() throws Exception {
        try (ServerFixture fixture = ServerFixture.withExpressMax(Duration.ofMillis(300))) {
            String arn = fixture.sfn.createStateMachine(r -> r.name("forever").type(StateMachineType.EXPRESS)
                    .roleArn(StateMachineActionsTest.ROLE).definition("""
                            {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 99999999,
                              "End": true}}}""")).stateMachineArn();
            StartSyncExecutionResponse timedOut = fixture.sfn.startSyncExecution(r -> r.stateMachineArn(arn)
                    .input("{\"k\": 1}"));
            assertEquals(SyncExecutionStatus.TIMED_OUT, timedOut.status());
            assertEquals("States.Timeout", timedOut.error());
            assertEquals("The execution ran longer than an EXPRESS state machine's maximum of 300 ms.",
                    timedOut.cause());
            assertEquals("{\"k\":1}", timedOut.input());
            assertNull(timedOut.output());
        }
    }
}
