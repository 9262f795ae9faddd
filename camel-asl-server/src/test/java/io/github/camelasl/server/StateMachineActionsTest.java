package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** The state machine actions, driven by the AWS SDK for Java's SfnClient. */
class StateMachineActionsTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/test";
    static final String PASS = """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"v": 1}, "End": true}}}""";

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

    private static String create(String name, String definition, StateMachineType type) {
        return sfn.createStateMachine(r -> r.name(name).definition(definition).roleArn(ROLE).type(type))
                .stateMachineArn();
    }

    @Test
    void createThenDescribeAnswersWhatWasCreated() {
        Instant before = Instant.now().minusSeconds(1);
        CreateStateMachineResponse created = sfn.createStateMachine(r -> r.name("described").definition(PASS)
                .roleArn(ROLE).type(StateMachineType.EXPRESS));
        assertEquals("arn:aws:states:us-east-1:123456789012:stateMachine:described", created.stateMachineArn());
        assertTrue(created.creationDate().isAfter(before), "a date the SDK parsed: " + created.creationDate());

        DescribeStateMachineResponse described = sfn.describeStateMachine(r -> r.stateMachineArn(
                created.stateMachineArn()));
        assertEquals("described", described.name());
        assertEquals(PASS, described.definition());
        assertEquals(ROLE, described.roleArn());
        assertEquals(StateMachineType.EXPRESS, described.type());
        assertEquals("ACTIVE", described.statusAsString());
        assertEquals(created.creationDate(), described.creationDate());
    }

    @Test
    void anIdenticalCreateAnswersTheSameMachineAndADifferentOneIsRefused() {
        String arn = create("twice", PASS, StateMachineType.STANDARD);
        assertEquals(arn, create("twice", PASS, StateMachineType.STANDARD));
        StateMachineAlreadyExistsException e = assertThrows(StateMachineAlreadyExistsException.class,
                () -> create("twice", PASS.replace("\"v\": 1", "\"v\": 2"), StateMachineType.STANDARD));
        assertTrue(e.getMessage().contains(arn), e.getMessage());
    }

    @Test
    void anInvalidDefinitionIsRefusedWithTheValidatorsProblems() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> create("broken",
                "{\"StartAt\": \"Missing\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}",
                StateMachineType.STANDARD));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("Invalid State Machine Definition: '"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Missing"), e.getMessage());
        assertEquals(400, e.statusCode());
        assertThrows(StateMachineDoesNotExistException.class, () -> sfn.describeStateMachine(r -> r.stateMachineArn(
                "arn:aws:states:us-east-1:123456789012:stateMachine:broken")));
    }

    @Test
    void aDefinitionWhoseResourceThePolicyDeniesIsRefused() {
        String exec = """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "exec:rm", "End": true}}}""";
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> create("denied", exec, StateMachineType.STANDARD));
        assertTrue(e.getMessage().contains("exec:rm"), e.getMessage());
    }

    @Test
    void badNamesTypesAndArnsAreRefusedNamingTheMember() {
        assertThrows(InvalidNameException.class, () -> create("has space", PASS, StateMachineType.STANDARD));
        assertThrows(InvalidNameException.class, () -> create("x".repeat(81), PASS, StateMachineType.STANDARD));
        ValidationException type = assertThrows(ValidationException.class, () -> sfn.createStateMachine(r -> r
                .name("typed").definition(PASS).roleArn(ROLE).type("FAST")));
        assertTrue(type.getMessage().contains("'type'"), type.getMessage());
        ValidationException noRole = assertThrows(ValidationException.class, () -> sfn.createStateMachine(r -> r
                .name("roleless").definition(PASS)));
        assertTrue(noRole.getMessage().contains("'roleArn'"), noRole.getMessage());
        assertThrows(InvalidArnException.class, () -> sfn.describeStateMachine(r -> r.stateMachineArn("nope")));
        assertThrows(InvalidArnException.class, () -> sfn.describeStateMachine(r -> r.stateMachineArn(
                "arn:aws:states:us-east-1:123456789012:execution:x:y")));
        assertThrows(StateMachineDoesNotExistException.class, () -> sfn.describeStateMachine(r -> r.stateMachineArn(
                "arn:aws:states:us-east-1:123456789012:stateMachine:never")));
    }

    @Test
    void listStateMachinesPages() {
        List<String> names = List.of("page-a", "page-b", "page-c");
        names.forEach(name -> create(name, PASS, StateMachineType.STANDARD));
        List<String> listed = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListStateMachinesResponse page = sfn.listStateMachines(r -> r.maxResults(2).nextToken(next));
            assertTrue(page.stateMachines().size() <= 2);
            page.stateMachines().stream().map(StateMachineListItem::name).forEach(listed::add);
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertTrue(pages >= 2, "paged: " + pages);
        assertTrue(listed.containsAll(names), listed.toString());
        assertEquals(listed.size(), listed.stream().distinct().count(), "no item twice: " + listed);
        SfnException bad = assertThrows(SfnException.class, () -> sfn.listStateMachines(r -> r.nextToken("x")));
        assertEquals("InvalidToken", bad.awsErrorDetails().errorCode());
    }

    @Test
    void updateChangesTheDefinitionAndRoleThatNewExecutionsRun() throws Exception {
        String arn = create("updated", PASS, StateMachineType.EXPRESS);
        String newDefinition = PASS.replace("\"v\": 1", "\"v\": 2");
        Instant updated = sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(newDefinition)
                .roleArn("arn:aws:iam::123456789012:role/other")).updateDate();
        assertTrue(Duration.between(updated, Instant.now()).abs().getSeconds() < 60, updated.toString());
        DescribeStateMachineResponse described = sfn.describeStateMachine(r -> r.stateMachineArn(arn));
        assertEquals(newDefinition, described.definition());
        assertEquals("arn:aws:iam::123456789012:role/other", described.roleArn());
        assertEquals("{\"v\":2}", sfn.startSyncExecution(r -> r.stateMachineArn(arn)).output());

        assertThrows(InvalidDefinitionException.class, () -> sfn.updateStateMachine(r -> r.stateMachineArn(arn)
                .definition("{}")));
        assertEquals(newDefinition, sfn.describeStateMachine(r -> r.stateMachineArn(arn)).definition(),
                "a refused update leaves the machine as it was");
        SfnException nothing = assertThrows(SfnException.class, () -> sfn.updateStateMachine(r -> r
                .stateMachineArn(arn)));
        assertEquals("MissingRequiredParameter", nothing.awsErrorDetails().errorCode());
    }

    @Test
    void deleteRemovesTheMachine() {
        String arn = create("deleted", PASS, StateMachineType.STANDARD);
        sfn.deleteStateMachine(r -> r.stateMachineArn(arn));
        assertThrows(StateMachineDoesNotExistException.class, () -> sfn.describeStateMachine(r -> r
                .stateMachineArn(arn)));
        assertFalse(sfn.listStateMachines(r -> { }).stateMachines().stream().anyMatch(m -> m.name().equals(
                "deleted")));
        sfn.deleteStateMachine(r -> r.stateMachineArn(arn)); // as on AWS: deleting again is no error
    }

    @Test
    void validateAnswersOkOrFailWithDiagnostics() {
        ValidateStateMachineDefinitionResponse ok = sfn.validateStateMachineDefinition(r -> r.definition(PASS));
        assertEquals(ValidateStateMachineDefinitionResultCode.OK, ok.result());
        assertTrue(ok.diagnostics().isEmpty());
        assertFalse(ok.truncated());

        ValidateStateMachineDefinitionResponse failed = sfn.validateStateMachineDefinition(r -> r.definition(
                "{\"StartAt\": \"Missing\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}"));
        assertEquals(ValidateStateMachineDefinitionResultCode.FAIL, failed.result());
        assertFalse(failed.diagnostics().isEmpty());
        var first = failed.diagnostics().get(0);
        assertEquals("ERROR", first.severityAsString());
        assertFalse(first.code().isEmpty());
        assertTrue(first.message().contains("Missing"), first.message());

        ValidateStateMachineDefinitionResponse notJson = sfn.validateStateMachineDefinition(r -> r.definition("{"));
        assertEquals(ValidateStateMachineDefinitionResultCode.FAIL, notJson.result());
        assertNull(sfn.validateStateMachineDefinition(r -> r.definition(PASS)).diagnostics().stream().findFirst()
                .orElse(null));
    }
}
