package io.github.camelasl.aws.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Deploying a machine with aws-sdk Tasks builds no client: a Task that never runs needs no region or credentials. */
class LazyClientTest {

    @Test
    void aTaskThatDoesNotRunNeedsNoClient() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("machine", """
                    {"StartAt": "Skip", "States": {
                      "Skip": {"Type": "Choice", "Choices": [{"Variable": "$.call", "BooleanEquals": true,
                               "Next": "List"}], "Default": "Done"},
                      "List": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:secretsmanager:listSecrets",
                               "Parameters": {}, "End": true},
                      "Done": {"Type": "Pass", "Result": "skipped", "End": true}}}""");
            camel.start();
            assertEquals("\"skipped\"", camel.createProducerTemplate()
                    .requestBody("asl:machine?definition=ref:machine", "{\"call\": false}", String.class));
            AwsSdkComponent component = camel.getComponent("asl-aws-sdk", AwsSdkComponent.class);
            assertEquals(0, component.clients().built());
        }
    }
}
