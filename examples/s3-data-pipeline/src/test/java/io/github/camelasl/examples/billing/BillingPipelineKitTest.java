package io.github.camelasl.examples.billing;

import static io.github.camelasl.test.AslAssertions.assertThat;

import io.github.camelasl.aws.s3.S3Component;
import io.github.camelasl.aws.s3.S3Configuration;
import io.github.camelasl.aws.sns.SnsComponent;
import io.github.camelasl.aws.sns.SnsConfiguration;
import io.github.camelasl.test.AslTestKit;
import io.github.camelasl.test.ExecutionRun;
import io.github.camelasl.test.StateMachineUnderTest;
import io.github.camelasl.test.TaskMock;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's logic in milliseconds, without AWS or its emulators: its S3 and SNS Tasks mocked by state name,
 * its own steps (the Billing bean, the preprocess route) run for real. {@link BillingPipelineTest} runs the same
 * pipeline end to end on local S3, SQS and SNS servers.
 */
class BillingPipelineKitTest {

    private static final String INPUT = """
            {"bucket": "billing-data", "key": "incoming/may.csv", "size": 120,
             "topicArn": "arn:aws:sns:us-east-1:123456789012:billing", "outputPrefix": "processed/"}""";

    private AslTestKit kit;
    private StateMachineUnderTest pipeline;
    private TaskMock failureNotice;

    @BeforeEach
    void deploy() throws Exception {
        kit = AslTestKit.create();
        Billing billing = new Billing();
        kit.camelContext().getRegistry().bind("billing", billing);
        kit.camelContext().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:preprocess").bean(billing, "preprocess");
            }
        });
        // the connectors' endpoints are created at deployment, mocked or not: a region and keys, never used
        S3Configuration s3 = kit.camelContext().getComponent("asl-aws-s3", S3Component.class).getConfiguration();
        s3.setRegion("us-east-1");
        s3.setAccessKey("unused");
        s3.setSecretKey("unused");
        SnsConfiguration sns = kit.camelContext().getComponent("asl-aws-sns", SnsComponent.class).getConfiguration();
        sns.setRegion("us-east-1");
        sns.setAccessKey("unused");
        sns.setSecretKey("unused");
        pipeline = kit.deploy("billing-pipeline", BillingPipelineApp.DEFINITION);
        pipeline.mock("WriteReport").thenReturn("{\"ETag\": \"\\\"report\\\"\"}");
        pipeline.mock("NotifySuccess").thenReturn("{\"MessageId\": \"m-1\"}");
        failureNotice = pipeline.mock("NotifyFailure").thenReturn("{\"MessageId\": \"m-2\"}");
    }

    @AfterEach
    void close() {
        kit.close();
    }

    private void s3Holds(String csv) {
        pipeline.mock("ReadFile").thenAnswer(request -> java.util.Map.of("Body", csv, "ETag", "\"e\""));
    }

    @Test
    void totalsTheFileWritesTheReportAndNotifiesSuccess() {
        s3Holds("""
                customer_id,invoice_date,amount,currency
                ACME,2024-05-01,100.00,usd
                globex , 2024-05-02 , 20.5 , USD
                acme,2024-05-03,50.25,USD
                """);

        ExecutionRun run = pipeline.run(INPUT);

        assertThat(run).succeeded()
                .tookPath("ReadFile", "ValidateFile", "PreProcess", "Process", "WriteReport", "NotifySuccess", "Done")
                .hasOutputAt("$.report", "\"s3://billing-data/processed/incoming/may.csv.json\"")
                .hasOutputAt("$.totals", """
                        [{"customer": "acme", "lines": 2, "total": "150.25"},
                         {"customer": "globex", "lines": 1, "total": "20.50"}]""")
                .hasOutputAt("$.notification", "\"m-1\"")
                .state("WriteReport").wasEntered(1);
    }

    @Test
    void aMalformedFileIsNotifiedAndFailsTheExecution() {
        s3Holds("customer_id,invoice_date,amount,currency\nacme,2024-05-01,100.00,USD\nglobex,2024-05-02,twenty,USD\n");

        ExecutionRun run = pipeline.run(INPUT);

        assertThat(run).failed().hasError(Billing.INVALID)
                .hasCause("line 3: amount 'twenty' is not a number with at most 2 decimals")
                .tookPath("ReadFile", "ValidateFile", "NotifyFailure", "Failed");
        assertThat(failureNotice.invocations().get(0).path("Message").asText()).isEqualTo("Billing data "
                + "s3://billing-data/incoming/may.csv failed: InvalidBillingData: line 3: amount 'twenty' is not a "
                + "number with at most 2 decimals");
    }

    @Test
    void anObjectGoneBeforeItIsReadIsNotifiedWithS3sErrorName() {
        pipeline.mock("ReadFile").thenThrow("S3.NoSuchKeyException", "The specified key does not exist.");

        assertThat(pipeline.run(INPUT)).failed().hasError("S3.NoSuchKeyException")
                .passedThrough("ReadFile", "NotifyFailure", "Failed").didNotPassThrough("ValidateFile");
    }
}
