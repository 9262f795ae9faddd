package io.github.camelasl.server;

import io.github.camelasl.dataflow.Json;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Answers only requests signed (AWS Signature Version 4, service {@code states}) with one of the configured access
 * keys. The signature is recomputed ({@link SignatureV4}) over the method, path, query, the headers the caller
 * signed and the body, at the caller's {@code X-Amz-Date}, which must be within 15 minutes of now (AWS's rule).
 * Failures answer AWS's errors for JSON services.
 */
final class SignedCallersOnly implements Processor {

    static final String SERVICE = "states";
    static final Duration MAX_SKEW = Duration.ofMinutes(15);

    // as the SDKs and the AWS CLI write it; anything else is an incomplete signature
    private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 "
            + "Credential=([^/,\\s]{1,128})/(\\d{8})/([a-z0-9-]{1,64})/([a-z0-9-]{1,64})/aws4_request,\\s?"
            + "SignedHeaders=([a-z0-9-]{1,128}(?:;[a-z0-9-]{1,128}){0,63}),\\s?Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final AccessKeys keys;
    private final Optional<String> region;
    private final Clock clock;

    SignedCallersOnly(AccessKeys keys, Clock clock) {
        this.keys = keys;
        this.region = keys.region();
        this.clock = clock;
    }

    /** Why a request is refused: AWS's error type, HTTP status and message. */
    static final class Refusal extends Exception {
        final String type;
        final int status;

        Refusal(String type, int status, String message) {
            super(message, null, false, false);
            this.type = type;
            this.status = status;
        }
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        try {
            if (!(message instanceof HttpMessage http)) {
                throw new Refusal("AccessDeniedException", 403, LoopbackCallersOnly.NOT_VERTX
                        .replace("the caller's address", "the request as it was signed"));
            }
            byte[] body = message.getBody(byte[].class);
            body = body == null ? new byte[0] : body;
            message.setBody(body); // read once: the API reads these same bytes
            verify(http.getRequest(), body);
        } catch (Refusal refusal) {
            message.removeHeaders("*");
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, refusal.status);
            message.setHeader(Exchange.CONTENT_TYPE, StepFunctionsApi.CONTENT_TYPE);
            message.setBody(Json.write(StepFunctionsApi.error(refusal.type, refusal.getMessage())));
            exchange.setRouteStop(true);
        }
    }

    void verify(HttpServerRequest request, byte[] body) throws Refusal {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new Refusal("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
        }
        Matcher header = AUTHORIZATION.matcher(authorization.trim());
        if (!header.matches()) {
            throw new Refusal("IncompleteSignatureException", 400, "The Authorization header is not an AWS "
                    + "Signature Version 4 header: 'AWS4-HMAC-SHA256 Credential=<key id>/<yyyyMMdd>/<region>/"
                    + "states/aws4_request, SignedHeaders=<headers>, Signature=<64 hex digits>'");
        }
        String keyId = header.group(1);
        String scopeDate = header.group(2);
        String scopeRegion = header.group(3);
        String service = header.group(4);
        List<String> signedHeaders = List.of(header.group(5).split(";"));
        String signature = header.group(6);

        String amzDate = request.getHeader("X-Amz-Date");
        if (amzDate == null) {
            throw new Refusal("IncompleteSignatureException", 400,
                    "Authorization header requires existence of a 'X-Amz-Date' header");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw new Refusal("IncompleteSignatureException", 400,
                    "The X-Amz-Date header must be a date as yyyyMMdd'T'HHmmss'Z'");
        }
        // the action must be signed too: else a captured request's body could be replayed as another action
        if (!signedHeaders.contains("host") || !signedHeaders.contains("x-amz-date")
                || !signedHeaders.contains("x-amz-target")) {
            throw new Refusal("IncompleteSignatureException", 400,
                    "The signed headers (SignedHeaders) must include 'host', 'x-amz-date' and "
                    + "'x-amz-target'");
        }
        if (!SERVICE.equals(service)) {
            throw new Refusal("InvalidSignatureException", 400,
                    "Credential should be scoped to correct service: '" + SERVICE + "'.");
        }
        if (region.isPresent() && !region.get().equals(scopeRegion)) {
            throw new Refusal("InvalidSignatureException", 400,
                    "Credential should be scoped to a valid region, not '" + scopeRegion + "'.");
        }
        if (!amzDate.startsWith(scopeDate)) {
            throw new Refusal("InvalidSignatureException", 400, "Date in Credential scope does not match "
                    + "YYYYMMDD from ISO-8601 version of date from HTTP: '" + scopeDate + "' != '"
                    + amzDate.substring(0, 8) + "'");
        }
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw new Refusal("InvalidSignatureException", 400, "Signature expired: " + amzDate
                    + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW)) + " ("
                    + AMZ_DATE.format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw new Refusal("InvalidSignatureException", 400, "Signature not yet current: " + amzDate
                    + " is still later than " + AMZ_DATE.format(now.plus(MAX_SKEW)) + " ("
                    + AMZ_DATE.format(now) + " + 15 min.)");
        }
        String secret = keys.secret(keyId).orElseThrow(() -> new Refusal("UnrecognizedClientException", 400,
                "The security token included in the request is invalid."));

        String expected = recompute(request, body, secret, scopeDate, scopeRegion, signedHeaders, amzDate);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new Refusal("InvalidSignatureException", 400, "The request signature we calculated does not "
                    + "match the signature you provided. Check your AWS Secret Access Key and signing method. "
                    + "Consult the service documentation for details.");
        }
    }

    /** The signature of this request over the headers its caller signed, as {@link SignatureV4} computes it. */
    private static String recompute(HttpServerRequest request, byte[] body, String secret, String scopeDate,
            String scopeRegion, List<String> signedHeaders, String amzDate) throws Refusal {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : signedHeaders) {
            List<String> values = name.equals("host") ? LoopbackCallersOnly.host(request).stream().toList()
                    : request.headers().getAll(name);
            if (values.isEmpty()) {
                throw new Refusal("IncompleteSignatureException", 400,
                        "The signed header '" + name + "' is not in the request");
            }
            headers.put(name, values);
        }
        String canonical = SignatureV4.canonicalRequest(request.method().name(), request.path(), request.query(),
                headers, body);
        return SignatureV4.signature(canonical, amzDate, scopeDate, scopeRegion, SERVICE, secret);
    }
}
