package io.github.camelasl.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.resource.ResourceRefusedException;
import io.github.camelasl.resource.ResourceResolver;
import io.github.camelasl.resource.ResourceResolvers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class LambdaResourceResolverTest {

    private final LambdaResourceResolver resolver = new LambdaResourceResolver();

    @Test
    void functionArnsKeepTheirQualifierAndPartition() {
        assertEquals(Optional.of("asl-aws-lambda:function:arn:aws:lambda:eu-west-1:123456789012:function:score"),
                resolver.resolve("arn:aws:lambda:eu-west-1:123456789012:function:score", null));
        assertEquals(Optional.of("asl-aws-lambda:function:arn:aws-cn:lambda:cn-north-1:123456789012:function:s:$LATEST"),
                resolver.resolve("arn:aws-cn:lambda:cn-north-1:123456789012:function:s:$LATEST", null));
    }

    @Test
    void theOptimizedIntegrationIsTheInvokeEndpoint() {
        assertEquals(Optional.of("asl-aws-lambda:invoke"), resolver.resolve("arn:aws:states:::lambda:invoke", null));
    }

    @Test
    void theCallbackVariantCallsTheSameEndpoint() {
        // the engine hands out the token and waits for it; the call is the plain invoke's
        assertEquals(Optional.of("asl-aws-lambda:invoke"),
                resolver.resolve("arn:aws:states:::lambda:invoke.waitForTaskToken", null));
    }

    @Test
    void otherResourcesAreLeftToOtherResolvers() {
        assertTrue(resolver.resolve("arn:aws:states:::sqs:sendMessage", null).isEmpty());
        assertTrue(resolver.resolve("arn:aws:lambda:us-east-1:123456789012:layer:libs:1", null).isEmpty());
        assertTrue(resolver.resolve("direct:score", null).isEmpty());
    }

    @Test
    void endpointOptionsAreAddedEncoded() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("uriEndpointOverride", "http://127.0.0.1:4566");
        options.put("secretKey", "a+b/c");
        assertEquals(Optional.of("asl-aws-lambda:invoke?uriEndpointOverride=http%3A%2F%2F127.0.0.1%3A4566"
                        + "&secretKey=a%2Bb%2Fc"),
                new LambdaResourceResolver(options).resolve("arn:aws:states:::lambda:invoke", null));
    }

    @Test
    void theComponentFindsTheResolverThroughServiceLoader() {
        assertTrue(ServiceLoader.load(ResourceResolver.class).stream()
                .anyMatch(p -> p.type() == LambdaResourceResolver.class));
    }

    @Test
    void aFunctionArnNeverAddsOptionsOrPlaceholdersToTheEndpointUri() {
        String arn = "arn:aws:lambda:us-east-1:123456789012:function:x?foo=bar&{{evil}}";
        ResourceRefusedException refused = assertThrows(ResourceRefusedException.class,
                () -> resolver.resolve(arn, null), () -> "resolved to " + resolver.resolve(arn, null));
        assertTrue(refused.getMessage().startsWith("The resource provided " + arn + " cannot be run by the Lambda "
                + "connector: it holds '?'"), refused.getMessage());
        assertThrows(ResourceRefusedException.class, () -> new LambdaResourceResolver(Map.of("region", "eu-west-1"))
                .resolve(arn, null));
    }

    /**
     * AWS Lambda's FunctionArn pattern (https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html):
     * a region and a 12-digit account AWS recognises, refused in AWS's words otherwise.
     */
    @Test
    void aFunctionArnWithARegionOrAccountAwsWouldNotRecogniseIsRefused() {
        for (String arn : List.of("arn:aws:lambda:not-a-region:123456789012:function:score",
                "arn:aws:lambda:us-east-1:1234:function:score", "arn:aws:lambda:::function:score")) {
            ResourceRefusedException refused = assertThrows(ResourceRefusedException.class,
                    () -> resolver.resolve(arn, null), arn);
            assertTrue(refused.getMessage().startsWith("The resource provided " + arn + " is not recognized. The value "
                    + "is not a valid resource ARN, or the resource is not available in this region."),
                    refused.getMessage());
        }
    }

    /** The regional form of the integration (AWS's samples write it) runs on the same endpoint, through the chain. */
    @Test
    void theRegionalFormOfTheInvokeIntegrationIsTheSameEndpoint() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            ResourceResolvers resolvers = new ResourceResolvers(camel, List.of());
            assertEquals(Optional.of("asl-aws-lambda:invoke"),
                    resolvers.resolve("arn:aws:states:us-east-1:123456789012:lambda:invoke"));
        }
    }

    @Test
    void theEndpointKeepsTheArnWhole() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            String uri = resolver.resolve("arn:aws:lambda:us-east-1:123456789012:function:score:$LATEST", camel)
                    .orElseThrow();
            LambdaEndpoint endpoint = camel.getEndpoint(uri, LambdaEndpoint.class);
            assertEquals(LambdaIntegration.function, endpoint.getIntegration());
            assertEquals("arn:aws:lambda:us-east-1:123456789012:function:score:$LATEST", endpoint.getFunction());
        }
    }
}
