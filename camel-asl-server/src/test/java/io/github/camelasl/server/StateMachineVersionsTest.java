package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.store.InMemoryExecutionStore;
import io.github.camelasl.store.StoredStateMachine;
import io.github.camelasl.store.StoredStateMachineVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.ListStateMachineVersionsResponse;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** Versions of state machines, driven by the AWS SDK for Java's SfnClient. */
class StateMachineVersionsTest {

    private static final String ROLE = StateMachineActionsTest.ROLE;

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

    private static String create(String name) {
        return sfn.createStateMachine(r -> r.name(name).definition(pass(1)).roleArn(ROLE)
                .type(StateMachineType.EXPRESS)).stateMachineArn();
    }

    @Test
    void aVersionKeepsAndRunsTheDefinitionItWasPublishedWith() {
        String arn = create("kept");
        String revision = sfn.describeStateMachine(r -> r.stateMachineArn(arn)).revisionId();
        String v1 = sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn).revisionId(revision)
                .description("first")).stateMachineVersionArn();
        assertEquals(arn + ":1", v1);
        sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(pass(2)));

        DescribeStateMachineResponse version = sfn.describeStateMachine(r -> r.stateMachineArn(v1));
        assertEquals(v1, version.stateMachineArn());
        assertEquals(pass(1), version.definition());
        assertEquals("first", version.description());
        assertEquals("{\"v\":1}", sfn.startSyncExecution(r -> r.stateMachineArn(v1)).output());
        assertEquals("{\"v\":2}", sfn.startSyncExecution(r -> r.stateMachineArn(arn)).output());
        assertEquals(pass(2), sfn.describeStateMachine(r -> r.stateMachineArn(arn)).definition());
    }

    @Test
    void publishingAnUnchangedDefinitionAnswersTheLatestVersion() {
        String arn = create("unchanged");
        String v1 = sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn)).stateMachineVersionArn();
        assertEquals(v1, sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn)).stateMachineVersionArn());
        sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(pass(2)));
        assertEquals(arn + ":2", sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn))
                .stateMachineVersionArn());
    }

    @Test
    void aStaleRevisionIdIsAConflict() {
        String arn = create("stale");
        String revision = sfn.describeStateMachine(r -> r.stateMachineArn(arn)).revisionId();
        UpdateStateMachineResponse updated = sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(pass(3)));
        assertTrue(!revision.equals(updated.revisionId()), "an update is a new revision");
        assertThrows(ConflictException.class, () -> sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn)
                .revisionId(revision)));
        assertEquals(arn + ":1", sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn)
                .revisionId(updated.revisionId())).stateMachineVersionArn());
    }

    @Test
    void createAndUpdatePublishWhenAsked() {
        CreateStateMachineResponse created = sfn.createStateMachine(r -> r.name("published").definition(pass(1))
                .roleArn(ROLE).type(StateMachineType.EXPRESS).publish(true).versionDescription("at creation"));
        assertEquals(created.stateMachineArn() + ":1", created.stateMachineVersionArn());
        assertEquals("at creation", sfn.describeStateMachine(r -> r.stateMachineArn(
                created.stateMachineVersionArn())).description());
        UpdateStateMachineResponse updated = sfn.updateStateMachine(r -> r.stateMachineArn(created.stateMachineArn())
                .definition(pass(2)).publish(true));
        assertEquals(created.stateMachineArn() + ":2", updated.stateMachineVersionArn());
        assertNull(sfn.updateStateMachine(r -> r.stateMachineArn(created.stateMachineArn()).definition(pass(3)))
                .stateMachineVersionArn());
    }

    @Test
    void aVersionDescriptionWithoutPublishIsRefusedBeforeAnythingIsCreated() {
        ValidationException e = assertThrows(ValidationException.class, () -> sfn.createStateMachine(r -> r
                .name("described-only").definition(pass(1)).roleArn(ROLE).versionDescription("no")));
        assertTrue(e.getMessage().contains("'versionDescription'"), e.getMessage());
        assertThrows(StateMachineDoesNotExistException.class, () -> sfn.describeStateMachine(r -> r.stateMachineArn(
                "arn:aws:states:us-east-1:123456789012:stateMachine:described-only")));
        String arn = create("long-description");
        ValidationException tooLong = assertThrows(ValidationException.class, () -> sfn.publishStateMachineVersion(
                r -> r.stateMachineArn(arn).description("d".repeat(257))));
        assertTrue(tooLong.getMessage().contains("'description'"), tooLong.getMessage());
    }

    @Test
    void listStateMachineVersionsPagesNewestFirst() {
        String arn = create("listed");
        for (int v = 1; v <= 3; v++) {
            int definition = v;
            sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(pass(definition + 10)).publish(true));
        }
        List<String> listed = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListStateMachineVersionsResponse page = sfn.listStateMachineVersions(r -> r.stateMachineArn(arn)
                    .maxResults(2).nextToken(next));
            page.stateMachineVersions().stream().map(StateMachineVersionListItem::stateMachineVersionArn)
                    .forEach(listed::add);
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(List.of(arn + ":3", arn + ":2", arn + ":1"), listed);
        assertEquals(2, pages);
    }

    @Test
    void aDeletedVersionIsGoneAndItsNumberIsNotReused() {
        String arn = create("deleted");
        String v1 = sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn)).stateMachineVersionArn();
        sfn.deleteStateMachineVersion(r -> r.stateMachineVersionArn(v1));
        sfn.deleteStateMachineVersion(r -> r.stateMachineVersionArn(v1)); // AWS answers a second delete too
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> sfn.describeStateMachine(r -> r.stateMachineArn(v1)));
        assertEquals(v1, e.resourceName());
        assertThrows(ResourceNotFoundException.class, () -> sfn.startSyncExecution(r -> r.stateMachineArn(v1)));
        assertEquals(arn + ":2", sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn))
                .stateMachineVersionArn());
    }

    @Test
    void deletingTheStateMachineDeletesItsVersions() {
        String arn = create("with-versions");
        String v1 = sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn)).stateMachineVersionArn();
        sfn.deleteStateMachine(r -> r.stateMachineArn(arn));
        assertThrows(ResourceNotFoundException.class, () -> sfn.describeStateMachine(r -> r.stateMachineArn(v1)));
        create("with-versions");
        assertThrows(ResourceNotFoundException.class, () -> sfn.describeStateMachine(r -> r.stateMachineArn(v1)));
    }

    @Test
    void listExecutionsOfAVersionAnswersOnlyThatVersionsExecutionsOnTheInMemoryStoreToo() {
        String arn = create("listed-executions");
        String v1 = sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn)).stateMachineVersionArn();
        sfn.startSyncExecution(r -> r.stateMachineArn(arn).name("unversioned"));
        String versioned = sfn.startSyncExecution(r -> r.stateMachineArn(v1).name("versioned")).executionArn();
        assertEquals(List.of("versioned"), sfn.listExecutions(r -> r.stateMachineArn(v1)).executions().stream()
                .map(e -> e.name()).toList());
        assertEquals(v1, sfn.describeExecution(r -> r.executionArn(versioned)).stateMachineVersionArn());
    }

    @Test
    void aThousandVersionsAreAwsQuota() throws Exception {
        // a store that keeps a state machine with 1000 versions already (publishing them one by one is slow)
        InMemoryExecutionStore store = new InMemoryExecutionStore();
        String arn = "arn:aws:states:us-east-1:123456789012:stateMachine:full";
        Instant created = Instant.now();
        store.putStateMachine(new StoredStateMachine(arn, "full", "EXPRESS", ROLE, pass(1), created, null));
        for (int number = 1; number <= StateMachineVersions.MAX_VERSIONS; number++) {
            store.putStateMachineVersion(new StoredStateMachineVersion(arn, number, pass(1), ROLE, null, created));
        }
        try (ServerFixture full = new ServerFixture(store, StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, null)) {
            full.sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(pass(2)));
            assertThrows(ServiceQuotaExceededException.class, () -> full.sfn.publishStateMachineVersion(r -> r
                    .stateMachineArn(arn)));
            assertThrows(ServiceQuotaExceededException.class, () -> full.sfn.updateStateMachine(r -> r
                    .stateMachineArn(arn).definition(pass(3)).publish(true)));
            assertEquals(pass(2), full.sfn.describeStateMachine(r -> r.stateMachineArn(arn)).definition(),
                    "an update that cannot publish changes nothing");
            full.sfn.deleteStateMachineVersion(r -> r.stateMachineVersionArn(arn + ":7"));
            assertEquals(arn + ":1001", full.sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn))
                    .stateMachineVersionArn());
        }
    }

    @Test
    void badVersionArnsAreRefused() {
        String arn = create("bad-arns");
        assertThrows(InvalidArnException.class, () -> sfn.deleteStateMachineVersion(r -> r
                .stateMachineVersionArn(arn)));
        assertThrows(InvalidArnException.class, () -> sfn.deleteStateMachineVersion(r -> r
                .stateMachineVersionArn(arn + ":0")));
        assertThrows(StateMachineDoesNotExistException.class, () -> sfn.publishStateMachineVersion(r -> r
                .stateMachineArn(arn + "-missing")));
        assertThrows(StateMachineDoesNotExistException.class, () -> sfn.listStateMachineVersions(r -> r
                .stateMachineArn(arn + "-missing")));
    }
}
