package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TooManyTagsException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** TagResource, UntagResource and ListTagsForResource, and the tags of the Create actions, through SfnClient. */
class TagActionsTest {

    private static final String ROLE = StateMachineActionsTest.ROLE;
    private static final String PASS = StateMachineActionsTest.PASS;

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

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static List<Tag> tagsOf(String arn) {
        return sfn.listTagsForResource(r -> r.resourceArn(arn)).tags();
    }

    private static List<Tag> tags(int count) {
        return IntStream.range(0, count).mapToObj(i -> tag("k" + i, "v" + i)).toList();
    }

    @Test
    void aStateMachinesTagsAreGivenAtCreateAddedReplacedAndRemoved() {
        String arn = sfn.createStateMachine(r -> r.name("tagged").definition(PASS).roleArn(ROLE)
                .tags(tag("team", "a"), tag("env", "dev"))).stateMachineArn();
        assertEquals(List.of(tag("team", "a"), tag("env", "dev")), tagsOf(arn));

        sfn.tagResource(r -> r.resourceArn(arn).tags(tag("env", "prod"), tag("cost", "42")));
        assertEquals(List.of(tag("team", "a"), tag("env", "prod"), tag("cost", "42")), tagsOf(arn));

        sfn.untagResource(r -> r.resourceArn(arn).tagKeys("team", "not-there"));
        assertEquals(List.of(tag("env", "prod"), tag("cost", "42")), tagsOf(arn));

        // deleted, then created again under the name: none of the old tags come back
        sfn.deleteStateMachine(r -> r.stateMachineArn(arn));
        assertThrows(ResourceNotFoundException.class, () -> tagsOf(arn));
        sfn.createStateMachine(r -> r.name("tagged").definition(PASS).roleArn(ROLE));
        assertEquals(List.of(), tagsOf(arn));
        sfn.deleteStateMachine(r -> r.stateMachineArn(arn));
    }

    @Test
    void anActivitysTagsAndItsIdempotentCreateKeepingThem() {
        String arn = sfn.createActivity(r -> r.name("tagged-activity").tags(tag("owner", "ops"))).activityArn();
        assertEquals(List.of(tag("owner", "ops")), tagsOf(arn));
        // AWS: a repeated CreateActivity with other tags answers the activity and leaves its tags
        sfn.createActivity(r -> r.name("tagged-activity").tags(tag("owner", "someone else")));
        assertEquals(List.of(tag("owner", "ops")), tagsOf(arn));
        sfn.tagResource(r -> r.resourceArn(arn).tags(tag("tier", "")));
        assertEquals(List.of(tag("owner", "ops"), tag("tier", "")), tagsOf(arn));
        sfn.deleteActivity(r -> r.activityArn(arn));
        assertThrows(ResourceNotFoundException.class, () -> sfn.tagResource(r -> r.resourceArn(arn)
                .tags(tag("a", "b"))));
    }

    @Test
    void fiftyTagsAtMost() {
        assertThrows(TooManyTagsException.class, () -> sfn.createStateMachine(r -> r.name("crowded")
                .definition(PASS).roleArn(ROLE).tags(tags(51))));
        // refused before anything was created
        assertThrows(StateMachineDoesNotExistException.class, () -> sfn.describeStateMachine(
                r -> r.stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:crowded")));
        assertThrows(TooManyTagsException.class, () -> sfn.createActivity(r -> r.name("crowded").tags(tags(51))));

        String arn = sfn.createStateMachine(r -> r.name("full").definition(PASS).roleArn(ROLE).tags(tags(50)))
                .stateMachineArn();
        sfn.tagResource(r -> r.resourceArn(arn).tags(tag("k0", "replaced"))); // replacing one adds none
        TooManyTagsException tooMany = assertThrows(TooManyTagsException.class,
                () -> sfn.tagResource(r -> r.resourceArn(arn).tags(tag("one-more", "x"))));
        assertTrue(tooMany.getMessage().contains("50"), tooMany.getMessage());
        assertEquals(arn, tooMany.resourceName());
        assertEquals(50, tagsOf(arn).size());
        assertEquals(tag("k0", "replaced"), tagsOf(arn).get(0));
        sfn.deleteStateMachine(r -> r.stateMachineArn(arn));
    }

    @Test
    void badTagRequestsNameTheMember() {
        String arn = sfn.createActivity(r -> r.name("strict")).activityArn();
        ValidationException longKey = assertThrows(ValidationException.class,
                () -> sfn.tagResource(r -> r.resourceArn(arn).tags(tag("k".repeat(129), "v"))));
        assertTrue(longKey.getMessage().contains("tags.1.member.key"), longKey.getMessage());
        ValidationException longValue = assertThrows(ValidationException.class,
                () -> sfn.tagResource(r -> r.resourceArn(arn).tags(tag("k", "v".repeat(257)))));
        assertTrue(longValue.getMessage().contains("tags.1.member.value"), longValue.getMessage());
        assertThrows(ValidationException.class, () -> sfn.tagResource(r -> r.resourceArn(arn)
                .tags(Tag.builder().value("no key").build())));
        assertThrows(ValidationException.class, () -> sfn.untagResource(r -> r.resourceArn(arn).tagKeys("")));
        assertThrows(InvalidArnException.class, () -> sfn.listTagsForResource(r -> r.resourceArn("nope")));
        assertThrows(InvalidArnException.class, () -> sfn.listTagsForResource(
                r -> r.resourceArn("arn:aws:states:us-east-1:123456789012:execution:m:e")));
        String never = "arn:aws:states:us-east-1:123456789012:stateMachine:never";
        ResourceNotFoundException notFound = assertThrows(ResourceNotFoundException.class,
                () -> sfn.listTagsForResource(r -> r.resourceArn(never)));
        assertEquals(never, notFound.resourceName());
        assertEquals(List.of(), tagsOf(arn));
        sfn.deleteActivity(r -> r.activityArn(arn));
    }
}
