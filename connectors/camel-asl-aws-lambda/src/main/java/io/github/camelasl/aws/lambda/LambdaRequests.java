package io.github.camelasl.aws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;

/** Turns a Task's effective input into Lambda's Invoke request, as Step Functions does. */
final class LambdaRequests {

    private LambdaRequests() {
    }

    /** A function ARN as Resource: the effective input is the event. */
    static InvokeRequest forFunction(String function, String effectiveInput) {
        return InvokeRequest.builder()
                .functionName(function)
                .payload(SdkBytes.fromUtf8String(effectiveInput == null ? "null" : effectiveInput))
                .build();
    }

    /** {@code lambda:invoke}: the effective input holds Invoke's parameters. */
    static InvokeRequest forInvoke(JsonNode parameters) {
        JsonNode function = parameters.get("FunctionName");
        if (function == null || !function.isTextual() || function.asText().isEmpty()) {
            throw AslError.runtime("The lambda:invoke integration needs a FunctionName (a function name or ARN), "
                    + "got the parameters " + Json.write(parameters));
        }
        InvokeRequest.Builder request = InvokeRequest.builder().functionName(function.asText());
        JsonNode payload = parameters.get("Payload");
        if (payload != null && !payload.isNull()) {
            // a string is the payload's text itself ("[]" sends an empty array); anything else is sent as JSON
            request.payload(SdkBytes.fromUtf8String(payload.isTextual() ? payload.asText() : Json.write(payload)));
        }
        text(parameters, "Qualifier").ifPresent(request::qualifier);
        text(parameters, "InvocationType").ifPresent(request::invocationType);
        text(parameters, "ClientContext").ifPresent(request::clientContext);
        text(parameters, "LogType").ifPresent(request::logType);
        return request.build();
    }

    private static Optional<String> text(JsonNode parameters, String name) {
        JsonNode value = parameters.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
