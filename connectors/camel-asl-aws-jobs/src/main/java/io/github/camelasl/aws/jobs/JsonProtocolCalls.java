package io.github.camelasl.aws.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.aws.AwsEnvironment;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Calls a {@link JsonProtocolService} action: the Task's PascalCase parameters as the JSON 1.1 body (CodeBuild's
 * members in lower camel case), signed with SigV4 by the SDK's signer, and the answer in PascalCase with AWS's HTTP
 * metadata when asked. Region, endpoint and credentials come from the component's options, then the environment
 * ({@code AWS_ENDPOINT_URL_SAGEMAKER}, ...), then the default chain. Bounded: 10 s to connect, 60 s per call,
 * 8 MiB per answer.
 */
final class JsonProtocolCalls implements Calls {

    private static final int MAX_ANSWER = 8 * 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final JsonProtocolService service;
    private final JobsConfiguration options;

    JsonProtocolCalls(JsonProtocolService service, JobsConfiguration options) {
        this.service = service;
        this.options = options;
    }

    JsonProtocolService service() {
        return service;
    }

    @Override
    public ObjectNode callWithMetadata(String action, JsonNode parameters) {
        return call(action, parameters, true);
    }

    @Override
    public ObjectNode call(String action, JsonNode parameters) {
        return call(action, parameters, false);
    }

    private ObjectNode call(String action, JsonNode parameters, boolean metadata) {
        if (!parameters.isObject()) {
            throw new IllegalArgumentException(service.arnName + ":" + action + " needs an object of parameters, not "
                    + Json.write(parameters));
        }
        AwsEnvironment environment = AwsEnvironment.system();
        String region = options.region(environment);
        if (region == null) {
            region = "us-east-1";
        }
        String endpoint = options.endpoint(environment, service.endpointName);
        URI uri = URI.create(endpoint != null ? endpoint : "https://" + service.hostPattern.formatted(region));
        String operation = Character.toUpperCase(action.charAt(0)) + action.substring(1);
        byte[] body = Json.write(service.camelCaseWire ? renamed(parameters, false) : parameters)
                .getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", service.targetPrefix + "." + operation).build();
        String signingRegion = region;
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials().resolveCredentials())
                .request(unsigned)
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AslError(service.errors.prefix() + ".SdkClientException", "Unable to execute HTTP request: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AslError(service.errors.prefix() + ".SdkClientException", "interrupted", e);
        }
        if (response.body().length > MAX_ANSWER) {
            throw new AslError(service.errors.prefix() + ".SdkClientException", service.arnName + ":" + action
                    + " answered more than " + MAX_ANSWER + " bytes");
        }
        JsonNode answer;
        try {
            answer = response.body().length == 0 ? Json.NODES.objectNode() : Json.parse(new String(response.body(),
                    StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AslError(service.errors.prefix() + ".SdkClientException", "Unable to unmarshall response: "
                    + e.getMessage(), e);
        }
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElse(null);
        if (response.statusCode() / 100 != 2) {
            throw failure(response.statusCode(), answer, requestId);
        }
        ObjectNode result = service.camelCaseWire ? (ObjectNode) renamed(answer, true)
                : answer.isObject() ? (ObjectNode) answer : Json.NODES.objectNode();
        if (metadata) {
            appendMetadata(result, response, requestId);
        }
        return result;
    }

    private AwsCredentialsProvider credentials() {
        return options.hasKeys()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(options.getAccessKey(),
                        options.getSecretKey()))
                : DefaultCredentialsProvider.builder().build();
    }

    /** The service's error, as v1 named it; the SDK's exception kept as origin, so throttling can be told. */
    private AslError failure(int status, JsonNode answer, String requestId) {
        String type = answer.path("__type").asText("");
        String code = type.substring(type.indexOf('#') + 1);
        String message = answer.has("message") ? answer.path("message").asText()
                : answer.path("Message").asText(null);
        AwsServiceException origin = AwsServiceException.builder().statusCode(status).requestId(requestId)
                .message(message).awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message)
                        .serviceName(service.errors.prefix()).build()).build();
        String exception = code.endsWith("Exception") ? code : code + "Exception";
        return service.errors.answered(service.exceptions.contains(exception) ? exception : null, message, status,
                code, requestId, origin);
    }

    private static void appendMetadata(ObjectNode result, HttpResponse<?> response, String requestId) {
        ObjectNode metadata = result.putObject("SdkHttpMetadata");
        ObjectNode all = metadata.putObject("AllHttpHeaders");
        ObjectNode single = metadata.putObject("HttpHeaders");
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            if (header.getKey().startsWith(":")) {
                continue; // HTTP/2 pseudo headers
            }
            ArrayNode values = all.putArray(header.getKey());
            header.getValue().forEach(values::add);
            if (!header.getValue().isEmpty()) {
                single.put(header.getKey(), header.getValue().get(header.getValue().size() - 1));
            }
        }
        metadata.put("HttpStatusCode", response.statusCode());
        result.putObject("SdkResponseMetadata").put("RequestId", requestId);
    }

    /**
     * The members renamed, at every depth: to PascalCase ({@code toPascal}) or to lower camel case. Map-valued
     * members CodeBuild takes or answers keep their keys only where they are data: none of startBuild's are.
     */
    static JsonNode renamed(JsonNode node, boolean toPascal) {
        if (node.isObject()) {
            ObjectNode copy = Json.NODES.objectNode();
            node.properties().forEach(e -> copy.set(rename(e.getKey(), toPascal), renamed(e.getValue(), toPascal)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.NODES.arrayNode();
            node.forEach(element -> copy.add(renamed(element, toPascal)));
            return copy;
        }
        return node;
    }

    private static String rename(String name, boolean toPascal) {
        if (name.isEmpty()) {
            return name;
        }
        char first = name.charAt(0);
        return (toPascal ? Character.toUpperCase(first) : Character.toLowerCase(first)) + name.substring(1);
    }
}
