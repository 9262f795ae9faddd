package io.github.camelasl.aws.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.SdkJson;
import io.github.camelasl.dataflow.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * SdkJson's values (camel-asl-aws-common): Document members both ways, numbers kept in their member's range and
 * size, nulls in lists and maps refused. The review of #21 (M1, M2, M3b) found each of these.
 */
class SdkJsonValuesTest {

    @Test
    void aDocumentMemberOfAResponseIsJsonWithItsNumbersExact() throws Exception {
        ConverseResponse response = ConverseResponse.builder().output(ConverseOutput.fromMessage(Message.builder()
                .role("assistant").content(ContentBlock.fromToolUse(ToolUseBlock.builder().toolUseId("t1").name("f")
                        .input(Document.fromMap(Map.of("city", Document.fromString("Paris"),
                                "days", Document.fromList(List.of(Document.fromNumber(SdkNumber.fromLong(3)),
                                        Document.fromNumber(SdkNumber.fromBigDecimal(new BigDecimal("0.1"))))),
                                "big", Document.fromNumber(SdkNumber.fromString("123456789012345678901234567890")),
                                "ok", Document.fromBoolean(true), "none", Document.fromNull())))
                        .build())).build()))
                .build();
        JsonNode input = SdkJson.toJson(response).at("/Output/Message/Content/0/ToolUse/Input");
        assertEquals(Json.parse("""
                {"city": "Paris", "days": [3, 0.1], "big": 123456789012345678901234567890, "ok": true,
                 "none": null}"""), input);
    }

    @Test
    void aDocumentMemberOfARequestIsTakenAsWritten() throws Exception {
        ConverseRequest.Builder converse = ConverseRequest.builder();
        SdkJson.fill("bedrockruntime:converse", (SdkPojo) converse, Json.parse("""
                {"ModelId": "m", "AdditionalModelRequestFields": {"top_k": 5, "p": 0.25, "stop": ["a", null],
                 "raw": true, "exact": 12345678901234567890123}}"""), Set.of());
        Map<String, Document> fields = converse.build().additionalModelRequestFields().asMap();
        assertEquals(5, fields.get("top_k").asNumber().intValue());
        assertEquals(new BigDecimal("0.25"), fields.get("p").asNumber().bigDecimalValue());
        assertEquals(List.of(Document.fromString("a"), Document.fromNull()), fields.get("stop").asList());
        assertEquals(true, fields.get("raw").asBoolean());
        assertEquals("12345678901234567890123", fields.get("exact").asNumber().bigDecimalValue().toPlainString());
    }

    @Test
    void aLongBeyondSixtyFourBitsIsRefusedNamingTheFieldNotWrapped() {
        CreateTableRequest.Builder create = CreateTableRequest.builder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SdkJson.fill(
                "dynamodb:createTable", (SdkPojo) create, Json.parse("""
                        {"TableName": "t", "ProvisionedThroughput": {"ReadCapacityUnits": 18446744073709551617,
                         "WriteCapacityUnits": 1}}"""), Set.of()),
                () -> "sent " + create.build().provisionedThroughput());
        assertEquals("dynamodb:createTable parameter 'ProvisionedThroughput.ReadCapacityUnits' must be an integer "
                + "between -9223372036854775808 and 9223372036854775807, not 18446744073709551617", e.getMessage());
    }

    @Test
    void anIntegerBeyondThirtyTwoBitsIsRefusedNamingTheField() {
        assertEquals("dynamodb:query parameter 'Limit' must be an integer between -2147483648 and 2147483647, not "
                + "3000000000", refusal("{\"TableName\": \"t\", \"Limit\": 3000000000}"));
        assertEquals("dynamodb:query parameter 'Limit' must be an integer between -2147483648 and 2147483647, not "
                + "\"99999999999999999999\"", refusal("{\"TableName\": \"t\", \"Limit\": \"99999999999999999999\"}"));
        assertEquals(7, fill("{\"TableName\": \"t\", \"Limit\": 7.0}").limit());
    }

    @Test
    void aNumberOfAMillionDigitsIsRefusedNotExpanded() {
        assertEquals("dynamodb:query parameter 'Limit' must be an integer between -2147483648 and 2147483647, not "
                + "1e1000000", refusal("{\"TableName\": \"t\", \"Limit\": 1e1000000}"));
        // a string member takes a number's text written out: 1000 digits at most
        assertEquals("dynamodb:query parameter 'TableName' must be a number of at most 1000 digits, not 1e1000000",
                refusal("{\"TableName\": 1e1000000}"));
        assertEquals("1000", fill("{\"TableName\": 1e3}").tableName());
        assertEquals("dynamodb:listBackups parameter 'TimeRangeLowerBound' must be a timestamp in seconds since the "
                + "epoch between -9223372036854775 and 9223372036854775, not 1.0e30",
                assertThrows(IllegalArgumentException.class, () -> SdkJson.fill("dynamodb:listBackups",
                        (SdkPojo) ListBackupsRequest.builder(), Json.parse("{\"TimeRangeLowerBound\": 1.0e30}"),
                        Set.of())).getMessage());
    }

    @Test
    void aFloatBeyondItsRangeIsRefusedNamingTheField() {
        assertEquals("bedrockruntime:converse parameter 'InferenceConfig.Temperature' must be a number within a "
                + "float's range, not 1e300", assertThrows(IllegalArgumentException.class, () -> SdkJson.fill(
                        "bedrockruntime:converse", (SdkPojo) ConverseRequest.builder(), Json.parse("""
                                {"ModelId": "m", "InferenceConfig": {"Temperature": 1e300}}"""), Set.of()))
                .getMessage());
    }

    /** AWS's services refuse a null in a list or map (DynamoDB's JSON protocol has no null string), never "null". */
    @Test
    void aNullInAListOrMapOfStringsIsRefusedNamingThePlace() {
        assertEquals("dynamodb:query parameter 'AttributesToGet[1]' must not be null: a list or map of the request "
                + "holds values only", refusal("{\"TableName\": \"t\", \"AttributesToGet\": [\"id\", null]}"));
        assertEquals("dynamodb:query parameter 'ExpressionAttributeNames.#n' must not be null: a list or map of the "
                + "request holds values only", refusal("{\"TableName\": \"t\", \"ExpressionAttributeNames\": "
                        + "{\"#n\": null}}"));
    }

    private static QueryRequest fill(String parameters) {
        QueryRequest.Builder query = QueryRequest.builder();
        SdkJson.fill("dynamodb:query", (SdkPojo) query, parsed(parameters), Set.of());
        return query.build();
    }

    private static String refusal(String parameters) {
        QueryRequest.Builder query = QueryRequest.builder();
        return assertThrows(IllegalArgumentException.class, () -> SdkJson.fill("dynamodb:query", (SdkPojo) query,
                parsed(parameters), Set.of()), () -> "sent " + query.build()).getMessage();
    }

    private static JsonNode parsed(String json) {
        try {
            return Json.parse(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
