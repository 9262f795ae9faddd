package io.github.camelasl.aws.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.aws.SdkJson;
import io.github.camelasl.dataflow.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The S3 actions the connector runs, each from its SDK integration parameters to its result. Parameters and
 * results follow the SDK model ({@link SdkJson}); the streaming bodies are the exceptions: getObject's {@code Body}
 * is the object's content as text, putObject's {@code Body} is written as its JSON text (a string with its
 * quotes), as Step Functions does.
 */
final class S3Actions {

    /** One action: its request builder and how to call it. */
    private record Action(Supplier<SdkBuilder<?, ?>> request, Set<String> extra,
                          Call call) {
    }

    @FunctionalInterface
    private interface Call {
        ObjectNode call(S3Client client, Object request, JsonNode input);
    }

    /** The ResultWriter's write: what {@code arn:aws:states:::s3:putObject} runs. */
    static final String WRITE_OBJECT = "writeObject";

    private static final Map<String, Action> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("getObject", new Action(GetObjectRequest::builder, Set.of(), (client, request, input) -> {
            ResponseBytes<GetObjectResponse> bytes = client.getObjectAsBytes((GetObjectRequest) request);
            ObjectNode result = SdkJson.toJson(bytes.response());
            if (!input.hasNonNull("ChecksumMode")) {
                // the SDK asks for checksums on its own to validate the download; Step Functions returns them
                // only when the Task asked for them (ChecksumMode: ENABLED)
                result.remove(List.of("ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME", "ChecksumSHA1",
                        "ChecksumSHA256", "ChecksumType"));
            }
            result.put("Body", bytes.asUtf8String());
            return result;
        }));
        ACTIONS.put("putObject", new Action(PutObjectRequest::builder, Set.of("Body"), (client, request, input) -> {
            // Step Functions writes the Body as its JSON text, a string too (quotes and all): the recorded ETags
            // and checksums of "text data", 0 and ["List","Data"] are those of "\"text data\"", 0 and
            // ["List","Data"]
            JsonNode body = input.get("Body");
            String text = body == null ? "" : Json.write(body);
            return SdkJson.toJson(client.putObject((PutObjectRequest) request, RequestBody.fromString(text)));
        }));
        // a Distributed Map's ResultWriter (arn:aws:states:::s3:putObject): the engine hands over the file's text,
        // written as it is, not as JSON text (a JSONL file's lines, a manifest's object); not an aws-sdk:s3 action
        ACTIONS.put(WRITE_OBJECT, new Action(PutObjectRequest::builder, Set.of("Body"), (client, request, input) -> {
            JsonNode body = input.get("Body");
            if (body != null && !body.isTextual()) {
                throw new IllegalArgumentException("The ResultWriter's Body must be the file's text, but was: "
                        + body.getNodeType());
            }
            String text = body == null ? "" : body.textValue();
            return SdkJson.toJson(client.putObject((PutObjectRequest) request, RequestBody.fromString(text)));
        }));
        ACTIONS.put("listObjectsV2", new Action(ListObjectsV2Request::builder, Set.of(),
                (client, request, input) -> SdkJson.toJson(client.listObjectsV2((ListObjectsV2Request) request))));
        ACTIONS.put("listObjects", new Action(ListObjectsRequest::builder, Set.of(),
                (client, request, input) -> SdkJson.toJson(client.listObjects((ListObjectsRequest) request))));
        ACTIONS.put("headObject", new Action(HeadObjectRequest::builder, Set.of(),
                (client, request, input) -> SdkJson.toJson(client.headObject((HeadObjectRequest) request))));
        ACTIONS.put("copyObject", new Action(CopyObjectRequest::builder, Set.of(),
                (client, request, input) -> SdkJson.toJson(client.copyObject((CopyObjectRequest) request))));
        ACTIONS.put("deleteObject", new Action(DeleteObjectRequest::builder, Set.of(),
                (client, request, input) -> SdkJson.toJson(client.deleteObject((DeleteObjectRequest) request))));
        ACTIONS.put("listBuckets", new Action(ListBucketsRequest::builder, Set.of(),
                (client, request, input) -> SdkJson.toJson(client.listBuckets((ListBucketsRequest) request))));
    }

    private S3Actions() {
    }

    /** Whether {@code aws-sdk:s3:<action>} is one of the connector's SDK integration actions. */
    static boolean supports(String action) {
        return ACTIONS.containsKey(action) && !WRITE_OBJECT.equals(action);
    }

    static List<String> names() {
        return ACTIONS.keySet().stream().filter(S3Actions::supports).toList();
    }

    /** Calls {@code action} with the request {@code input} describes; SDK exceptions are left to the caller. */
    static ObjectNode call(S3Client client, String action, JsonNode input) {
        Action a = ACTIONS.get(action);
        if (a == null) {
            throw new IllegalArgumentException("asl-aws-s3 has no action '" + action + "'");
        }
        SdkBuilder<?, ?> builder = a.request().get();
        SdkJson.fill("s3:" + action, (SdkPojo) builder, input, a.extra());
        return a.call().call(client, builder.build(), input);
    }
}
