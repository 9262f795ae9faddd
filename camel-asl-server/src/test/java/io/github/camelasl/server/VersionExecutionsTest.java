package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.camelasl.store.SqliteExecutionStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;

/**
 * Executions of versions and aliases, as AWS shows them: DescribeExecution's stateMachineVersionArn and
 * stateMachineAliasArn, and ListExecutions of a version or alias ARN; kept across a restart of the server on SQLite.
 */
class VersionExecutionsTest {

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

    private static String start(SfnClient sfn, String arn, String name) throws Exception {
        String execution = sfn.startExecution(r -> r.stateMachineArn(arn).name(name)).executionArn();
        RestartTest.awaitEnd(sfn, execution);
        return execution;
    }

    private static Set<String> listed(SfnClient sfn, String arn) {
        return sfn.listExecutions(r -> r.stateMachineArn(arn)).executions().stream()
                .map(ExecutionListItem::name).collect(Collectors.toSet());
    }

    @Test
    void executionsShowTheVersionAndAliasTheyRanAndAreListedByThemAcrossARestart() throws Exception {
        String arn;
        ServerFixture first = server();
        try {
            SfnClient sfn = first.sfn;
            arn = sfn.createStateMachine(r -> r.name("versioned").definition(pass(1))
                    .roleArn(StateMachineActionsTest.ROLE).publish(true)).stateMachineArn();
            sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(pass(2)).publish(true));
            sfn.createStateMachineAlias(r -> r.name("prod").routingConfiguration(
                    RoutingConfigurationListItem.builder().stateMachineVersionArn(arn + ":1").weight(100).build()));

            start(sfn, arn, "plain");
            start(sfn, arn + ":1", "onVersion1");
            start(sfn, arn + ":2", "onVersion2");
            String throughAlias = start(sfn, arn + ":prod", "throughAlias");

            DescribeExecutionResponse aliased = sfn.describeExecution(r -> r.executionArn(throughAlias));
            assertEquals(arn + ":1", aliased.stateMachineVersionArn());
            assertEquals(arn + ":prod", aliased.stateMachineAliasArn());
            assertEquals(arn, aliased.stateMachineArn());
            assertEquals("{\"v\":1}", aliased.output());
        } finally {
            stop(first);
        }
        ServerFixture second = server();
        try {
            SfnClient sfn = second.sfn;
            String execution = arn.replace(":stateMachine:", ":execution:");
            DescribeExecutionResponse plain = sfn.describeExecution(r -> r.executionArn(execution + ":plain"));
            assertNull(plain.stateMachineVersionArn());
            assertNull(plain.stateMachineAliasArn());
            DescribeExecutionResponse onVersion = sfn.describeExecution(r -> r.executionArn(execution + ":onVersion2"));
            assertEquals(arn + ":2", onVersion.stateMachineVersionArn());
            assertNull(onVersion.stateMachineAliasArn(), "started on the version's ARN, not through an alias");
            assertEquals(arn + ":prod", sfn.describeExecution(r -> r.executionArn(execution + ":throughAlias"))
                    .stateMachineAliasArn());

            // the state machine's ARN lists them all; a version's, those that ran it; an alias's, those it started
            assertEquals(Set.of("plain", "onVersion1", "onVersion2", "throughAlias"), listed(sfn, arn));
            assertEquals(Set.of("onVersion1", "throughAlias"), listed(sfn, arn + ":1"));
            assertEquals(Set.of("onVersion2"), listed(sfn, arn + ":2"));
            assertEquals(Set.of("throughAlias"), listed(sfn, arn + ":prod"));
            List<ExecutionListItem> ofAlias = sfn.listExecutions(r -> r.stateMachineArn(arn + ":prod"))
                    .executions();
            assertEquals(arn + ":1", ofAlias.get(0).stateMachineVersionArn());
            assertEquals(arn + ":prod", ofAlias.get(0).stateMachineAliasArn());

            // a version's executions come in pages, newest first, as the state machine's do
            ListExecutionsResponse firstPage = sfn.listExecutions(r -> r.stateMachineArn(arn + ":1").maxResults(1));
            assertEquals(1, firstPage.executions().size());
            ListExecutionsResponse lastPage = sfn.listExecutions(r -> r.stateMachineArn(arn + ":1").maxResults(1)
                    .nextToken(firstPage.nextToken()));
            assertEquals(List.of("throughAlias", "onVersion1"), List.of(firstPage.executions().get(0).name(),
                    lastPage.executions().get(0).name()));
            assertNull(lastPage.nextToken());
            assertEquals(Set.of("onVersion1", "throughAlias"), sfn.listExecutions(r -> r.stateMachineArn(arn + ":1")
                    .statusFilter(ExecutionStatus.SUCCEEDED)).executions().stream().map(ExecutionListItem::name)
                    .collect(Collectors.toSet()));
            assertEquals(List.of(), sfn.listExecutions(r -> r.stateMachineArn(arn + ":1")
                    .statusFilter(ExecutionStatus.FAILED)).executions());

            assertThrows(ResourceNotFoundException.class, () -> listed(sfn, arn + ":7"));
            assertThrows(ResourceNotFoundException.class, () -> listed(sfn, arn + ":staging"));
        } finally {
            stop(second);
        }
    }
}
