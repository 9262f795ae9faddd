package io.github.camelasl.aws.eventbridge;

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
class EventBridgeResourceCheckTest {

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
            return new EventBridgeResourceResolver().resolve(resource, context);
        }
    }

    @Test
    void putEventsResolvesAlsoCalledBackAndNothingElseDoes() throws Exception {
        assertEquals(Optional.of("asl-aws-eventbridge:putEvents"), resolved("arn:aws:states:::events:putEvents"));
        assertEquals(Optional.of("asl-aws-eventbridge:putEvents"),
                resolved("arn:aws-us-gov:states:::events:putEvents.waitForTaskToken"));
        assertEquals(Optional.empty(), resolved("arn:aws:states:::aws-sdk:eventbridge:putEvents"));
        for (String resource : List.of("arn:aws:states:::events:putEvents.sync", "arn:aws:states:::events:putRule")) {
            ResourceRefusedException refused = assertThrows(ResourceRefusedException.class, () -> resolved(resource));
            assertTrue(refused.getMessage().startsWith("The resource provided " + resource + " is not recognized."),
                    refused.getMessage());
        }
    }

    @Test
    void entriesIsRequiredAndTheOnlyParameter() throws Exception {
        assertEquals(List.of(), problems("{'Type':'Task','Resource':'arn:aws:states:us-east-1:123456789012:events:"
                + "putEvents','Parameters':{'Entries.$':'$.e'},'End':true}"));
        assertEquals(List.of("SCHEMA_VALIDATION_FAILED: The field 'Entries' is required but was missing at "
                        + "/States/T/Parameters", "SCHEMA_VALIDATION_FAILED: The field 'EndpointId' is not "
                        + "supported by Step Functions at /States/T/Parameters"),
                problems("{'Type':'Task','Resource':'arn:aws:states:::events:putEvents','Parameters':"
                        + "{'EndpointId':'e'},'End':true}"));
        assertEquals(1, problems("{'Type':'Task','Resource':'arn:aws:states:::events:putRule','Parameters':"
                + "{'Name':'r'},'End':true}").size());
    }
}
