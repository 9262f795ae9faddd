package io.github.camelasl.aws.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.validation.Diagnostic;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Required parameters the connector checks at deployment, through the resolver chain as the asl: component does. */
class SnsResourceCheckTest {

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

    private static final String PUBLISH = "arn:aws:states:::sns:publish";

    @Test
    void publishNeedsTheMessageAndWhereItGoes() throws Exception {
        assertEquals(List.of(missing("Message", "Parameters"), "SCHEMA_VALIDATION_FAILED: One of the fields "
                + "'TopicArn', 'TargetArn', 'PhoneNumber' is required but all were missing at /States/T/Parameters"),
                problems("{'Type':'Task','Resource':'" + PUBLISH + "','Parameters':{'Subject':'s'},'End':true}"));
        for (String target : List.of("TopicArn", "TargetArn", "PhoneNumber")) {
            assertEquals(List.of(), problems("{'Type':'Task','Resource':'" + PUBLISH + "','Parameters':{'"
                    + target + "':'t','Message.$':'$'},'End':true}"));
        }
    }

}
