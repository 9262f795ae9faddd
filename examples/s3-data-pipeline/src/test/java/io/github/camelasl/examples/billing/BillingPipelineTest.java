package io.github.camelasl.examples.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelasl.AslComponent;
import io.github.camelasl.aws.s3.S3Component;
import io.github.camelasl.aws.s3.S3Configuration;
import io.github.camelasl.aws.sns.SnsComponent;
import io.github.camelasl.aws.sns.SnsConfiguration;
import io.github.camelasl.aws.testing.ElasticMq;
import io.github.camelasl.aws.testing.SnsStandIn;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.store.ExecutionRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The pipeline end to end on local servers in the test JVM, all on loopback: ElasticMQ for SQS, S3Mock for S3, the
 * SNS stand-in for SNS. Each test puts a CSV in the bucket and sends the event notification S3 would send (S3Mock
 * sends none) to the queue; the app's SQS consumer starts the execution.
 */
class BillingPipelineTest {

    static final String REGION = "us-east-1";
    static final String BUCKET = "billing-data";
    static final String QUEUE = "billing-events";

    @RegisterExtension
    static final S3MockExtension S3 = S3MockExtension.builder().silent().withSecureConnection(false)
            .withProperty("server.address", "127.0.0.1").build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ElasticMq sqs;
    private static SnsStandIn sns;
    private static S3Client s3;
    private static String topicArn;
    private static CamelContext camel;

    @BeforeAll
    static void start() throws Exception {
        sqs = new ElasticMq();
        sqs.createQueue(QUEUE);
        sns = new SnsStandIn(REGION);
        topicArn = sns.createTopic("billing-notifications");
        s3 = S3.createS3ClientV2();
        s3.createBucket(b -> b.bucket(BUCKET));

        Map<String, String> sqsOptions = new LinkedHashMap<>();
        sqsOptions.put("region", REGION);
        sqsOptions.put("overrideEndpoint", "true");
        sqsOptions.put("uriEndpointOverride", sqs.endpoint().toString());
        sqsOptions.put("accessKey", ElasticMq.ACCESS_KEY);
        sqsOptions.put("secretKey", ElasticMq.SECRET_KEY);
        sqsOptions.put("waitTimeSeconds", "1");
        camel = BillingPipelineApp.create(new BillingPipelineApp.Settings(QUEUE, topicArn, "processed/", sqsOptions));

        S3Configuration s3Options = camel.getComponent("asl-aws-s3", S3Component.class).getConfiguration();
        s3Options.setRegion(REGION);
        s3Options.setUriEndpointOverride("http://127.0.0.1:" + S3.getHttpPort());
        s3Options.setForcePathStyle(true);
        s3Options.setAccessKey("test");
        s3Options.setSecretKey("test");
        SnsConfiguration snsOptions = camel.getComponent("asl-aws-sns", SnsComponent.class).getConfiguration();
        snsOptions.setRegion(REGION);
        snsOptions.setUriEndpointOverride(sns.endpoint().toString());
        snsOptions.setAccessKey("test");
        snsOptions.setSecretKey("test");
        camel.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (sns != null) {
            sns.close();
        }
        if (sqs != null) {
            sqs.close();
        }
    }

