package io.github.camelasl.aws.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.aws.testing.JsonProtocolStandIn;
import io.github.camelasl.engine.AslError;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The clients the component builds bound a reply in time (apiCallTimeout, apiCallAttemptTimeout) and in size
 * (maxResponseSize) before the SDK parses it: the review of #21 (M4) found neither.
 */
class SdkClientBoundsTest {

    private JsonProtocolStandIn dynamo;
    private CamelContext camel;
    private final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        dynamo = new JsonProtocolStandIn("1.0");
        camel = new DefaultCamelContext();
        AwsSdkConfiguration config = camel.getComponent("asl-aws-sdk", AwsSdkComponent.class).getConfiguration();
        config.setRegion("us-east-1");
        config.setUriEndpointOverride(dynamo.endpoint().toString());
        config.setAccessKey("test");
        config.setSecretKey("test");
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        released.countDown();
        camel.close();
        dynamo.close();
    }

    @Test
    void theOptionsHaveTheirDefaultsAndTakeDurations() throws Exception {
        AwsSdkConfiguration defaults = new AwsSdkConfiguration();
        assertEquals(60_000, defaults.getApiCallTimeout());
        assertEquals(30_000, defaults.getApiCallAttemptTimeout());
        assertEquals(16L * 1024 * 1024, defaults.getMaxResponseSize());
        AwsSdkEndpoint endpoint = camel.getEndpoint("asl-aws-sdk:dynamodb/listTables?apiCallTimeout=2s"
                + "&apiCallAttemptTimeout=500ms&maxResponseSize=4096", AwsSdkEndpoint.class);
        assertEquals(2_000, endpoint.getConfiguration().getApiCallTimeout());
        assertEquals(500, endpoint.getConfiguration().getApiCallAttemptTimeout());
        assertEquals(4096, endpoint.getConfiguration().getMaxResponseSize());
    }

    @Test
    void aReplyThatDoesNotComeInTimeFailsTheCall() {
        dynamo.on("DynamoDB_20120810.ListTables", request -> {
            try {
                released.await(20, TimeUnit.SECONDS); // far beyond the bound below; released when the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return JsonProtocolStandIn.ok("{\"TableNames\": []}");
        });
        AslError error = failure("asl-aws-sdk:dynamodb/listTables?apiCallTimeout=300ms&apiCallAttemptTimeout=200ms");
        assertEquals("DynamoDb.SdkClientException", error.error());
        assertTrue(error.cause().contains("did not complete before the specified timeout"), error.cause());
    }

    @Test
    void aReplyLargerThanTheBoundFailsTheCallBeforeItIsParsed() {
        dynamo.answer("DynamoDB_20120810.ListTables", "{\"TableNames\": [\"" + "t".repeat(5000) + "\"]}");
        AslError error = failure("asl-aws-sdk:dynamodb/listTables?maxResponseSize=4096");
        assertEquals("DynamoDb.SdkClientException", error.error());
        assertTrue(error.cause().contains("The reply is larger than 4096 bytes"), error.cause());
        // under the bound it is read whole
        assertTrue(camel.createProducerTemplate().requestBody("asl-aws-sdk:dynamodb/listTables?maxResponseSize=8192",
                "{}", String.class).contains("ttt"));
    }

    private AslError failure(String uri) {
        CamelExecutionException thrown = assertThrows(CamelExecutionException.class,
                () -> camel.createProducerTemplate().requestBody(uri, "{}", String.class));
        return assertInstanceOf(AslError.class, thrown.getCause());
    }
}
