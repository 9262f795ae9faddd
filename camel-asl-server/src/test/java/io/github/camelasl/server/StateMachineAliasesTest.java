package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineAliasResponse;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.ListStateMachineAliasesResponse;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.sfn.model.StateMachineAliasListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** Aliases of state machine versions, driven by the AWS SDK for Java's SfnClient. */
class StateMachineAliasesTest {

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

    private static String pass(int v) {
        return "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Result\": {\"v\": " + v
                + "}, \"End\": true}}}";
    }

    /** A state machine with versions 1 and 2 (answering v 1 and v 2); its ARN. */
    private static String machineWithTwoVersions(String name) {
        String arn = sfn.createStateMachine(r -> r.name(name).definition(pass(1)).roleArn(StateMachineActionsTest.ROLE)
                .type(StateMachineType.EXPRESS).publish(true)).stateMachineArn();
        sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(pass(2)).publish(true));
        sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(pass(3)));
        return arn;
    }

    private static RoutingConfigurationListItem route(String versionArn, int weight) {
        return RoutingConfigurationListItem.builder().stateMachineVersionArn(versionArn).weight(weight).build();
    }

    private static String output(String arn) {
        return sfn.startSyncExecution(r -> r.stateMachineArn(arn)).output();
    }

    @Test
    void anAliasRunsTheVersionItRoutesTo() {
        String arn = machineWithTwoVersions("routed");
        String alias = sfn.createStateMachineAlias(r -> r.name("prod").description("live")
                .routingConfiguration(route(arn + ":1", 100))).stateMachineAliasArn();
        assertEquals(arn + ":prod", alias);
        assertEquals("{\"v\":1}", output(alias));

        sfn.updateStateMachineAlias(r -> r.stateMachineAliasArn(alias).routingConfiguration(route(arn + ":1", 0),
                route(arn + ":2", 100)));
        assertEquals("{\"v\":2}", output(alias));
        DescribeStateMachineAliasResponse described = sfn.describeStateMachineAlias(r -> r
                .stateMachineAliasArn(alias));
        assertEquals("prod", described.name());
        assertEquals("live", described.description());
        assertEquals(List.of(route(arn + ":1", 0), route(arn + ":2", 100)), described.routingConfiguration());
        assertTrue(!described.updateDate().isBefore(described.creationDate()));
    }

    @Test
    void twoWeightedVersionsBothRun() {
        String arn = machineWithTwoVersions("weighted");
        String alias = sfn.createStateMachineAlias(r -> r.name("canary")
                .routingConfiguration(route(arn + ":1", 50), route(arn + ":2", 50))).stateMachineAliasArn();
        Set<String> outputs = new HashSet<>();
        // a 50/50 draw misses one of them 200 times in a row with a chance of 2^-199
        for (int i = 0; i < 200 && outputs.size() < 2; i++) {
            outputs.add(output(alias));
        }
        assertEquals(Set.of("{\"v\":1}", "{\"v\":2}"), outputs);
    }

    @Test
    void aVersionAnAliasRoutesToCannotBeDeleted() {
        String arn = machineWithTwoVersions("guarded");
        String alias = sfn.createStateMachineAlias(r -> r.name("live").routingConfiguration(route(arn + ":1", 100)))
                .stateMachineAliasArn();
        assertThrows(ConflictException.class, () -> sfn.deleteStateMachineVersion(r -> r
                .stateMachineVersionArn(arn + ":1")));
        sfn.deleteStateMachineVersion(r -> r.stateMachineVersionArn(arn + ":2"));
        sfn.deleteStateMachineAlias(r -> r.stateMachineAliasArn(alias));
        assertThrows(ResourceNotFoundException.class, () -> sfn.describeStateMachineAlias(r -> r
                .stateMachineAliasArn(alias)));
        assertThrows(ResourceNotFoundException.class, () -> output(alias));
        sfn.deleteStateMachineVersion(r -> r.stateMachineVersionArn(arn + ":1"));
    }

    @Test
    void aRepeatedCreateAnswersTheAliasAndADifferentOneIsAConflict() {
        String arn = machineWithTwoVersions("repeated");
        String alias = sfn.createStateMachineAlias(r -> r.name("a").routingConfiguration(route(arn + ":1", 100)))
                .stateMachineAliasArn();
        assertEquals(alias, sfn.createStateMachineAlias(r -> r.name("a").routingConfiguration(route(arn + ":1", 100)))
                .stateMachineAliasArn());
        assertThrows(ConflictException.class, () -> sfn.createStateMachineAlias(r -> r.name("a")
                .routingConfiguration(route(arn + ":2", 100))));
    }

    @Test
    void badRoutingIsRefusedNamingTheMember() {
        String arn = machineWithTwoVersions("badly-routed");
        ValidationException sum = assertThrows(ValidationException.class, () -> sfn.createStateMachineAlias(r -> r
                .name("x").routingConfiguration(route(arn + ":1", 60), route(arn + ":2", 60))));
        assertTrue(sum.getMessage().contains("'routingConfiguration'"), sum.getMessage());
        assertThrows(ValidationException.class, () -> sfn.createStateMachineAlias(r -> r.name("x")
                .routingConfiguration(route(arn + ":1", 50), route(arn + ":1", 50))));
        assertThrows(ValidationException.class, () -> sfn.createStateMachineAlias(r -> r.name("x")
                .routingConfiguration(route(arn + ":1", 101))));
        assertThrows(ValidationException.class, () -> sfn.createStateMachineAlias(r -> r.name("x")
                .routingConfiguration(route(arn + ":1", 20), route(arn + ":2", 20), route(arn + ":2", 60))));
        assertThrows(ValidationException.class, () -> sfn.createStateMachineAlias(r -> r.name("x")));
        ValidationException name = assertThrows(ValidationException.class, () -> sfn.createStateMachineAlias(r -> r
                .name("123").routingConfiguration(route(arn + ":1", 100))));
        assertTrue(name.getMessage().contains("'name'"), name.getMessage());
        assertThrows(ResourceNotFoundException.class, () -> sfn.createStateMachineAlias(r -> r.name("x")
                .routingConfiguration(route(arn + ":9", 100))));
        assertThrows(InvalidArnException.class, () -> sfn.describeStateMachineAlias(r -> r
                .stateMachineAliasArn(arn)));
        assertThrows(ResourceNotFoundException.class, () -> sfn.describeStateMachineAlias(r -> r
                .stateMachineAliasArn(arn + ":x")));
    }

    @Test
    void anUpdateKeepsWhatItDoesNotGiveAndRoutesOnlyToTheAliasesOwnStateMachine() {
        String arn = machineWithTwoVersions("updated");
        String other = machineWithTwoVersions("other");
        String alias = sfn.createStateMachineAlias(r -> r.name("live").description("before")
                .routingConfiguration(route(arn + ":1", 100))).stateMachineAliasArn();
        sfn.updateStateMachineAlias(r -> r.stateMachineAliasArn(alias).description("after"));
        DescribeStateMachineAliasResponse described = sfn.describeStateMachineAlias(r -> r
                .stateMachineAliasArn(alias));
        assertEquals("after", described.description());
        assertEquals(List.of(route(arn + ":1", 100)), described.routingConfiguration());
        assertThrows(ValidationException.class, () -> sfn.updateStateMachineAlias(r -> r
                .stateMachineAliasArn(alias).routingConfiguration(route(other + ":1", 100))));
        assertThrows(ValidationException.class, () -> sfn.updateStateMachineAlias(r -> r
                .stateMachineAliasArn(alias)));
        assertThrows(ResourceNotFoundException.class, () -> sfn.updateStateMachineAlias(r -> r
                .stateMachineAliasArn(arn + ":missing").description("x")));
        assertEquals("{\"v\":1}", output(alias));
    }

    @Test
    void aHundredAliasesAreAwsQuota() {
        String arn = machineWithTwoVersions("many-aliases");
        for (int i = 0; i < StateMachineVersions.MAX_ALIASES; i++) {
            String name = "a" + i;
            sfn.createStateMachineAlias(r -> r.name(name).routingConfiguration(route(arn + ":1", 100)));
        }
        assertThrows(ServiceQuotaExceededException.class, () -> sfn.createStateMachineAlias(r -> r.name("one-more")
                .routingConfiguration(route(arn + ":1", 100))));
    }

    @Test
    void listStateMachineAliasesPages() {
        String arn = machineWithTwoVersions("aliased");
        for (String name : List.of("c", "a", "b")) {
            sfn.createStateMachineAlias(r -> r.name(name).routingConfiguration(route(arn + ":1", 100)));
        }
        List<String> listed = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListStateMachineAliasesResponse page = sfn.listStateMachineAliases(r -> r.stateMachineArn(arn)
                    .maxResults(2).nextToken(next));
            page.stateMachineAliases().stream().map(StateMachineAliasListItem::stateMachineAliasArn)
                    .forEach(listed::add);
            token = page.nextToken();
        } while (token != null);
        assertEquals(List.of(arn + ":a", arn + ":b", arn + ":c"), listed);
    }
}
