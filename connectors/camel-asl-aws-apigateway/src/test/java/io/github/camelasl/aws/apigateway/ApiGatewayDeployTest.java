package io.github.camelasl.aws.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.resource.ResourceResolvers;
import java.util.List;
import java.util.Optional;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** What the apigateway:invoke resolver refuses when a definition is deployed. */
class ApiGatewayDeployTest {

    private static List<String> problems(String request) throws Exception {
        return problems(request, true);
    }

    private static List<String> problems(String request, boolean trusted) throws Exception {
        String definition = ("{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::apigateway:invoke'," + request + ",'End':true}}}").replace('\'', '"');
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            ApiGatewayConfiguration config = context.getComponent("asl-aws-apigateway", ApiGatewayComponent.class)
                    .getConfiguration();
            config.setTrustDefinitionEndpoints(trusted);
            config.setAllowedEndpoints("*.execute-api.eu-west-1.amazonaws.com");
            ResourceResolvers resolvers = new ResourceResolvers(context, List.of());
            return new AslDeployer(context, null, resolvers, null).validate(definition, "STANDARD").stream()
                    .map(d -> d.code() + ": " + d.message() + " at " + d.location()).toList();
        }
    }

    @Test
    void theArnAndItsCallbackVariantResolveToTheConnector() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            ResourceResolvers resolvers = new ResourceResolvers(context, List.of());
            assertEquals(Optional.of("asl-aws-apigateway:invoke"),
                    resolvers.resolve("arn:aws:states:::apigateway:invoke"));
            assertEquals(Optional.of("asl-aws-apigateway:invoke"),
                    resolvers.resolve("arn:aws:states:::apigateway:invoke.waitForTaskToken"));
            assertEquals(Optional.empty(), resolvers.resolve("arn:aws:states:::apigateway:invoke.sync"));
        }
    }

    @Test
    void awsExampleDeploys() throws Exception {
        assertEquals(List.of(), problems("'Parameters':{'ApiEndpoint':'example.execute-api.us-east-1.amazonaws.com',"
                + "'Method':'GET','Headers':{'key':['value1','value2']},'Stage':'prod','Path':'bills',"
                + "'QueryParameters':{'billId':['123456']},'RequestBody':{},'AuthType':'NO_AUTH'}"));
    }

    @Test
    void wrongValuesAreRefused() throws Exception {
        assertEquals(List.of("SCHEMA_VALIDATION_FAILED: The field 'Method' is required but was missing at "
                + "/States/T/Parameters"), problems("'Parameters':{'ApiEndpoint':'a.execute-api.us-east-1.amazonaws.com'}"));
        List<String> found = problems("'Parameters':{'ApiEndpoint':'https://a.example/x','Method':'TRACE',"
                + "'AuthType':'IAM_AUTH','Headers':{'Host':['h']}}");
        assertEquals(4, found.size(), found.toString());
        assertTrue(found.get(0).contains("host name"), found.toString());
        assertTrue(found.get(1).contains("Method must be one of"), found.toString());
        assertTrue(found.get(2).contains("AuthType must be"), found.toString());
        assertTrue(found.get(3).contains("header 'Host'"), found.toString());
    }

    @Test
    void untrustedDefinitionsNeedAllowedHostsForLiteralEndpointsToo() throws Exception {
        assertEquals(List.of(), problems("'Parameters':{'ApiEndpoint':'a1.execute-api.eu-west-1.amazonaws.com',"
                + "'Method':'GET'}", false));
        assertTrue(problems("'Parameters':{'ApiEndpoint':'a1.execute-api.us-east-1.amazonaws.com','Method':'GET'}",
                false).get(0).contains("is not one of the asl-aws-apigateway component's allowedEndpoints"));
    }

    @Test
    void aComputedApiNeedsAllowedHosts() throws Exception {
        String definition = ("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':"
                + "'arn:aws:states:::apigateway:invoke','Parameters':{'ApiEndpoint.$':'$.api','Method':'GET'},"
                + "'End':true}}}").replace('\'', '"');
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            ResourceResolvers resolvers = new ResourceResolvers(context, List.of());
            String refused = new AslDeployer(context, null, resolvers, null).validate(definition, "STANDARD").get(0)
                    .message();
            assertTrue(refused.contains("ApiEndpoint comes from the data"), refused);
        }
        // with allowed hosts configured, it deploys
        assertEquals(List.of(), problems("'Parameters':{'ApiEndpoint.$':'$.api','Method':'GET'}"));
    }
}
