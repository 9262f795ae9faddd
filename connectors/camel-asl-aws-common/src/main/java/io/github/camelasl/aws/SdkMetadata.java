package io.github.camelasl.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The {@code SdkHttpMetadata} and {@code SdkResponseMetadata} that Step Functions adds to an optimized
 * integration's result: the HTTP status and headers of the service's answer, and its request id.
 */
public final class SdkMetadata {

    private SdkMetadata() {
    }

    public static void append(ObjectNode result, AwsResponse response) {
        SdkHttpResponse http = response.sdkHttpResponse();
        ObjectNode metadata = result.putObject("SdkHttpMetadata");
        ObjectNode all = metadata.putObject("AllHttpHeaders");
        ObjectNode single = metadata.putObject("HttpHeaders");
        http.headers().forEach((name, values) -> {
            ArrayNode list = all.putArray(name);
            values.forEach(list::add);
            if (!values.isEmpty()) {
                // v1 keeps the last value of a repeated header
                single.put(name, values.get(values.size() - 1));
            }
        });
        metadata.put("HttpStatusCode", http.statusCode());
        result.putObject("SdkResponseMetadata").put("RequestId", requestId(response));
    }

    /** The SDK says "UNKNOWN" when the service sent none. */
    private static String requestId(AwsResponse response) {
        String id = response.responseMetadata() == null ? null : response.responseMetadata().requestId();
        return id == null || "UNKNOWN".equals(id) ? null : id;
    }
}
