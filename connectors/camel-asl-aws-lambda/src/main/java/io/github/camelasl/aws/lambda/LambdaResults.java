package io.github.camelasl.aws.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** Turns Lambda's Invoke response into the Task's result, or into the error Step Functions raises. */
final class LambdaResults {

    /** What a state's result may weigh on AWS. */
    static final int MAX_RESULT_BYTES = 256 * 1024;

    /** When the function itself failed and its payload names no error type. */
    static final String UNKNOWN_ERROR = "Lambda.Unknown";

    /**
     * Lambda's response headers as Lambda spells them. HTTP header names are case-insensitive and HTTP/2, proxies
     * and servers may change their case; Step Functions reports Lambda's spelling, so known names are put back.
     */
    private static final Map<String, String> HEADER_SPELLING = spellings(List.of("Connection", "Content-Length",
            "Content-Type", "Date", "X-Amz-Executed-Version", "X-Amz-Function-Error", "X-Amz-Log-Result",
            "x-amzn-Remapped-Content-Length", "x-amzn-RequestId", "X-Amzn-Trace-Id", "x-amzn-ErrorType"));

    private LambdaResults() {
    }

    /** A function ARN as Resource: what the function returned. */
    static JsonNode functionResult(InvokeResponse response, String resource) {
        byte[] payload = payload(response);
        checkSize(payload.length, resource);
        return payload.length == 0 ? Json.NODES.nullNode() : parseOrText(new String(payload, StandardCharsets.UTF_8));
    }

    /** {@code lambda:invoke}: Invoke's response with the SDK metadata, as Step Functions reports it. */
    static JsonNode invokeResult(InvokeResponse response) {
        byte[] payload = payload(response);
        ObjectNode result = Json.NODES.objectNode();
        result.put("ExecutedVersion", response.executedVersion());
        if (response.logResult() != null) {
            result.put("LogResult", response.logResult());
        }
        // an asynchronous (Event) or DryRun invocation answers with no payload: Step Functions shows ""
        result.set("Payload", payload.length == 0 ? Json.NODES.textNode("")
                : parseOrText(new String(payload, StandardCharsets.UTF_8)));
        result.set("SdkHttpMetadata", httpMetadata(response.sdkHttpResponse()));
        result.putObject("SdkResponseMetadata").put("RequestId", response.responseMetadata().requestId());
        result.put("StatusCode", response.statusCode());
        checkSize(Json.write(result).getBytes(StandardCharsets.UTF_8).length, "lambda");
        return result;
    }

    /**
     * The function raised: the error is its {@code errorType} and the cause its error document. Through a function
     * ARN the cause is the payload as the runtime wrote it; through {@code lambda:invoke} Step Functions re-writes
     * it as compact JSON.
     */
    static AslError functionError(InvokeResponse response, boolean compactCause) {
        String text = new String(payload(response), StandardCharsets.UTF_8);
        JsonNode document = parseOrText(text);
        JsonNode type = document.path("errorType");
        String error = type.isTextual() && !type.asText().isEmpty() ? type.asText() : UNKNOWN_ERROR;
        String cause = compactCause && document.isContainerNode() ? Json.write(document) : text;
        return new AslError(error, cause);
    }

    private static void checkSize(int bytes, String resource) {
        if (bytes > MAX_RESULT_BYTES) {
            throw new AslError(ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + resource + "' returned a result "
                    + "with a size exceeding the maximum number of bytes service limit.");
        }
    }

    /** What the Java SDK v1 that Step Functions uses reports: every header, each header once, and the status. */
    private static ObjectNode httpMetadata(SdkHttpResponse http) {
        ObjectNode metadata = Json.NODES.objectNode();
        ObjectNode all = metadata.putObject("AllHttpHeaders");
        ObjectNode single = metadata.putObject("HttpHeaders");
        http.headers().forEach((name, values) -> {
            String spelled = HEADER_SPELLING.getOrDefault(name.toLowerCase(Locale.ROOT), name);
            values.forEach(all.withArray(spelled)::add);
            if (!values.isEmpty()) {
                single.put(spelled, values.get(0));
            }
        });
        metadata.put("HttpStatusCode", http.statusCode());
        return metadata;
    }

    private static byte[] payload(InvokeResponse response) {
        return response.payload() == null ? new byte[0] : response.payload().asByteArray();
    }

    private static JsonNode parseOrText(String text) {
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            return Json.NODES.textNode(text);
        }
    }

    private static Map<String, String> spellings(List<String> names) {
        Map<String, String> byLowerCase = new HashMap<>();
        names.forEach(name -> byLowerCase.put(name.toLowerCase(Locale.ROOT), name));
        return Map.copyOf(byLowerCase);
    }
}
