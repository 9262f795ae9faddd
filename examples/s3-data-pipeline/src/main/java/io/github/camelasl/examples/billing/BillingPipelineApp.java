package io.github.camelasl.examples.billing;

import io.github.camelasl.aws.AwsEnvironment;
import io.github.camelasl.engine.AslError;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The S3-triggered billing pipeline as a Camel app: a route consumes the SQS queue S3 sends its event
 * notifications to and starts one execution of {@code billing-pipeline.asl.json} per created object. The Tasks
 * that name S3 and SNS ARNs run on the camel-asl S3 and SNS connectors; the local steps run on the
 * {@link Billing} bean and the {@code direct:preprocess} route.
 *
 * <p>AWS settings come from the standard places (AWS_REGION, AWS_ENDPOINT_URL[_SQS|_S3|_SNS], the default
 * credential chain) or from the components' options set before the context starts, so the same app runs
 * against AWS or against local servers.
 */
public final class BillingPipelineApp {

    /** The definition on the class path. */
    public static final String DEFINITION = "classpath:billing-pipeline.asl.json";

    /**
     * What the app needs besides the AWS settings.
     *
     * @param queue        the SQS queue (name) S3's event notifications go to
     * @param topicArn     the SNS topic success and failure notifications are published to
     * @param outputPrefix the key prefix reports are written under (in the source object's bucket)
     * @param sqsOptions   camel-aws2-sqs endpoint options for the consumer (region, endpoint, credentials)
     */
    public record Settings(String queue, String topicArn, String outputPrefix, Map<String, String> sqsOptions) {

        /**
         * BILLING_QUEUE (default billing-events), BILLING_TOPIC_ARN (required), BILLING_OUTPUT_PREFIX (default
         * processed/), and the consumer's AWS settings from the standard environment.
         */
        public static Settings fromEnvironment() {
            String topic = System.getenv("BILLING_TOPIC_ARN");
            if (topic == null || topic.isBlank()) {
                throw new IllegalStateException("set BILLING_TOPIC_ARN to the SNS topic to notify");
            }
            return new Settings(env("BILLING_QUEUE", "billing-events"), topic,
                    env("BILLING_OUTPUT_PREFIX", "processed/"),
                    AwsEnvironment.system().camelOptions("SQS", "us-east-1"));
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    private BillingPipelineApp() {
    }

    /** A CamelContext (not started) with the pipeline's bean and routes. */
    public static CamelContext create(Settings settings) throws Exception {
        CamelContext context = new DefaultCamelContext();
        Billing billing = new Billing();
        context.getRegistry().bind("billing", billing);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(sqsUri(settings)).routeId("s3-events")
                        .process(e -> e.getMessage().setBody(S3Events.executionInputs(
                                e.getMessage().getBody(String.class), settings.topicArn(), settings.outputPrefix())))
                        .split(body())
                            .doTry()
                                .to("asl:billing-pipeline?definition=" + DEFINITION)
                                .log("SUCCEEDED ${header.CamelAslExecutionArn}: ${body}")
                            .doCatch(AslError.class)
                                // notified on SNS by the definition; the event is consumed, not redelivered
                                .log(LoggingLevel.WARN, "FAILED ${header.CamelAslExecutionArn}: ${exception.message}")
                            .end()
                        .end();

                from("direct:preprocess").routeId("preprocess").bean(billing, "preprocess");
            }
        });
        return context;
    }

    static String sqsUri(Settings settings) {
        StringJoiner options = new StringJoiner("&", "?", "").setEmptyValue("");
        settings.sqsOptions().forEach((name, value) -> options.add(name + "=RAW(" + value + ")"));
        return "aws2-sqs://" + settings.queue() + options;
    }

    /** Runs until interrupted (Ctrl-C). */
    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromEnvironment();
        CamelContext context = create(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                context.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            stopped.countDown();
        }));
        context.start();
        System.out.println("Waiting for S3 events on SQS queue " + settings.queue() + " (Ctrl-C to stop)");
        stopped.await();
    }
}
