package io.github.camelasl.cli;

import static io.github.camelasl.cli.CliRun.asl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --offline} judges the endpoint each Resource resolves to: a Map's ItemReader is a call too, and a
 * --resource-map rule whose target is AWS itself maps nothing away.
 */
@Timeout(120)
class AslCliOfflineTest {

    private static final String SEND = """
            {"StartAt": "Send", "States": {"Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
              "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q", "MessageBody": "hi"},
              "End": true}}}""";

    @TempDir
    Path tmp;

    private String file(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }

    @Test
    void aDistributedMapsItemReaderIsRefused() throws Exception {
        String definition = file("read.asl.json", """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map",
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                                 "ReaderConfig": {"InputType": "JSON"},
                                 "Parameters": {"Bucket": "b", "Key": "items.json"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                    "StartAt": "One", "States": {"One": {"Type": "Pass", "End": true}}},
                  "End": true}}}""");
        CliRun.Result r = asl("run", definition, "--offline");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("state 'Each (ItemReader)': arn:aws:states:::s3:getObject"), r.err());
        assertEquals("", r.out(), "nothing ran");
    }

    @Test
    void aMappingWhoseTargetIsAwsIsStillAnAwsCall() throws Exception {
        String toAws = file("to-aws.properties", "arn:aws:states:::sqs:sendMessage = asl-aws-sqs:sendMessage\n");
        CliRun.Result r = asl("run", file("send.asl.json", SEND), "--offline", "--resource-map", toAws);
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("state 'Send': arn:aws:states:::sqs:sendMessage"), r.err());
    }

    @Test
    void aMappingToALocalEndpointIsNoAwsCall() throws Exception {
        String local = file("local.properties", "arn:aws:states:::sqs:sendMessage = log:stand-in?level=OFF\n");
        CliRun.Result r = asl("run", file("send.asl.json", SEND), "--offline", "--resource-map", local, "--json");
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(r.err().contains("AWS sqs"), r.err());
    }

    @Test
    void onlyEndpointsThatReachAwsCount() {
        assertTrue(AwsCalls.callsAws("asl-aws-s3:getObject"));
        assertTrue(AwsCalls.callsAws("aws2-sqs://queue"));
        assertTrue(AwsCalls.callsAws("https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions"));
        assertTrue(AwsCalls.callsAws("http:s3.amazonaws.com.cn/b?x=1"));
        assertFalse(AwsCalls.callsAws("https://example.com/amazonaws.com"));
        assertFalse(AwsCalls.callsAws("direct:charge"));
    }
}
