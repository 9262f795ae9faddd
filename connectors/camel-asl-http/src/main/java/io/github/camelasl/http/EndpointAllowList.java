package io.github.camelasl.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * URL prefixes a Task may call: {@code https://api.example.com/v1/} allows that scheme, host and port, and paths
 * under {@code /v1/}. A prefix matches on whole parts: {@code https://api.example.com} does not allow
 * {@code https://api.example.com.evil.net}, and {@code https://h/v1} does not allow {@code https://h/v10}.
 */
public final class EndpointAllowList {

    private static final EndpointAllowList NONE = new EndpointAllowList(List.of());

    private final List<URI> prefixes;

    private EndpointAllowList(List<URI> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    /** Comma-separated prefixes; null or blank for none. */
    public static EndpointAllowList parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return NONE;
        }
        List<URI> prefixes = new ArrayList<>();
        for (String text : commaSeparated.split(",")) {
            if (!text.isBlank()) {
                prefixes.add(checkedUrl(text.trim(), "allowed endpoint prefix"));
            }
        }
        return new EndpointAllowList(prefixes);
    }

    public boolean isEmpty() {
        return prefixes.isEmpty();
    }

    /** Whether {@code url} (checked with {@link #checkedUrl}) is under one of the prefixes. */
    public boolean allows(URI url) {
        return prefixes.stream().anyMatch(prefix -> under(url, prefix));
    }

    private static boolean under(URI url, URI prefix) {
        if (!HttpTransport.sameOrigin(prefix, url)) {
            return false;
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String allowed = prefix.getRawPath() == null || prefix.getRawPath().isEmpty() ? "/" : prefix.getRawPath();
        if (!path.startsWith(allowed)) {
            return false;
        }
        return allowed.endsWith("/") || path.length() == allowed.length() || path.charAt(allowed.length()) == '/';
    }

    @Override
    public String toString() {
        return prefixes.toString();
    }

    /**
     * {@code text} as an absolute http(s) URL a Task may name: no user name or password in it (credentials come from
     * a connection), no {@code ..} path segment (plain, percent-encoded once or twice, or with path parameters as in
     * {@code ..;}) that would climb out of an allowed prefix. Whether http is allowed is the component's choice.
     *
     * @throws IllegalArgumentException saying what is wrong, naming {@code what}
     */
    public static URI checkedUrl(String text, String what) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the " + what + " '" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("the " + what + " '" + text + "' must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("the " + what + " '" + text + "' has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the " + what + " '" + redacted(uri)
                    + "' must not carry a user name or password: configure a connection");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        for (String segment : path.split("/")) {
            if (climbs(segment)) {
                throw new IllegalArgumentException("the " + what + " '" + text + "' has a path segment '" + segment
                        + "' that is not allowed");
            }
        }
        return uri;
    }

    /**
     * Whether a server could read {@code rawSegment} as {@code ..} or {@code .}, or as more than one segment: decoded
     * (again, for a double encoding such as {@code %252e}), without the path parameters Tomcat and Spring strip
     * ({@code ..;x}), or holding a slash or backslash.
     */
    private static boolean climbs(String rawSegment) {
        String decoded = rawSegment;
        for (int i = 0; i < 3 && decoded.contains("%"); i++) {
            try {
                decoded = URLDecoder.decode(decoded.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notEncoded) {
                break; // a lone % is text, not an escape
            }
        }
        String name = decoded.contains(";") ? decoded.substring(0, decoded.indexOf(';')) : decoded;
        return name.equals("..") || name.equals(".") || decoded.contains("/") || decoded.contains("\\");
    }

    private static String redacted(URI uri) {
        return uri.getScheme() + "://***@" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
