package io.github.camelasl.aws.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.validation.Diagnostic;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Required parameters the connector checks at deployment, through the resolver chain as the asl: component does. */
class SqsResourceCheckTest {

    private static List<String> problems(String task) throws Exception {
        String definition = ("{'StartAt':'T','States':{'T':" + task + "}}").replace('\'', '"');
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            ResourceResolvers resolvers = new ResourceResolvers(context, List.of());
            return new AslDeployer(context, null, resolvers, null).validate(definition, "STANDARD").stream()
                    .map(d -> d.code() + ": " + d.message() + " at " + d.location()).toList();
        }
    }

    private static String missing(String field, String where) {
        return "SCHEMA_VALIDATION_FAILED: The field '" + field + "' is required but was missing at /States/T/" + where;
    }

    private static final String SEND = "arn:aws:states:::sqs:sendMessage";

    @Test
    void sendMessageNeedsTheQueueUrlAndTheBody() throws Exception {
        assertEquals(List.of(missing("QueueUrl", "Parameters"), missing("MessageBody", "Parameters")),
                problems("{'Type':'Task','Resource':'" + SEND + "','Parameters':{},'End':true}"));
        assertEquals(List.of(missing("MessageBody", "Parameters")), problems("{'Type':'Task','Resource':'" + SEND
                + "','Parameters':{'QueueUrl':'http://q'},'End':true}"));
        assertEquals(List.of(), problems("{'Type':'Task','Resource':'" + SEND
                + "','Parameters':{'QueueUrl.$':'$.q','MessageBody.$':'$'},'End':true}"));
    }

    /**
     * Parameters may be any JSON value (AWS's language service, github.com/aws/amazon-states-language-service,
     * src/json-schema/partial/common.json $defs/parameters); one that is not an object has none of the keys.
     */
    @Test
    void parametersThatAreNotAnObjectHaveNoKeys() throws Exception {
        for (String parameters : List.of("['QueueUrl','MessageBody']", "'QueueUrl'", "null")) {
            assertEquals(List.of(missing("QueueUrl", "Parameters"), missing("MessageBody", "Parameters")),
                    problems("{'Type':'Task','Resource':'" + SEND + "','Parameters':" + parameters + ",'End':true}"));
        }
    }

    @Test
    void jsonataArgumentsAreCheckedByTheirKeys() throws Exception {
        assertEquals(List.of(missing("QueueUrl", "Arguments")), problems("{'Type':'Task','QueryLanguage':'JSONata',"
                + "'Resource':'" + SEND + "','Arguments':{'MessageBody':'{% $states.input %}'},'End':true}"));
    }

}
