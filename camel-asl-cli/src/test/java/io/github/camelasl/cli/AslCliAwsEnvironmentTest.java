package io.github.camelasl.cli;

import static io.github.camelasl.cli.CliRun.asl;
import static io.github.camelasl.cli.CliRun.def;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.camelasl.aws.testing.LambdaFunction;
import io.github.camelasl.aws.testing.LambdaStandIn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CLI runs a definition written for AWS on the services the standard AWS environment names: here
 * AWS_ENDPOINT_URL_LAMBDA points at a local Lambda stand-in speaking Lambda's wire protocol. (The connectors read
 * the Java system properties of the same names first, which lets the test set them in process.)
 */
class AslCliAwsEnvironmentTest {

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "AWS_REGION", "us-east-1",
            // the SDK's default credential chain reads these system properties
            "aws.accessKeyId", "test", "aws.secretAccessKey", "test");

    private LambdaStandIn lambda;

    @AfterEach
    void clear() {
        ENVIRONMENT.keySet().forEach(System::clearProperty);
        System.clearProperty("AWS_ENDPOINT_URL_LAMBDA");
        if (lambda != null) {
            lambda.close();
        }
    }

    @Test
    void aLambdaArnRunsOnTheEndpointTheEnvironmentNames() throws Exception {
        lambda = LambdaStandIn.start("us-east-1", "123456789012")
                .deploy("score", (event, call) -> LambdaFunction.Outcome.returning("{\"score\": 0.9}"));
        ENVIRONMENT.forEach(System::setProperty);
        System.setProperty("AWS_ENDPOINT_URL_LAMBDA", lambda.endpoint());

        CliRun.Result run = asl("run", def("score-on-lambda.asl.json"), "--input", "{\"order\": 7}", "--json");
        assertEquals(0, run.code(), run.err());
        assertEquals("SUCCEEDED", run.json().get("status").asText());
        assertEquals("{\"score\":0.9}", run.json().get("output").toString());
        List<LambdaFunction.Invocation> calls = lambda.invocations();
        assertEquals(1, calls.size());
        assertEquals("{\"order\":7}", calls.get(0).payload().replace(" ", ""));
    }

    @Test
    void s3TasksAndItemReadersAreKnownToTheCli() {
        CliRun.Result valid = asl("validate", def("archive-on-s3.asl.json"));
        assertEquals(0, valid.code(), valid.out() + valid.err());
    }
}
