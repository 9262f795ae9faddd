package io.github.camelasl.aws.apigateway;

import io.github.camelasl.http.OutgoingRequest;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Signs a request with Signature Version 4 for the {@code execute-api} service, with the AWS SDK's own signer, as
 * Step Functions does for AuthType IAM_ROLE ("Call API Gateway with Step Functions", Authentication and
 * authorization).
 */
final class RequestSigner {

    static final String SERVICE = "execute-api";
    private static final Pattern API_HOST = Pattern.compile("[0-9a-z]+\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com"
            + "(?:\\.cn)?");

    private final AwsCredentialsProvider credentials;
    private final String defaultRegion;

    RequestSigner(AwsCredentialsProvider credentials, String defaultRegion) {
        this.credentials = credentials;
        this.defaultRegion = defaultRegion;
    }

    /** The region of an API host ({@code abc.execute-api.eu-west-1.amazonaws.com}), else the configured one. */
    String region(String apiEndpoint) {
        Matcher m = API_HOST.matcher(apiEndpoint);
        return m.matches() ? m.group(1) : defaultRegion;
    }

    OutgoingRequest sign(OutgoingRequest request, String apiEndpoint) {
        SdkHttpRequest.Builder http = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(request.method()))
                .uri(request.uri());
        request.headers().forEach(h -> http.appendHeader(h.getKey(), h.getValue()));
        byte[] body = request.body();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(http.build())
                .payload(body.length == 0 ? null : () -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region(apiEndpoint)));
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        // the client sets Host itself, from the URI the signature was computed for
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> headers.add(Map.entry(name, v)));
            }
        });
        return new OutgoingRequest(request.method(), request.uri(), headers, body);
    }
}
