package io.github.camelasl.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.camelasl.AslDeployer;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** A definition refused for want of a module names the module that would run it. */
class IntegrationModulesTest {

    @Test
    void anSdkIntegrationNeedsTheBridgeAndTheServicesSdkModule() {
        assertEquals(List.of("io.github.camelasl:camel-asl-aws-sdk", "software.amazon.awssdk:secretsmanager"),
                IntegrationModules.of("aws-sdk:secretsmanager:listSecrets"));
        assertEquals(List.of("io.github.camelasl:camel-asl-aws-sdk", "software.amazon.awssdk:sfn"),
                IntegrationModules.of("aws-sdk:sfn:startExecution.waitForTaskToken"));
        // not a service name an SDK module can have: nothing to name
        assertEquals(List.of(), IntegrationModules.of("aws-sdk:Bad-Name:x"));
        assertEquals(List.of(), IntegrationModules.of("aws-sdk:sfn"));
    }

    @Test
    void anOptimizedIntegrationNeedsItsConnector() {
        assertEquals(List.of("io.github.camelasl:camel-asl-aws-dynamodb"), IntegrationModules.of("dynamodb:putItem"));
        assertEquals(List.of("io.github.camelasl:camel-asl-aws-eventbridge"), IntegrationModules.of("events:putEvents"));
        assertEquals(List.of("io.github.camelasl:camel-asl-http"), IntegrationModules.of("http:invoke"));
        assertEquals(List.of("io.github.camelasl:camel-asl-aws-jobs"),
                IntegrationModules.of("sagemaker:createTrainingJob.sync"));
        // the engine runs nested executions itself; an unknown service has no module
        assertEquals(List.of(), IntegrationModules.of("states:startExecution.sync:2"));
        assertEquals(List.of(), IntegrationModules.of("nosuchservice:doIt"));
    }

    @Test
    void aLambdaFunctionArnNeedsTheLambdaConnector() {
        assertEquals(List.of("io.github.camelasl:camel-asl-aws-lambda"), IntegrationModules.ofResourceArn("lambda"));
        assertEquals(List.of(), IntegrationModules.ofResourceArn("states"));
    }

    @Test
    void theRefusalNamesTheModules() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            AslDeployer deployer = new AslDeployer(camel, null, new ResourceResolvers(camel, List.of()), null);
            String definition = """
                    {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}""";
            assertEquals("The resource provided arn:aws:states:::aws-sdk:glue:startJobRun is not supported: no "
                    + "connector on the classpath and no resource mapping handles the service integration "
                    + "'aws-sdk:glue:startJobRun' (add io.github.camelasl:camel-asl-aws-sdk and "
                    + "software.amazon.awssdk:glue to the classpath, or map the ARN to a Camel endpoint with the "
                    + "resourceMappings option)",
                    deployer.validate(definition.formatted("arn:aws:states:::aws-sdk:glue:startJobRun"), "STANDARD")
                            .get(0).message());
            assertEquals("The resource provided arn:aws:lambda:us-east-1:123456789012:function:train is not "
                    + "supported: no connector on the classpath and no resource mapping handles the 'lambda' resource "
                    + "(add io.github.camelasl:camel-asl-aws-lambda to the classpath, or map the ARN to a Camel "
                    + "endpoint with the resourceMappings option)",
                    deployer.validate(definition.formatted("arn:aws:lambda:us-east-1:123456789012:function:train"),
                            "STANDARD").get(0).message());
            // a service no module knows: the general advice
            assertEquals("The resource provided arn:aws:states:::nosuch:doIt is not supported: no connector on the "
                    + "classpath and no resource mapping handles the service integration 'nosuch:doIt' (add the "
                    + "connector module that runs it, or map the ARN to a Camel endpoint with the resourceMappings "
                    + "option)",
                    deployer.validate(definition.formatted("arn:aws:states:::nosuch:doIt"), "STANDARD")
                            .get(0).message());
        }
    }

    @Test
    void connectorsAreTriedByDescendingPriorityKeepingTheirOrderOtherwise() {
        ResourceResolver generic = resolver(-100);
        ResourceResolver first = resolver(0);
        ResourceResolver second = resolver(0);
        ResourceResolver preferred = resolver(10);
        assertEquals(List.of(preferred, first, second, generic),
                ResourceResolvers.byPriority(List.of(generic, first, second, preferred)));
    }

    private static ResourceResolver resolver(int priority) {
        return new ResourceResolver() {
            @Override
            public java.util.Optional<String> resolve(String resource, org.apache.camel.CamelContext camelContext) {
                return java.util.Optional.empty();
            }

            @Override
            public int priority() {
                return priority;
            }
        };
    }
}
