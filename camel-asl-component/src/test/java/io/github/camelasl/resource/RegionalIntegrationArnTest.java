package io.github.camelasl.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslDeployer;
import java.util.List;
import java.util.Optional;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A service integration ARN with a region and account ({@code arn:aws:states:us-east-1:123456789012:sqs:sendMessage},
 * as AWS's published samples write them, e.g. https://docs.aws.amazon.com/step-functions/latest/dg/connect-sqs.html
 * and the Distributed Map samples' {@code arn:aws:states:us-east-1:123456789012:...}) is the same integration as its
 * regionless form: the same mapping or connector runs it, and the resource policy and validation treat it alike.
 */
class RegionalIntegrationArnTest {

    private static final String REGIONAL = "arn:aws:states:us-east-1:123456789012:sqs:sendMessage";

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final ResourceResolvers resolvers = new ResourceResolvers(camel,
            List.of(ResourceMapping.builder().map("arn:aws:states:::sqs:*", "direct:queue").build()), List.of());

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    @Test
    void theRegionalFormResolvesAsTheRegionlessOne() {
        assertEquals(Optional.of("direct:queue"), resolvers.resolve(REGIONAL));
        assertEquals(Optional.of("direct:queue"),
                resolvers.resolve("arn:aws:states:ap-southeast-2:123456789012:sqs:sendMessage"));
        assertEquals(Optional.of("arn:aws-us-gov:states:::sqs:sendMessage"),
                AwsArns.regionlessIntegration("arn:aws-us-gov:states:us-gov-west-1:123456789012:sqs:sendMessage"));
        assertEquals(resolvers.resolve("arn:aws:states:::sqs:sendMessage.waitForTaskToken"),
                resolvers.resolve("arn:aws:states:eu-west-1:123456789012:sqs:sendMessage.waitForTaskToken"));
    }

    @Test
    void aRegionOrAccountAwsWouldNotRecogniseIsNoIntegration() {
        for (String arn : List.of("arn:aws:states:moon-1:123456789012:sqs:sendMessage",
                "arn:aws:states:us-east-1:1234:sqs:sendMessage", "arn:aws:states:us-east-1::sqs:sendMessage",
                "arn:aws:states::123456789012:sqs:sendMessage")) {
            assertEquals(Optional.empty(), resolvers.resolve(arn), arn);
        }
        // the states ARNs of activities, state machines and executions are not integrations
        assertEquals(Optional.empty(),
                AwsArns.regionlessIntegration("arn:aws:states:us-east-1:123456789012:activity:sqs:x"));
        assertEquals(Optional.empty(),
                AwsArns.regionlessIntegration("arn:aws:states:us-east-1:123456789012:stateMachine:m"));
    }

    @Test
    void thePolicyPatternsOfTheRegionlessFormApplyToTheRegionalOne() {
        ResourcePolicy policy = ResourcePolicy.strict().withPatterns(List.of(), List.of("arn:aws:states:::sqs:*"));
        ResourcePolicy.Decision decision = policy.decide(resolvers.resolved(REGIONAL).orElseThrow());
        assertFalse(decision.allowed());
        assertEquals("it matches the denied pattern 'arn:aws:states:::sqs:*'", decision.reason());
        assertTrue(ResourcePolicy.strict().decide(resolvers.resolved(REGIONAL).orElseThrow()).allowed());
    }

    @Test
    void anExpressMachineRefusesTheRegionalCallbackAsTheRegionlessOne() {
        String definition = """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
                  "Parameters": {"QueueUrl": "q", "MessageBody": "m"}, "End": true}}}""";
        AslDeployer deployer = new AslDeployer(camel, null, resolvers, null);
        String expected = "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' "
                + "service integration  at /States/T/Resource";
        for (String resource : List.of("arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "arn:aws:states:us-east-1:123456789012:sqs:sendMessage.waitForTaskToken")) {
            assertEquals(List.of(expected), deployer.validate(definition.formatted(resource), "EXPRESS").stream()
                    .map(d -> d.code() + ": " + d.message() + " at " + d.location()).toList(), resource);
        }
        assertEquals(List.of(), deployer.validate(definition.formatted(REGIONAL), "EXPRESS"));
    }

    @Test
    void anIntegrationNothingRunsIsNamedAsTheIntegrationInEitherForm() {
        String definition = """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}""";
        AslDeployer deployer = new AslDeployer(camel, null, resolvers, null);
        for (String resource : List.of("arn:aws:states:::dynamodb:getItem",
                "arn:aws:states:us-east-1:123456789012:dynamodb:getItem")) {
            String message = deployer.validate(definition.formatted(resource), "STANDARD").get(0).message();
            assertTrue(message.contains("no resource mapping handles the service integration 'dynamodb:getItem' "
                    + "(add io.github.camelasl:camel-asl-aws-dynamodb to the classpath, or map the ARN to a Camel "
                    + "endpoint with the resourceMappings option)"), message);
        }
    }
}
