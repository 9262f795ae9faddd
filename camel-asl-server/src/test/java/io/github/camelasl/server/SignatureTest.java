package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesRequest;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * With access keys configured, the server answers only requests signed (SigV4) with one of them, and may listen on
 * a non-loopback address: the SDK's own client signs; raw HTTP shows what an unsigned, stale or tampered request
 * gets.
 */
class SignatureTest {

    private static final String KEY_ID = "AKIDSERVERTEST";
    private static final String SECRET = "the-server-test-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ServerFixture server;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        String host = nonLoopbackAddress();
        server = new ServerFixture(new InMemoryExecutionStore(), StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES,
                null, host, AccessKeys.of(Map.of(KEY_ID, SECRET, "AKIDOTHER", "another-secret")));
        url = server.server.url();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** This machine's first non-loopback IPv4 address, else 127.0.0.1 (still with keys configured). */
    private static String nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : nic.inetAddresses().toList()) {
                    if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        }
        return "127.0.0.1";
    }

    @Test
    void aRequestSignedWithAConfiguredKeyIsAnswered() {
        for (String[] key : new String[][] {{KEY_ID, SECRET}, {"AKIDOTHER", "another-secret"}}) {
            try (SfnClient sfn = ServerFixture.client(url, key[0], key[1])) {
                assertEquals(0, sfn.listStateMachines(ListStateMachinesRequest.builder().build())
                        .stateMachines().size());
            }
        }
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        try (SfnClient sfn = ServerFixture.client(url, KEY_ID, "not-the-secret")) {
            SfnException e = assertThrows(SfnException.class,
                    () -> sfn.listStateMachines(ListStateMachinesRequest.builder().build()));
            assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
            assertEquals(400, e.statusCode());
        }
    }

    @Test
    void anUnknownKeyIsAnUnrecognizedClient() {
        try (SfnClient sfn = ServerFixture.client(url, "AKIDUNKNOWN", SECRET)) {
            SfnException e = assertThrows(SfnException.class,
                    () -> sfn.listStateMachines(ListStateMachinesRequest.builder().build()));
            assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
            assertEquals(400, e.statusCode());
        }
    }

    @Test
    void anUnsignedRequestIsMissingItsAuthenticationToken() throws Exception {
        HttpResponse<String> response = HTTP.send(request("{}").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode());
        assertEquals("MissingAuthenticationTokenException", Json.parse(response.body()).get("__type").asText());
    }

    @Test
    void aMalformedAuthorizationIsAnIncompleteSignature() throws Exception {
        HttpResponse<String> response = HTTP.send(request("{}").header("Authorization", "AWS4-HMAC-SHA256 nonsense")
                .header("X-Amz-Date", "20260101T000000Z").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertEquals("IncompleteSignatureException", Json.parse(response.body()).get("__type").asText());
    }

    @Test
    void aRequestSignedMoreThan15MinutesAgoIsRefused() throws Exception {
        Instant stale = Instant.now().minus(Duration.ofMinutes(16));
        JsonNode error = sendSigned("{}", "{}", stale, 400);
        assertEquals("InvalidSignatureException", error.get("__type").asText());
        assertTrue(error.get("message").asText().startsWith("Signature expired"), error.toString());

        JsonNode future = sendSigned("{}", "{}", Instant.now().plus(Duration.ofMinutes(16)), 400);
        assertTrue(future.get("message").asText().startsWith("Signature not yet current"), future.toString());
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() throws Exception {
        // the same signed request goes through with its own body: only the change is refused
        sendSigned("{}", "{}", Instant.now(), 200);
        JsonNode error = sendSigned("{}", "{\"maxResults\":1}", Instant.now(), 400);
        assertEquals("InvalidSignatureException", error.get("__type").asText());
    }

    @Test
    void withASigningRegionConfiguredASignatureForAnotherRegionIsRefused() throws Exception {
        try (ServerFixture inRegion = new ServerFixture(new InMemoryExecutionStore(),
                StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, null, "127.0.0.1",
                AccessKeys.of(Map.of(KEY_ID, SECRET)).inRegion("eu-west-1"));
                SfnClient usEast = ServerFixture.client(inRegion.server.url(), KEY_ID, SECRET);
                SfnClient euWest = SfnClient.builder().endpointOverride(URI.create(inRegion.server.url()))
                        .region(Region.EU_WEST_1).httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(KEY_ID, SECRET))).build()) {
            assertEquals(0, euWest.listStateMachines().stateMachines().size());
            SfnException e = assertThrows(SfnException.class, usEast::listStateMachines);
            assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
            assertTrue(e.getMessage().contains("not 'us-east-1'"), e.getMessage());
        }
    }

    @Test
    void aSignatureScopedToAnotherServiceIsRefused() throws Exception {
        JsonNode error = sendSigned("{}", "{}", Instant.now(), "sqs", 400);
        assertEquals("InvalidSignatureException", error.get("__type").asText());
        assertTrue(error.get("message").asText().contains("'states'"), error.toString());
    }

    @Test
    void aSignatureWithoutItsDateOrHostIsIncomplete() throws Exception {
        String authorization = "AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/20260101/us-east-1/states/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, Signature=" + "0".repeat(64);
        HttpResponse<String> noDate = HTTP.send(request("{}").header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, noDate.statusCode());
        assertEquals("IncompleteSignatureException", Json.parse(noDate.body()).get("__type").asText());
        assertTrue(noDate.body().contains("X-Amz-Date"), noDate.body());

        HttpResponse<String> hostUnsigned = HTTP.send(request("{}")
                .header("Authorization", authorization.replace("content-type;host;x-amz-date", "x-amz-date"))
                .header("X-Amz-Date", "20260101T000000Z").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, hostUnsigned.statusCode());
        assertEquals("IncompleteSignatureException", Json.parse(hostUnsigned.body()).get("__type").asText());
        assertTrue(hostUnsigned.body().contains("'host'"), hostUnsigned.body());
    }

    /** A signature that leaves the action out would let a captured request's body be sent as another action. */
    @Test
    void aSignatureWithoutTheActionIsIncomplete() throws Exception {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().uri(URI.create(url + "/")).method(SdkHttpMethod.POST)
                .putHeader("Content-Type", StepFunctionsApi.CONTENT_TYPE).build(); // no X-Amz-Target when signed
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.request(unsigned)
                .payload(ContentStreamProvider.fromUtf8String("{}"))
                .identity(AwsCredentialsIdentity.create(KEY_ID, SECRET))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "states")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8))
                .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("IncompleteSignatureException", Json.parse(response.body()).get("__type").asText());
        assertTrue(response.body().contains("'x-amz-target'"), response.body());
    }

    private static HttpRequest.Builder request(String body) {
        return HttpRequest.newBuilder(URI.create(url + "/"))
                .header("Content-Type", StepFunctionsApi.CONTENT_TYPE)
                .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** Signs {@code signedBody} at {@code signedAt} with the SDK's signer, then sends {@code sentBody}. */
    private static JsonNode sendSigned(String signedBody, String sentBody, Instant signedAt, int status)
            throws Exception {
        return sendSigned(signedBody, sentBody, signedAt, "states", status);
    }

    private static JsonNode sendSigned(String signedBody, String sentBody, Instant signedAt, String service,
            int status) throws Exception {
        URI uri = URI.create(url + "/");
        SdkHttpRequest unsigned = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.POST)
                .putHeader("Content-Type", StepFunctionsApi.CONTENT_TYPE)
                .putHeader("X-Amz-Target", "AWSStepFunctions.ListStateMachines").build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.request(unsigned)
                .payload(ContentStreamProvider.fromUtf8String(signedBody))
                .identity(AwsCredentialsIdentity.create(KEY_ID, SECRET))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC))).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString(sentBody, StandardCharsets.UTF_8));
        // HttpClient writes Host itself, from the same URI the signature covers
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        return Json.parse(response.body());
    }
}
