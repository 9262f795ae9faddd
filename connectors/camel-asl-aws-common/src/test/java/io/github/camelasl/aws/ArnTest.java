package io.github.camelasl.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ArnTest {

    @Test
    void parsesFunctionArnsKeepingTheQualifier() {
        Arn arn = Arn.parse("arn:aws:lambda:eu-west-1:123456789012:function:score:live").orElseThrow();
        assertEquals("lambda", arn.service());
        assertEquals("eu-west-1", arn.region());
        assertEquals("function:score:live", arn.resource());
        assertTrue(arn.integration().isEmpty());
    }

    @Test
    void serviceIntegrationsHaveNoRegionNorAccount() {
        assertEquals("lambda:invoke", Arn.parse("arn:aws:states:::lambda:invoke").orElseThrow().integration().orElseThrow());
        assertEquals("sqs:sendMessage.waitForTaskToken",
                Arn.parse("arn:aws:states:::sqs:sendMessage.waitForTaskToken").orElseThrow().integration().orElseThrow());
        assertTrue(Arn.parse("direct:x").isEmpty());
    }

    @Test
    void theServiceSpecificEndpointWinsOverTheGeneralOne() {
        AwsEnvironment env = new AwsEnvironment(Map.of("AWS_ENDPOINT_URL", "http://general",
                "AWS_ENDPOINT_URL_SQS", "http://sqs", "AWS_REGION", "eu-central-1")::get);
        assertEquals("http://sqs", env.endpoint("SQS"));
        assertEquals("http://general", env.endpoint("S3"));
        assertEquals("eu-central-1", env.camelOptions("S3", "us-east-1").get("region"));
        assertEquals("http://general", env.camelOptions("S3", "us-east-1").get("uriEndpointOverride"));
    }
}
