package io.github.camelasl.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.aws.testing.LambdaFunction.Outcome;
import io.github.camelasl.aws.testing.LambdaStandIn;
import io.github.camelasl.engine.AslError;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Which client calls Lambda: one in the registry, else one built from the options; and when none answers. */
class LambdaClientChoiceTest {

    private static final String DEFINITION = "classpath:machines/function-arn.asl.json";

    @Test
    void aLambdaClientInTheRegistryIsUsedWithTheResolverServiceLoaderFinds() throws Exception {
        try (LambdaStandIn lambda = LambdaStandIn.start("us-east-1", "123456789012")
                .deploy("score", (event, call) -> Outcome.returning("{\"by\": \"registry client\"}"));
             LambdaClient client = LambdaClient.builder().region(Region.US_EAST_1)
                     .endpointOverride(URI.create(lambda.endpoint()))
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                     .build();
             CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("lambdaClient", client);
            // were the component's options used instead, the call would find nobody listening
            LambdaComponent component = new LambdaComponent();
            component.getConfiguration().setUriEndpointOverride("http://127.0.0.1:" + freePort());
            camel.addComponent("asl-aws-lambda", component);
            camel.addRoutes(route());
            camel.start();

            String output = camel.createProducerTemplate().requestBody("direct:start", "{\"rows\": []}", String.class);

            assertEquals("{\"rows\":[],\"scored\":{\"by\":\"registry client\"}}", output);
        }
    }

    @Test
    void nobodyListeningIsLambdaSdkClientException() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            LambdaComponent component = new LambdaComponent();
            component.getConfiguration().setUriEndpointOverride("http://127.0.0.1:" + freePort());
            component.getConfiguration().setAccessKey("a");
            component.getConfiguration().setSecretKey("b");
            camel.addComponent("asl-aws-lambda", component);
            camel.addRoutes(route());
            camel.start();

            CamelExecutionException e = assertThrows(CamelExecutionException.class,
                    () -> camel.createProducerTemplate().requestBody("direct:start", "{\"rows\": []}", String.class));

            AslError failure = assertInstanceOf(AslError.class, e.getCause());
            assertEquals("Lambda.SdkClientException", failure.error());
            assertTrue(failure.cause().contains("127.0.0.1"), failure.cause());
        }
    }

    private static RouteBuilder route() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").to("asl:score?definition=" + DEFINITION);
            }
        };
    }

    /** A port nobody listens on (it was free a moment ago). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
