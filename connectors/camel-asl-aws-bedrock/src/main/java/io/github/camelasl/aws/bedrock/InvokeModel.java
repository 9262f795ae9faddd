package io.github.camelasl.aws.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.aws.SdkJson;
import io.github.camelasl.dataflow.Json;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

/**
 * InvokeModel as Step Functions' optimized integration makes it: the API's members ({@code ModelId}, {@code
 * ContentType}, {@code Accept}, {@code Trace}, {@code GuardrailIdentifier}, ...), with {@code Body} given as JSON (sent
 * as its JSON text) or as text (sent as is); the result's {@code Body} is the model's answer parsed as JSON (as text
 * when it is not JSON), beside the response's other members ({@code ContentType}).
 * <p>
 * The integration's own {@code Input} and {@code Output} (an S3 object to read the body from, or to write the answer
 * to) are not run here: the connector has no S3 client, and AWS does not document the result that refers to the
 * written object. A definition using them is refused at deployment, naming the field.
 */
final class InvokeModel {

    /** The integration's fields this connector does not run, and why, for the refusal. */
    static final Set<String> NOT_RUN = Set.of("Input", "Output");
    private static final String BODY = "Body";

    private InvokeModel() {
    }

    static String notRun(String field) {
        return "The field '" + field + "' (an S3 object for the model's " + ("Input".equals(field) ? "input" : "output")
                + ") is not supported by camel-asl-aws-bedrock: give the model's input as Body, and write its answer "
                + "with a following s3:putObject Task";
    }

    static ObjectNode call(BedrockRuntimeClient client, JsonNode input) {
        if (!input.isObject()) {
            throw new IllegalArgumentException("bedrock:invokeModel needs an object of parameters, not "
                    + Json.write(input));
        }
        for (String field : NOT_RUN) {
            if (input.has(field)) {
                throw new IllegalArgumentException("bedrock:invokeModel: " + notRun(field));
            }
        }
        InvokeModelRequest.Builder builder = InvokeModelRequest.builder();
        SdkJson.fill("bedrock:invokeModel", (SdkPojo) builder, input, Set.of(BODY));
        JsonNode body = input.get(BODY);
        if (body != null && !body.isNull()) {
            builder.body(SdkBytes.fromString(body.isTextual() ? body.asText() : Json.write(body),
                    StandardCharsets.UTF_8));
        }
        InvokeModelResponse response = client.invokeModel(builder.build());
        ObjectNode result = SdkJson.toJson(response);
        result.set(BODY, parsed(response.body() == null ? "" : response.body().asUtf8String()));
        return result;
    }

    /** The model's answer as JSON when it is JSON (what models answer), else as text. */
    private static JsonNode parsed(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            return Json.NODES.textNode(text);
        }
    }
}
