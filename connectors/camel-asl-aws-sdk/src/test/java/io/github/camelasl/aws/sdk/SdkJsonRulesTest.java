package io.github.camelasl.aws.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.camelasl.aws.SdkJson;
import io.github.camelasl.dataflow.Json;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.batch.model.SubmitJobRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;

/** SdkJson's rules (camel-asl-aws-common), on the models of real services. */
class SdkJsonRulesTest {

    @Test
    void parametersArePascalCaseAndMatchCaseInsensitively() throws Exception {
        SubmitJobRequest.Builder batch = SubmitJobRequest.builder();
        SdkJson.fill("batch:submitJob", (software.amazon.awssdk.core.SdkPojo) batch, Json.parse("""
                {"JobName": "train", "jobQueue": "q", "JOBDEFINITION": "d",
                 "ContainerOverrides": {"Command": ["python", "train.py"]}}"""), Set.of());
        SubmitJobRequest request = batch.build();
        assertEquals("train", request.jobName());
        assertEquals("q", request.jobQueue());
        assertEquals("d", request.jobDefinition());
        assertEquals(List.of("python", "train.py"), request.containerOverrides().command());
    }

    @Test
    void resultsArePascalCaseWithEnumsAsWrittenAndTimestampsInIso8601() throws Exception {
        DescribeExecutionResponse response = DescribeExecutionResponse.builder().executionArn("arn:e")
                .status("RUNNING").startDate(Instant.parse("2023-11-14T22:13:20.123Z")).build();
        assertEquals(Json.parse("""
                {"ExecutionArn": "arn:e", "Status": "RUNNING", "StartDate": "2023-11-14T22:13:20.123Z"}"""),
                SdkJson.toJson(response));
    }

    @Test
    void timestampsAreTakenAsIso8601OrEpochSecondsAndNumbersChecked() throws Exception {
        // on a response's builder: the same members as the request ones, filled the same way
        DescribeExecutionResponse.Builder described = DescribeExecutionResponse.builder();
        SdkJson.fill("t", (software.amazon.awssdk.core.SdkPojo) described,
                Json.parse("{\"StartDate\": \"2023-11-14T22:13:20+01:00\", \"StopDate\": 1700000000.5}"), Set.of());
        assertEquals(Instant.parse("2023-11-14T21:13:20Z"), described.build().startDate());
        assertEquals(Instant.parse("2023-11-14T22:13:20.500Z"), described.build().stopDate());
        assertEquals("sfn:listExecutions parameter 'MaxResults' must be an integer, not \"many\"",
                assertThrows(IllegalArgumentException.class, () -> SdkJson.fill("sfn:listExecutions",
                        (software.amazon.awssdk.core.SdkPojo) ListExecutionsRequest.builder(), Json.parse("{\"MaxResults\": \"many\"}"),
                        Set.of())).getMessage());
    }

    @Test
    void aStringMemberGivenAnObjectOrArrayTakesItsJsonText() throws Exception {
        StartExecutionRequest.Builder start = StartExecutionRequest.builder();
        SdkJson.fill("sfn:startExecution", (software.amazon.awssdk.core.SdkPojo) start,
                Json.parse("{\"StateMachineArn\": \"arn:m\", \"Input\": {\"key\": [1, \"v\"]}}"), Set.of());
        assertEquals("{\"key\":[1,\"v\"]}", start.build().input());
    }

    @Test
    void membersV2RenamedKeepTheServicesNames() throws Exception {
        PutItemRequest.Builder put = PutItemRequest.builder();
        SdkJson.fill("dynamodb:putItem", (software.amazon.awssdk.core.SdkPojo) put,
                Json.parse("{\"TableName\": \"t\", \"Item\": {\"gone\": {\"NULL\": true}}}"), Set.of());
        assertEquals(Boolean.TRUE, put.build().item().get("gone").nul());
        assertEquals(Json.parse("{\"NULL\": true}"), SdkJson.toJson(AttributeValue.builder().nul(true).build()));

        CopyObjectRequest.Builder copy = CopyObjectRequest.builder();
        SdkJson.fill("s3:copyObject", (software.amazon.awssdk.core.SdkPojo) copy,
                Json.parse("{\"Bucket\": \"b\", \"Key\": \"k\", \"CopySource\": \"src/k\"}"), Set.of());
        assertEquals("b", copy.build().destinationBucket());
        assertEquals("k", copy.build().destinationKey());
    }

    @Test
    void lambdasPayloadIsText() throws Exception {
        InvokeRequest.Builder invoke = InvokeRequest.builder();
        SdkJson.fill("lambda:invoke", (software.amazon.awssdk.core.SdkPojo) invoke,
                Json.parse("{\"FunctionName\": \"f\", \"Payload\": {\"a\": 1}}"), Set.of());
        assertEquals("{\"a\":1}", invoke.build().payload().asUtf8String());
        assertEquals(Json.parse("{\"StatusCode\": 200, \"Payload\": \"{\\\"ok\\\":true}\"}"), SdkJson.toJson(
                InvokeResponse.builder().statusCode(200).payload(SdkBytes.fromUtf8String("{\"ok\":true}")).build()));
        // other blobs stay base64: DynamoDB's B is DynamoDB's own JSON form
        assertEquals(Json.parse("{\"B\": \"aGk=\"}"),
                SdkJson.toJson(AttributeValue.builder().b(SdkBytes.fromUtf8String("hi")).build()));
    }

    @Test
    void anUnknownParameterIsNamedWithTheOnesTheRequestTakes() throws Exception {
        assertEquals("sfn:startExecution does not take the parameter 'Inptu'; it takes Input, Name, "
                + "StateMachineArn, TraceHeader",
                assertThrows(IllegalArgumentException.class, () -> SdkJson.fill("sfn:startExecution",
                        (software.amazon.awssdk.core.SdkPojo) StartExecutionRequest.builder(),
                        Json.parse("{\"Inptu\": 1}"), Set.of())).getMessage());
        assertEquals("batch:submitJob parameter 'ContainerOverrides' has no field 'Cmd'; it has Command, "
                + "Environment, InstanceType, Memory, ResourceRequirements, Vcpus",
                assertThrows(IllegalArgumentException.class, () -> SdkJson.fill("batch:submitJob",
                        (software.amazon.awssdk.core.SdkPojo) SubmitJobRequest.builder(),
                        Json.parse("{\"ContainerOverrides\": {\"Cmd\": []}}"), Set.of())).getMessage());
    }
}
