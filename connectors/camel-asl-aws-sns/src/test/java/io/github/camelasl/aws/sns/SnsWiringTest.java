package io.github.camelasl.aws.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.camelasl.aws.AwsEnvironment;
import io.github.camelasl.resource.ResourceResolvers;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/** How Tasks find the connector and where its client points, without any SNS. */
class SnsWiringTest {

    @Test
    void theServiceIntegrationArnResolvesToTheConnector() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            // found through ServiceLoader, as any application with the module on its classpath finds it
            ResourceResolvers resolvers = new ResourceResolvers(camel, List.of());
            assertEquals(Optional.of("asl-aws-sns:publish"), resolvers.resolve("arn:aws:states:::sns:publish"));
            assertEquals(Optional.of("asl-aws-sns:publish"), resolvers.resolve("arn:aws-cn:states:::sns:publish"));
            // the callback variant publishes the same way; the engine waits for the token
            assertEquals(Optional.of("asl-aws-sns:publish"),
                    new SnsResourceResolver().resolve("arn:aws:states:::sns:publish.waitForTaskToken", camel));
            assertEquals(Optional.empty(), new SnsResourceResolver().resolve("arn:aws:states:::sqs:sendMessage", camel));
        }
    }

    @Test
    void unsetOptionsComeFromTheEnvironmentAndOptionsWin() {
        AwsEnvironment env = new AwsEnvironment(Map.of("AWS_REGION", "eu-west-3",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:1", "AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:2")::get);
        try (SnsClient client = SnsClients.create(new SnsConfiguration(), env)) {
            assertEquals(Region.EU_WEST_3, client.serviceClientConfiguration().region());
            assertEquals(Optional.of(URI.create("http://127.0.0.1:2")), client.serviceClientConfiguration().endpointOverride());
        }
        SnsConfiguration options = new SnsConfiguration();
        options.setRegion("ap-south-1");
        options.setUriEndpointOverride("http://127.0.0.1:3");
        try (SnsClient client = SnsClients.create(options, env)) {
            assertEquals(Region.AP_SOUTH_1, client.serviceClientConfiguration().region());
            assertEquals(Optional.of(URI.create("http://127.0.0.1:3")), client.serviceClientConfiguration().endpointOverride());
        }
    }
}
