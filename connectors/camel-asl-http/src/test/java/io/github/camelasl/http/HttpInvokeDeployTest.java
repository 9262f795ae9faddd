package io.github.camelasl.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.resource.ResourceResolvers;
import java.util.List;
import java.util.Optional;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** What the HTTP Task's resolver refuses when a definition is deployed, against the application's configuration. */
class HttpInvokeDeployTest {

    private static List<String> problems(String parameters) throws Exception {
        return problems("arn:aws:states:::http:invoke", "'Parameters':" + parameters);
    }

    private static List<String> problems(String resource, String request) throws Exception {
        return problems(resource, request, true);
    }

    private static List<String> problems(String resource, String request, boolean trusted) throws Exception {
        String definition = ("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + resource + "',"
                + request + ",'End':true}}}").replace('\'', '"');
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            HttpInvokeComponent http = context.getComponent("asl-http", HttpInvokeComponent.class);
            http.addConnection(HttpConnection.basic("billing", "u", "p"))
                    .addConnection(HttpConnection.basic("partner", "u", "p").allowing("https://partner.example/"));
            http.setTrustDefinitionEndpoints(trusted);
            ResourceResolvers resolvers = new ResourceResolvers(context, List.of());
            return new AslDeployer(context, null, resolvers, null).validate(definition, "STANDARD").stream()
                    .map(d -> d.code() + ": " + d.message() + " at " + d.location()).toList();
        }
    }

    @Test
    void theArnResolvesToTheConnectorRequestResponseOnly() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            ResourceResolvers resolvers = new ResourceResolvers(context, List.of());
            assertEquals(Optional.of("asl-http:invoke"), resolvers.resolve("arn:aws:states:::http:invoke"));
            assertEquals(Optional.of("asl-http:invoke"), resolvers.resolve("arn:aws:states:us-east-1:123456789012:http:invoke"));
            // AWS offers the HTTP Task as request-response only
            assertEquals(Optional.empty(), new HttpInvokeResolver().resolve(
                    "arn:aws:states:::http:invoke.waitForTaskToken", context));
        }
    }

    @Test
    void connectionsAndPrefixesBindFromProperties() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            // what Camel Main does with camel.beans.Billing.* and camel.component.asl-http.*
            HttpConnection billing = new HttpConnection();
            org.apache.camel.support.PropertyBindingSupport.bindProperties(context, billing, new java.util.HashMap<>(
                    java.util.Map.of("authorizationType", "BASIC", "username", "alice", "password", "pw",
                            "allowedEndpoints", "https://billing.example/")));
            assertEquals(HttpConnection.AuthorizationType.BASIC, billing.getAuthorizationType());
            assertEquals("alice", billing.getUsername());
            HttpInvokeComponent http = context.getComponent("asl-http", HttpInvokeComponent.class);
            org.apache.camel.support.PropertyBindingSupport.build().bind(context, http, "allowedEndpoints",
                    "https://api.example.com/");
            assertEquals("https://api.example.com/", http.getAllowedEndpoints());
            context.getRegistry().bind("Billing", billing);
            assertEquals(Optional.of(billing), http.connection("arn:aws:events:us-east-1:123456789012:connection/Billing/1"));
        }
    }

    @Test
    void aLiteralEndpointWithAConfiguredConnectionDeploys() throws Exception {
        assertEquals(List.of(), problems("{'ApiEndpoint':'https://api.example.com/v1/customers','Method':'GET',"
                + "'Authentication':{'ConnectionArn':'arn:aws:events:us-east-2:123456789012:connection/billing/8a'}}"));
    }

    @Test
    void requiredFieldsAndAwsRulesAreChecked() throws Exception {
        assertEquals(List.of("SCHEMA_VALIDATION_FAILED: The field 'Method' is required but was missing at "
                + "/States/T/Parameters"), problems("{'ApiEndpoint':'https://api.example.com'}"));
        List<String> found = problems("{'ApiEndpoint':'https://api.example.com','Method':'TRACE',"
                + "'Headers':{'Authorization':'Bearer x','X-Amz-Date':'d','X-Custom':'ok'}}");
        assertEquals(3, found.size(), found.toString());
        assertTrue(found.get(0).contains("Method must be one of"), found.toString());
        assertTrue(found.get(1).contains("header 'Authorization'"), found.toString());
        assertTrue(found.get(2).contains("header 'X-Amz-Date'"), found.toString());
    }

    @Test
    void aConnectionTheApplicationDoesNotConfigureIsRefusedNamingIt() throws Exception {
        List<String> found = problems("{'ApiEndpoint':'https://api.example.com','Method':'GET',"
                + "'Authentication':{'ConnectionArn':'arn:aws:events:us-east-2:1:connection/Stripe/81'}}");
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).contains("'arn:aws:events:us-east-2:1:connection/Stripe/81'")
                && found.get(0).contains("HttpConnection named 'Stripe'"), found.toString());
    }

    @Test
    void aLiteralEndpointMustBeHttpWithoutCredentials() throws Exception {
        assertTrue(problems("{'ApiEndpoint':'file:///etc/passwd','Method':'GET'}").get(0)
                .contains("must be an http or https URL"));
        String withCredentials = problems("{'ApiEndpoint':'https://user:pw@api.example.com/','Method':'GET'}").get(0);
        assertTrue(withCredentials.contains("user name or password") && !withCredentials.contains("pw@"),
                withCredentials);
    }

    @Test
    void untrustedDefinitionsNeedAllowedPrefixesForLiteralEndpointsToo() throws Exception {
        String elsewhere = "'Parameters':{'ApiEndpoint':'https://collector.example/steal','Method':'POST',"
                + "'Authentication':{'ConnectionArn':'billing'}}";
        assertEquals(List.of(), problems("arn:aws:states:::http:invoke", elsewhere, true));
        String refused = problems("arn:aws:states:::http:invoke", elsewhere, false).get(0);
        assertTrue(refused.contains("may not call its ApiEndpoint 'https://collector.example/steal'"),
                refused);
        assertEquals(List.of(), problems("arn:aws:states:::http:invoke", "'Parameters':{'ApiEndpoint':"
                + "'https://partner.example/orders','Method':'POST','Authentication':{'ConnectionArn':'partner'}}",
                false));
    }

    @Test
    void aConnectionWithAllowedEndpointsSendsItsCredentialsNowhereElse() throws Exception {
        String refused = problems("{'ApiEndpoint':'https://collector.example/steal','Method':'POST',"
                + "'Authentication':{'ConnectionArn':'partner'}}").get(0);
        assertTrue(refused.contains("may not call its ApiEndpoint 'https://collector.example/steal'"),
                refused);
        assertEquals(List.of(), problems("{'ApiEndpoint':'https://partner.example/orders','Method':'POST',"
                + "'Authentication':{'ConnectionArn':'partner'}}"));
    }

    @Test
    void aComputedEndpointNeedsAllowedPrefixes() throws Exception {
        String noPrefix = problems("{'ApiEndpoint.$':'$.url','Method':'GET'}").get(0);
        assertTrue(noPrefix.contains("ApiEndpoint comes from the data"), noPrefix);
        // JSONata, and a request that is the state's input, compute it too
        assertTrue(problems("arn:aws:states:::http:invoke", "'QueryLanguage':'JSONata','Arguments':"
                + "{'ApiEndpoint':'{% $states.input.url %}','Method':'GET'}").get(0)
                .contains("ApiEndpoint comes from the data"));
        assertTrue(problems("arn:aws:states:::http:invoke", "'Comment':'input is the request'").get(0)
                .contains("request is computed"));
        // the connection's own prefixes are enough
        assertEquals(List.of(), problems("{'ApiEndpoint.$':'$.url','Method':'GET',"
                + "'Authentication':{'ConnectionArn':'partner'}}"));
    }

    @Test
    void aComputedEndpointWithAConnectionWithoutPrefixesIsRefusedEvenUnderTheComponentsPrefixes() throws Exception {
        String definition = ("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::http:invoke',"
                + "'Parameters':{'ApiEndpoint.$':'$.url','Method':'GET','Authentication':{'ConnectionArn':'billing'}},"
                + "'End':true}}}").replace('\'', '"');
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            HttpInvokeComponent http = context.getComponent("asl-http", HttpInvokeComponent.class);
            http.addConnection(HttpConnection.basic("billing", "u", "p"));
            http.setAllowedEndpoints("https://api.example.com/computed/");
            List<String> found = new AslDeployer(context, null, new ResourceResolvers(context, List.of()), null)
                    .validate(definition, "STANDARD").stream().map(d -> d.message()).toList();
            assertEquals(1, found.size(), found.toString());
            assertTrue(found.get(0).contains("its connection 'billing' has no allowedEndpoints of its own"),
                    found.toString());
        }
    }

    @Test
    void aLiteralHttpEndpointNeedsAllowHttp() throws Exception {
        String refused = problems("{'ApiEndpoint':'http://api.example.com/v1','Method':'GET'}").get(0);
        assertTrue(refused.contains("not an https URL") && refused.contains("allowHttp"), refused);
    }

    @Test
    void aPatternTheConnectorDoesNotRunIsRefusedNamingWhatItRuns() throws Exception {
        List<String> found = problems("arn:aws:states:::http:invoke.waitForTaskToken",
                "'Parameters':{'ApiEndpoint':'https://api.example.com/x','Method':'GET'}", true);
        assertEquals(1, found.size(), found.toString());
        // the module is here: the refusal must not tell the user to add it
        assertTrue(found.get(0).contains("io.github.camelasl:camel-asl-http is on the classpath and runs "
                + "'http:invoke', but not with the '.waitForTaskToken' integration pattern"), found.toString());
        assertTrue(!found.get(0).contains("to the classpath"), found.toString());
    }
}
