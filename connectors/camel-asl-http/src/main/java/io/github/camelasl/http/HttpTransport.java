package io.github.camelasl.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.hc.client5.http.classic.HttpClient;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends requests with camel-http's client (the {@code https} component's TLS, proxy and connection settings), bounded:
 * the whole exchange takes at most {@code timeout} (AWS's HTTP Task gives up after 60 seconds: "States.Http.Socket"
 * in "Error handling in Step Functions workflows"), the body read is at most {@code maxResponseBytes}, no cookie
 * outlives its request (a server's cookie must not reach another execution), and redirects are followed only on the
 * same scheme, host and port, to a URL {@link EndpointAllowList#checkedUrl} takes and the caller allows (the rules
 * its first URL passed), at most {@link #MAX_REDIRECTS} times; any other redirect is returned as the 3XX it is, so the
 * request's credentials never reach a URL they were not allowed for.
 */
public final class HttpTransport {

    static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final Duration timeout;
    private final int maxResponseBytes;

    HttpTransport(HttpClient client, Duration timeout, int maxResponseBytes) {
        this.client = client;
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * A transport on the client of a camel-http endpoint of {@code camelContext}: configure TLS the Camel way
     * ({@code camel.component.https.sslContextParameters}, or global SSL context parameters).
     */
    public static HttpTransport of(CamelContext camelContext, Duration timeout, int maxResponseBytes) {
        long millis = timeout.toMillis();
        HttpEndpoint endpoint = camelContext.getEndpoint("https://camel-asl-http-task?followRedirects=false"
                + "&connectTimeout=" + millis + "&responseTimeout=" + millis + "&connectionRequestTimeout=" + millis,
                HttpEndpoint.class);
        return new HttpTransport(endpoint.getHttpClient(), timeout, maxResponseBytes);
    }

    /** Failed before a whole response arrived: refused, reset, timed out. */
    public static final class SocketFailure extends IOException {
        SocketFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The response body is over the bound. */
    public static final class ResponseTooLarge extends IOException {
        ResponseTooLarge(String message) {
            super(message);
        }
    }

    /** Sends {@code request}, following only redirects to URLs {@link EndpointAllowList#checkedUrl} takes. */
    public HttpReply send(OutgoingRequest request) throws SocketFailure, ResponseTooLarge {
        return send(request, hop -> true);
    }

    /**
     * Sends {@code request}, following a redirect only to the same origin, to a URL {@link EndpointAllowList#checkedUrl}
     * takes (no {@code ..}, no user info) and {@code mayFollow} allows.
     */
    public HttpReply send(OutgoingRequest request, Predicate<URI> mayFollow) throws SocketFailure, ResponseTooLarge {
        long deadline = System.nanoTime() + timeout.toNanos();
        OutgoingRequest current = request;
        for (int redirects = 0;; redirects++) {
            HttpReply reply = sendOnce(current, deadline);
            URI next = redirectTarget(current.uri(), reply);
            if (next == null || redirects >= MAX_REDIRECTS || !sameOrigin(current.uri(), next)
                    || !checked(next) || !mayFollow.test(next)) {
                return reply;
            }
            // 303 (and 301/302 after a POST, as browsers do) turn into a GET without a body; 307/308 repeat the request
            boolean repeat = reply.statusCode() == 307 || reply.statusCode() == 308
                    || (reply.statusCode() != 303 && !"POST".equals(current.method()));
            current = current.to(repeat ? current.method() : "GET", next, repeat);
        }
    }

    private HttpReply sendOnce(OutgoingRequest request, long deadline) throws SocketFailure, ResponseTooLarge {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketFailure("the request to " + request.uri() + " timed out after " + timeout.toSeconds()
                    + " s", null);
        }
        HttpUriRequestBase http = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().forEach(h -> http.addHeader(h.getKey(), h.getValue()));
        if (request.body().length > 0) {
            http.setEntity(new ByteArrayEntity(request.body(), null));
        }
        Timeout perRead = Timeout.of(left, TimeUnit.NANOSECONDS);
        http.setConfig(RequestConfig.custom().setRedirectsEnabled(false).setResponseTimeout(perRead)
                .setConnectionRequestTimeout(perRead).build());
        HttpClientContext context = HttpClientContext.create();
        context.setCookieStore(new BasicCookieStore());
        // a server that trickles bytes never hits the read timeout: cancel the exchange at the deadline
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            timedOut.set(true);
            http.cancel();
        }, CompletableFuture.delayedExecutor(left, TimeUnit.NANOSECONDS));
        try {
            return client.execute(http, context, this::toReply);
        } catch (ResponseTooLarge e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (timedOut.get() || e instanceof java.net.SocketTimeoutException) {
                String message = "the request to " + request.uri() + " timed out after " + timeout.toSeconds() + " s";
                throw new SocketFailure(message, new java.net.SocketTimeoutException(message));
            }
            throw new SocketFailure("the request to " + request.uri() + " failed: " + describe(e), e);
        } finally {
            watchdog.cancel(false);
        }
    }

    private HttpReply toReply(ClassicHttpResponse response) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName(), name -> new java.util.ArrayList<>()).add(header.getValue());
        }
        String reason = response.getReasonPhrase();
        if (reason == null || reason.isEmpty()) {
            reason = EnglishReasonPhraseCatalog.INSTANCE.getReason(response.getCode(), Locale.ENGLISH);
        }
        return new HttpReply(response.getCode(), reason == null ? "" : reason, headers, body(response.getEntity()));
    }

    private byte[] body(HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        try (InputStream in = entity.getContent()) {
            byte[] bytes = in.readNBytes(maxResponseBytes + 1);
            if (bytes.length > maxResponseBytes) {
                throw new ResponseTooLarge("the response is larger than " + maxResponseBytes + " bytes");
            }
            return bytes;
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.getClass().getName();
    }

    private static URI redirectTarget(URI from, HttpReply reply) {
        int status = reply.statusCode();
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return null;
        }
        List<String> location = reply.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Location")).map(Map.Entry::getValue).findFirst()
                .orElse(List.of());
        if (location.isEmpty()) {
            return null;
        }
        try {
            return from.resolve(location.get(0));
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    private static boolean checked(URI hop) {
        try {
            EndpointAllowList.checkedUrl(hop.toString(), "redirect");
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b) && b.getUserInfo() == null;
    }

    static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
