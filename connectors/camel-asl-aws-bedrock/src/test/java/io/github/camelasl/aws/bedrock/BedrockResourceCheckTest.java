package io.github.camelasl.aws.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.resource.ResourceRefusedException;
import io.github.camelasl.resource.ResourceResolvers;
import java.util.List;
import java.util.Optional;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** What the connector resolves and checks at deployment, through the resolver chain as the asl: component does. */
class BedrockResourceCheckTest {

    private static List<String> problems(String task) throws Exception {
        String definition = ("{'StartAt':'T','States':{'T':" + task + "}}").replace('\'', '"');
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            ResourceResolvers resolvers = new ResourceResolvers(context, List.of());
            return new AslDeployer(context, null, resolvers, null).validate(definition, "STANDARD").stream()
                    .map(d -> d.code() + ": " + d.message() + " at " + d.location()).toList();
        }
    }

    private static Optional<String> resolved(String resource) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            return new BedrockResourceResolver().resolve(resource, context);
        }
    }

    @Test
    void invokeModelResolvesAndNothingElseDoes() throws Exception {
        assertEquals(Optional.of("asl-aws-bedrock:invokeModel"), resolved("arn:aws:states:::bedrock:invokeModel"));
        assertEquals(Optional.empty(), resolved("arn:aws:states:::aws-sdk:bedrockruntime:invokeModel"));
        for (String resource : List.of("arn:aws:states:::bedrock:invokeModel.waitForTaskToken",
                "arn:aws:states:::bedrock:createModelCustomizationJob.sync")) {
            ResourceRefusedException refused = assertThrows(ResourceRefusedException.class, () -> resolved(resource));
            assertTrue(refused.getMessage().startsWith("The resource provided " + resource + " is not supported: "
                    + "camel-asl-aws-bedrock runs arn:aws:states:::bedrock:invokeModel"), refused.getMessage());
        }
        assertEquals(List.of(), problems("{'Type':'Task','Resource':'arn:aws:states:eu-central-1:123456789012:"
                + "bedrock:invokeModel','Parameters':{'ModelId':'m','Body':{}},'End':true}"));
    }

    @Test
    void theModelIsRequiredAndS3InputOrOutputIsRefusedNamingTheField() throws Exception {
        List<String> problems = problems("{'Type':'Task','Resource':'arn:aws:states:::bedrock:invokeModel',"
                + "'Parameters':{'Input':{'S3Uri':'s3://b/in.json'},'Output':{'S3Uri.$':'$.out'}},'End':true}");
        assertEquals(3, problems.size(), problems.toString());
        assertEquals("SCHEMA_VALIDATION_FAILED: The field 'ModelId' is required but was missing at "
                + "/States/T/Parameters", problems.get(0));
        assertTrue(problems.get(1).startsWith("SCHEMA_VALIDATION_FAILED: The field 'Input' (an S3 object for the "
                + "model's input) is not supported by camel-asl-aws-bedrock"), problems.toString());
        assertTrue(problems.get(2).contains("The field 'Output'"), problems.toString());
    }
}
