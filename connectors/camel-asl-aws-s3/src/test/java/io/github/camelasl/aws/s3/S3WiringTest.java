package io.github.camelasl.aws.s3;

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
import software.amazon.awssdk.services.s3.S3Client;

/** How Tasks find the connector and where its client points, without any S3. */
class S3WiringTest {

    @Test
    void theSdkIntegrationArnsResolveToTheConnector() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            // found through ServiceLoader, as any application with the module on its classpath finds it
            ResourceResolvers resolvers = new ResourceResolvers(camel, List.of());
            for (String action : List.of("getObject", "putObject", "listObjectsV2", "headObject", "copyObject",
                    "deleteObject")) {
                assertEquals(Optional.of("asl-aws-s3:" + action), resolvers.resolve("arn:aws:states:::aws-sdk:s3:" + action));
            }
            assertEquals(Optional.of("asl-aws-s3:getObject"),
                    resolvers.resolve("arn:aws-us-gov:states:::aws-sdk:s3:getObject"));
            S3ResourceResolver resolver = new S3ResourceResolver();
            assertEquals(Optional.empty(), resolver.resolve("arn:aws:states:::aws-sdk:s3:putBucketTagging", camel));
            // the callback variant calls as the plain one does (the engine hands out the token and waits)
            assertEquals(Optional.of("asl-aws-s3:getObject"),
                    resolver.resolve("arn:aws:states:::aws-sdk:s3:getObject.waitForTaskToken", camel));
            // a Map's ItemReader names the optimized integrations: the same calls
            assertEquals(Optional.of("asl-aws-s3:getObject"), resolver.resolve("arn:aws:states:::s3:getObject", camel));
            assertEquals(Optional.of("asl-aws-s3:listObjectsV2"),
                    resolver.resolve("arn:aws:states:::s3:listObjectsV2", camel));
            // a Distributed Map's ResultWriter names s3:putObject: a write of the text it gives, no SDK action
            assertEquals(Optional.of("asl-aws-s3:writeObject"), resolver.resolve("arn:aws:states:::s3:putObject",
                    camel));
            assertEquals(Optional.empty(), resolver.resolve("arn:aws:states:::aws-sdk:s3:writeObject", camel));
            assertEquals(Optional.empty(), resolver.resolve("arn:aws:states:::aws-sdk:sqs:getObject", camel));
            assertEquals(Optional.empty(), resolver.resolve("arn:aws:states:::sqs:sendMessage", camel));
        }
    }

    @Test
    void unsetOptionsComeFromTheEnvironment() {
        AwsEnvironment env = new AwsEnvironment(Map.of("AWS_REGION", "eu-west-3",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:1", "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:2")::get);
        try (S3Client client = S3Clients.create(new S3Configuration(), env)) {
            assertEquals(Region.EU_WEST_3, client.serviceClientConfiguration().region());
            assertEquals(Optional.of(URI.create("http://127.0.0.1:2")), client.serviceClientConfiguration().endpointOverride());
        }
    }

    @Test
    void optionsWinOverTheEnvironment() {
        S3Configuration options = new S3Configuration();
        options.setRegion("ap-south-1");
        options.setUriEndpointOverride("http://127.0.0.1:3");
        options.setForcePathStyle(true);
        AwsEnvironment env = new AwsEnvironment(Map.of("AWS_REGION", "eu-west-3",
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:2")::get);
        try (S3Client client = S3Clients.create(options, env)) {
            assertEquals(Region.AP_SOUTH_1, client.serviceClientConfiguration().region());
            assertEquals(Optional.of(URI.create("http://127.0.0.1:3")), client.serviceClientConfiguration().endpointOverride());
        }
    }
}
