package io.github.camelasl.aws.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.resource.ResourceRefusedException;
import io.github.camelasl.resource.ResourceResolvers;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which aws-sdk ARNs the bridge runs, found as an application finds it (ServiceLoader), without any service. */
class AwsSdkResourceResolverTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final ResourceResolvers resolvers = new ResourceResolvers(camel, List.of());

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    @Test
    void anyActionOfAServiceOnTheClasspathResolves() {
        assertEquals(Optional.of("asl-aws-sdk:secretsmanager/listSecrets"),
                resolvers.resolve("arn:aws:states:::aws-sdk:secretsmanager:listSecrets"));
        assertEquals(Optional.of("asl-aws-sdk:dynamodb/getItem"),
                resolvers.resolve("arn:aws:states:::aws-sdk:dynamodb:getItem.waitForTaskToken"));
        assertEquals(Optional.of("asl-aws-sdk:sfn/startExecution"),
                resolvers.resolve("arn:aws:states:us-east-1:123456789012:aws-sdk:sfn:startExecution"));
        // the SDK's spelling of acronyms, whatever the ARN's
        assertEquals(Optional.of("asl-aws-sdk:batch/submitJob"), resolvers.resolve("arn:aws:states:::aws-sdk:batch:SubmitJob"));
    }

    @Test
    void s3sOwnConnectorAnswersFirst() {
        assertEquals(Optional.of("asl-aws-s3:getObject"), resolvers.resolve("arn:aws:states:::aws-sdk:s3:getObject"));
        // an action the S3 connector does not have: the bridge runs it
        assertEquals(Optional.of("asl-aws-sdk:s3/putBucketTagging"),
                resolvers.resolve("arn:aws:states:::aws-sdk:s3:putBucketTagging"));
    }

    @Test
    void whatCannotRunIsRefusedWithTheReason() {
        assertEquals("SecretsManagerClient (software.amazon.awssdk:secretsmanager) has no action 'getSecretValu'",
                refusal("arn:aws:states:::aws-sdk:secretsmanager:getSecretValu"));
        assertEquals("The action 'getObjectTorrent' of S3Client (software.amazon.awssdk:s3) streams its request or "
                + "response body, which Step Functions' SDK integrations do not support",
                refusal("arn:aws:states:::aws-sdk:s3:getObjectTorrent"));
        assertEquals("The action 'invokeModelWithResponseStream' of BedrockRuntimeClient "
                + "(software.amazon.awssdk:bedrockruntime) streams events, which Step Functions' SDK integrations do "
                + "not support", refusal("arn:aws:states:::aws-sdk:bedrockruntime:invokeModelWithResponseStream"));
        assertEquals("The service integration 'aws-sdk:secretsmanager:listSecrets.sync' is not supported: AWS SDK "
                + "integrations run as request-response or .waitForTaskToken, not '.sync'",
                refusal("arn:aws:states:::aws-sdk:secretsmanager:listSecrets.sync"));
        assertEquals("Step Functions is 'sfn' in aws-sdk integrations: arn:aws:states:::aws-sdk:sfn:startExecution",
                refusal("arn:aws:states:::aws-sdk:stepfunctions:startExecution"));
    }

    @Test
    void aServiceWithoutItsModuleIsRefusedNamingTheModules() throws Exception {
        assertEquals(Optional.empty(), resolvers.resolve("arn:aws:states:::aws-sdk:glue:startJobRun"));
        AslDeployer deployer = new AslDeployer(camel, null, resolvers, null);
        String message = deployer.validate("""
                {"StartAt": "T", "States": {"T": {"Type": "Task",
                  "Resource": "arn:aws:states:::aws-sdk:glue:startJobRun", "End": true}}}""", "STANDARD")
                .get(0).message();
        assertTrue(message.contains("add io.github.camelasl:camel-asl-aws-sdk and software.amazon.awssdk:glue to the "
                + "classpath"), message);
        // a Resource text that is no SDK name never reaches a URI
        assertEquals(Optional.empty(), resolvers.resolve("arn:aws:states:::aws-sdk:secretsmanager:list?x=1"));
        assertEquals(Optional.empty(), resolvers.resolve("arn:aws:states:::aws-sdk:Secrets:listSecrets"));
    }

    private String refusal(String resource) {
        return assertThrows(ResourceRefusedException.class, () -> resolvers.resolve(resource)).getMessage();
    }
}
