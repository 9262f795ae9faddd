package io.github.camelasl.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * AwsArns is the one reader of ARNs: the Task events, the deployer's "not supported" message, the EXPRESS checks,
 * TaskState's activity test and the connectors' Arn all ask it, so they cannot disagree on what an ARN is. The
 * shapes are AWS's: {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html), integrations
 * {@code arn:aws:states:::SERVICE:ACTION[.sync|.waitForTaskToken]}
 * (https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html) and activities
 * {@code arn:aws:states:REGION:ACCOUNT:activity:NAME}.
 */
class AwsArnsTest {

    @Test
    void anArnHasSixPartsAndItsResourceKeepsItsColons() {
        assertEquals(Optional.of(new AwsArns.Arn("aws", "lambda", "us-east-1", "123456789012", "function:f:$LATEST")),
                AwsArns.parse("arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST"));
        assertEquals(Optional.of("lambda:invoke"),
                AwsArns.parse("arn:aws:states:::lambda:invoke").flatMap(AwsArns.Arn::integration));
        // a states ARN with a region and account is no (regionless) integration: an activity, a state machine
        assertEquals(Optional.empty(), AwsArns.parse("arn:aws:states:us-east-1:123456789012:activity:a")
                .flatMap(AwsArns.Arn::integration));
        for (String notAnArn : new String[] {"direct:a", "arn:aws:lambda:us-east-1", "", "ARN:aws:s3:::b:c"}) {
            assertEquals(Optional.empty(), AwsArns.parse(notAnArn), notAnArn);
        }
        assertEquals(Optional.empty(), AwsArns.parse(null));
    }

    @Test
    void activitiesAndTheWaitingIntegrationsAreToldApart() {
        assertTrue(AwsArns.isActivity("arn:aws:states:us-east-1:123456789012:activity:worker"));
        assertFalse(AwsArns.isActivity("arn:aws:states:us-east-1:123456789012:activity:"));
        assertFalse(AwsArns.isActivity("direct:activity:worker"));
        assertTrue(AwsArns.isSyncIntegration("arn:aws:states:::glue:startJobRun.sync"));
        assertTrue(AwsArns.isSyncIntegration("arn:aws:states:::states:startExecution.sync:2"));
        assertTrue(AwsArns.isSyncIntegration("arn:aws:states:us-east-1:123456789012:glue:startJobRun.sync"));
        assertFalse(AwsArns.isSyncIntegration("arn:aws:states:::glue:startJobRun"));
        assertTrue(AwsArns.isCallbackIntegration("arn:aws:states:::sqs:sendMessage.waitForTaskToken"));
        assertTrue(AwsArns.isCallbackIntegration(
                "arn:aws:states:eu-west-1:123456789012:sqs:sendMessage.waitForTaskToken"));
        assertFalse(AwsArns.isCallbackIntegration("direct:queue.waitForTaskToken"));
        assertFalse(AwsArns.isCallbackIntegration(null));
    }
}
