package io.github.camelasl.cli;

import static io.github.camelasl.cli.CliRun.asl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.aws.testing.JsonProtocolStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * aws-sdk integrations in the CLI: the services it ships validate as they are, and a service it does not ship
 * (Firehose) runs when its SDK module is given with --classpath, on the endpoint the SDK's standard environment names
 * (the aws.endpointUrl system property here, AWS_ENDPOINT_URL in a shell).
 */
class AslCliSdkIntegrationTest {

    private static final Path FIREHOSE_JAR = Path.of("target/sdk-modules/firehose.jar");
    private static final Map<String, String> ENVIRONMENT = Map.of("AWS_REGION", "us-east-1",
            "aws.accessKeyId", "test", "aws.secretAccessKey", "test");

    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        ENVIRONMENT.keySet().forEach(System::clearProperty);
        System.clearProperty("aws.endpointUrl");
    }

    @Test
    void theShippedServicesResolve() throws Exception {
        for (String integration : new String[] {"secretsmanager:getSecretValue", "dynamodb:query",
                "sfn:startExecution", "athena:getQueryResults", "glue:startJobRun", "s3:putBucketTagging"}) {
            CliRun.Result r = asl("validate", definition("aws-sdk:" + integration, "{}"));
            assertEquals(0, r.code(), integration + ": " + r.out() + r.err());
        }
    }

    @Test
    void aServiceGivenWithClasspathRuns() throws Exception {
        assertTrue(Files.isRegularFile(FIREHOSE_JAR), "the build copies " + FIREHOSE_JAR);
        String definition = definition("aws-sdk:firehose:listDeliveryStreams", "{\"Limit\": 5}");

        // not shipped: refused naming the module that would run it
        CliRun.Result without = asl("run", definition);
        assertEquals(2, without.code(), without.out() + without.err());
        assertTrue(without.err().contains("add io.github.camelasl:camel-asl-aws-sdk and "
                + "software.amazon.awssdk:firehose to the classpath"), without.err());

        try (JsonProtocolStandIn firehose = new JsonProtocolStandIn("1.1")) {
            firehose.answer("Firehose_20150804.ListDeliveryStreams",
                    "{\"DeliveryStreamNames\": [\"clicks\"], \"HasMoreDeliveryStreams\": false}");
            ENVIRONMENT.forEach(System::setProperty);
            System.setProperty("aws.endpointUrl", firehose.endpoint().toString());
            CliRun.Result with = asl("run", definition, "--json", "--classpath", FIREHOSE_JAR.toString());
            assertEquals(0, with.code(), with.out() + with.err());
            assertEquals("{\"DeliveryStreamNames\":[\"clicks\"],\"HasMoreDeliveryStreams\":false}",
                    with.json().path("output").toString());
            assertEquals("{\"Limit\":5}", firehose.requests().get(0).body().toString());
        }
    }

    private String definition(String integration, String parameters) throws Exception {
        Path file = Files.createTempFile(tmp, "sdk", ".asl.json");
        Files.writeString(file, """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::%s",
                  "Parameters": %s, "End": true}}}""".formatted(integration, parameters));
        return file.toString();
    }
}
