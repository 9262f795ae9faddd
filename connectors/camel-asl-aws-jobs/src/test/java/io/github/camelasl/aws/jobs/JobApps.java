package io.github.camelasl.aws.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslComponent;
import io.github.camelasl.AslConstants;
import io.github.camelasl.aws.testing.JobLifecycleStandIn;
import io.github.camelasl.dataflow.Json;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * An app with one state machine ({@code direct:run} runs it and answers its output; {@code direct:start},
 * {@code direct:describe}, {@code direct:stop}), the job services' real SDK clients bound in its registry pointing at a
 * {@link JobLifecycleStandIn} (their own retries off, so what the connector retries shows), and .sync polls every
 * 20 to 50 ms.
 */
final class JobApps {

    private JobApps() {
    }

    static CamelContext app(Path folder, String definition, String store, JobLifecycleStandIn standIn)
            throws Exception {
        Path file = folder.resolve("jobs.asl.json");
        Files.writeString(file, definition);
        CamelContext context = new DefaultCamelContext();
        AslComponent asl = new AslComponent();
        asl.setStore(store);
        asl.setStoreFolder(folder.resolve("store").toString());
        context.addComponent("asl", asl);
        JobsComponent jobs = new JobsComponent();
        jobs.setPollInitialDelay(20);
        jobs.setPollMaxDelay(50);
        // SageMaker and CodeBuild, called without an SDK client: the component's options
        jobs.getConfiguration().setUriEndpointOverride(standIn.endpoint().toString());
        jobs.getConfiguration().setRegion("us-east-1");
        jobs.getConfiguration().setAccessKey("AKIDTEST");
        jobs.getConfiguration().setSecretKey("s");
        context.addComponent("asl-aws-jobs", jobs);
        URI endpoint = standIn.endpoint();
        for (SdkClient client : List.of(client(GlueClient.builder(), endpoint), client(AthenaClient.builder(), endpoint),
                client(BatchClient.builder(), endpoint), client(EcsClient.builder(), endpoint),
                client(EmrClient.builder(), endpoint), client(EksClient.builder(), endpoint))) {
            context.getRegistry().bind(client.serviceName(), client);
        }
        context.getShutdownStrategy().setTimeout(2); // a Task may still wait for its job when a test ends
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:run").to("asl:jobs?definition=file:" + file);
                from("direct:start").to("asl:jobs?definition=file:" + file + "&operation=startExecution");
                from("direct:describe").to("asl:jobs?operation=describeExecution");
                from("direct:stop").to("asl:jobs?operation=stopExecution");
                from("direct:history").to("asl:jobs?operation=getExecutionHistory");
            }
        });
        context.start();
        return context;
    }

    private static SdkClient client(AwsClientBuilder<?, ?> builder, URI endpoint) {
        builder.endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "s")));
        builder.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        return (SdkClient) builder.build();
    }

    /** Runs the machine on {@code input} and answers its output; a run that does not end in 30 s fails the test. */
    static JsonNode run(CamelContext app, String input) throws Exception {
        return Json.parse(app.createProducerTemplate().asyncRequestBody("direct:run", input, String.class)
                .get(30, java.util.concurrent.TimeUnit.SECONDS));
    }

    /** Starts an execution named {@code name}; its ARN. */
    static String start(CamelContext app, String input, String name) throws Exception {
        return Json.parse(app.createProducerTemplate().requestBodyAndHeader("direct:start", input,
                AslConstants.EXECUTION_NAME, name, String.class)).get("executionArn").asText();
    }

    static JsonNode describe(CamelContext app, String arn) throws Exception {
        return Json.parse(app.createProducerTemplate().requestBody("direct:describe",
                "{\"executionArn\": \"" + arn + "\"}", String.class));
    }

    /** The execution's description once it is no longer RUNNING (waits up to 10 s). */
    static JsonNode awaitEnd(CamelContext app, String arn) throws Exception {
        for (int i = 0; i < 500; i++) {
            JsonNode described = describe(app, arn);
            if (!"RUNNING".equals(described.get("status").asText())) {
                return described;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(arn + " still runs: " + describe(app, arn));
    }

    /** Waits up to 10 s for {@code condition}. */
    static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("never happened: " + what);
    }
}