    @Test
    void totalsTheFileWritesTheReportAndNotifiesSuccess() throws Exception {
        String key = "incoming/2024-05 invoices.csv";
        String csv = """
                customer_id,invoice_date,amount,currency
                ACME,2024-05-01,100.00,usd
                globex , 2024-05-02 , 20.5 , USD
                acme,2024-05-03,50.25,USD

                Globex,2024-05-09,9.50,USD
                globex , 2024-05-02 , 20.5 , USD
                initech,2024-05-10,1000,USD
                """;
        ExecutionRecord execution = upload(key, csv);

        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), () -> execution.error() + ": " + execution.cause());
        JsonNode report = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("processed/" + key + ".json"))
                .asUtf8String());
        assertEquals("s3://" + BUCKET + "/" + key, report.path("source").asText());
        assertEquals("USD", report.path("currency").asText());
        assertEquals(5, report.path("lines").asInt(), "the repeated globex line is dropped");
        assertEquals(3, report.path("customers").asInt());
        assertEquals(JSON.readTree("""
                [{"customer": "acme", "lines": 2, "total": "150.25"},
                 {"customer": "globex", "lines": 2, "total": "30.00"},
                 {"customer": "initech", "lines": 1, "total": "1000.00"}]"""), report.path("totals"));
        assertEquals("1180.25", report.path("grandTotal").asText());

        SnsStandIn.Published notice = notification(key);
        assertEquals("Billing data processed", notice.get("Subject"));
        assertEquals("Billing data s3://" + BUCKET + "/" + key + " processed: 3 customers, 5 invoice lines; "
                + "report at s3://" + BUCKET + "/processed/" + key + ".json", notice.get("Message"));
        assertEquals(notice.messageId(), execution.output().path("notification").asText());
    }

    @Test
    void aMalformedFileIsNotifiedAndFailsTheExecution() throws Exception {
        String key = "incoming/broken.csv";
        String csv = """
                customer_id,invoice_date,amount,currency
                acme,2024-05-01,100.00,USD
                globex,2024-05-02,twenty,USD
                """;
        ExecutionRecord execution = upload(key, csv);

        assertEquals(ExecutionStatus.FAILED, execution.status());
        assertEquals(Billing.INVALID, execution.error());
        assertEquals("line 3: amount 'twenty' is not a number with at most 2 decimals", execution.cause());
        SnsStandIn.Published notice = notification(key);
        assertEquals("Billing data pipeline failed", notice.get("Subject"));
        assertEquals("Billing data s3://" + BUCKET + "/" + key + " failed: InvalidBillingData: line 3: amount "
                + "'twenty' is not a number with at most 2 decimals", notice.get("Message"));
        assertTrue(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("processed/" + key)).contents().isEmpty(),
                "no report for a file that failed validation");
    }

    @Test
    void anObjectGoneBeforeItIsReadIsNotifiedWithS3sErrorName() throws Exception {
        String key = "incoming/deleted-meanwhile.csv";
        ExecutionRecord execution = announce(key, 42); // the event arrives, the object is not there

        assertEquals(ExecutionStatus.FAILED, execution.status());
        assertEquals("S3.NoSuchKeyException", execution.error(), execution.cause());
        SnsStandIn.Published notice = notification(key);
        assertEquals("Billing data pipeline failed", notice.get("Subject"));
        assertTrue(notice.get("Message").startsWith("Billing data s3://" + BUCKET + "/" + key
                + " failed: S3.NoSuchKeyException: The specified key does not exist"), notice.get("Message"));
    }

    /** Puts the object, sends S3's event notification for it to the queue, and waits for its execution to end. */
    private static ExecutionRecord upload(String key, String csv) throws Exception {
        s3.putObject(b -> b.bucket(BUCKET).key(key).contentType("text/csv"), RequestBody.fromString(csv));
        return announce(key, csv.getBytes(StandardCharsets.UTF_8).length);
    }

    /** Sends S3's event notification for the object to the queue, and waits for its execution to end. */
    private static ExecutionRecord announce(String key, long size) throws Exception {
        String queueUrl = sqs.client().getQueueUrl(b -> b.queueName(QUEUE)).queueUrl();
        sqs.client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(s3Event(key, size)));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Optional<ExecutionRecord> done = camel.getComponent("asl", AslComponent.class).executionStore("STANDARD").list()
                    .stream()
                    .filter(r -> key.equals(r.input().path("key").asText()) && r.status() != ExecutionStatus.RUNNING)
                    .findFirst();
            if (done.isPresent()) {
                return done.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no execution for " + key + " ended within 60 s");
    }

    private static SnsStandIn.Published notification(String key) {
        List<SnsStandIn.Published> matching = sns.published().stream()
                .filter(p -> topicArn.equals(p.get("TopicArn")) && p.get("Message").contains("/" + key + " "))
                .toList();
        assertEquals(1, matching.size(), () -> "notifications for " + key + ": " + sns.published());
        return matching.get(0);
    }

    /** The message S3 sends to SQS when an object is created (the key URL-encoded, a space as '+'). */
    static String s3Event(String key, long size) {
        return """
                {"Records": [{
                  "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "%s",
                  "eventTime": "%s", "eventName": "ObjectCreated:Put",
                  "userIdentity": {"principalId": "AWS:AIDAEXAMPLE"},
                  "requestParameters": {"sourceIPAddress": "127.0.0.1"},
                  "responseElements": {"x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "FMyUVURIY8"},
                  "s3": {
                    "s3SchemaVersion": "1.0", "configurationId": "billing-csv-created",
                    "bucket": {"name": "%s", "ownerIdentity": {"principalId": "A3NL1KOZZKExample"},
                               "arn": "arn:aws:s3:::%s"},
                    "object": {"key": "%s", "size": %d, "eTag": "d41d8cd98f00b204e9800998ecf8427e",
                               "sequencer": "0055AED6DCD90281E5"}}}]}
                """.formatted(REGION, Instant.now(), BUCKET, BUCKET,
                URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"), size);
    }
}
