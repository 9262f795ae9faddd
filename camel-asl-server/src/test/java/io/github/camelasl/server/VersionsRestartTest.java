package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.camelasl.store.SqliteExecutionStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;

/** Versions and aliases survive a restart of the server on SQLite, and run the definitions they were published with. */
class VersionsRestartTest {

    @TempDir
    Path folder;

    private ServerFixture server() throws Exception {
        return new ServerFixture(SqliteExecutionStore.open(folder), StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES,
                null);
    }

    private static void stop(ServerFixture fixture) throws Exception {
        fixture.close();
        fixture.store.close();
    }

    private static String pass(int v) {
        return "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Result\": {\"v\": " + v
                + "}, \"End\": true}}}";
    }

    private static String output(SfnClient sfn, String arn) {
        return sfn.startSyncExecution(r -> r.stateMachineArn(arn)).output();
    }

    @Test
    void versionsAndAliasesAreKeptAcrossARestart() throws Exception {
        String arn;
        ServerFixture first = server();
        try {
            SfnClient sfn = first.sfn;
            arn = sfn.createStateMachine(r -> r.name("kept").definition(pass(1))
                    .roleArn(StateMachineActionsTest.ROLE).type(StateMachineType.EXPRESS).publish(true)
                    .versionDescription("one")).stateMachineArn();
            sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(pass(2)).publish(true));
            sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(pass(3)).publish(true));
            sfn.deleteStateMachineVersion(r -> r.stateMachineVersionArn(arn + ":3"));
            sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(pass(4)));
            sfn.createStateMachineAlias(r -> r.name("prod").description("live").routingConfiguration(
                    RoutingConfigurationListItem.builder().stateMachineVersionArn(arn + ":1").weight(100).build()));
        } finally {
            stop(first);
        }
        ServerFixture second = server();
        try {
            SfnClient sfn = second.sfn;
            assertEquals(List.of(arn + ":2", arn + ":1"), sfn.listStateMachineVersions(r -> r.stateMachineArn(arn))
                    .stateMachineVersions().stream().map(StateMachineVersionListItem::stateMachineVersionArn)
                    .toList());
            assertEquals("one", sfn.describeStateMachine(r -> r.stateMachineArn(arn + ":1")).description());
            assertEquals("{\"v\":1}", output(sfn, arn + ":1"));
            assertEquals("{\"v\":2}", output(sfn, arn + ":2"));
            assertEquals("{\"v\":4}", output(sfn, arn));
            assertEquals("{\"v\":1}", output(sfn, arn + ":prod"));
            assertEquals("live", sfn.describeStateMachineAlias(r -> r.stateMachineAliasArn(arn + ":prod"))
                    .description());
            assertThrows(ResourceNotFoundException.class, () -> output(sfn, arn + ":3"));
            // the deleted version's number is not given again
            assertEquals(arn + ":4", sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn))
                    .stateMachineVersionArn());
            sfn.deleteStateMachine(r -> r.stateMachineArn(arn));
        } finally {
            stop(second);
        }
        ServerFixture third = server();
        try {
            third.sfn.createStateMachine(r -> r.name("kept").definition(pass(9))
                    .roleArn(StateMachineActionsTest.ROLE).type(StateMachineType.EXPRESS));
            assertThrows(ResourceNotFoundException.class, () -> third.sfn.describeStateMachine(r -> r
                    .stateMachineArn(arn + ":1")), "a deleted state machine's versions are gone with it");
            assertEquals(arn + ":1", third.sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn))
                    .stateMachineVersionArn());
        } finally {
            stop(third);
        }
    }
}
