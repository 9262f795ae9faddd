package io.github.camelasl.route;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which of the headers an execution is started with reach its Tasks' endpoints: none, unless the app names them
 * (the asl component's {@code forwardedHeaders} option). Camel's components act on headers whatever their prefix
 * (Kafka's {@code kafka.OVERRIDE_TOPIC} redirects a send, JMS's {@code JMSReplyTo}, mail's {@code To} and
 * {@code Bcc}, HTTP's {@code Authorization} and {@code Host}), and a caller's headers can come from outside (an HTTP
 * client's, through {@code platform-http}), so only the app decides which go on. A pattern is a header name, or a
 * glob where {@code *} matches any run of characters ({@code x-*}); names are compared as Camel compares them,
 * ignoring case. A header named {@code Camel*} goes on only if {@link AllowedCamelHeaders} allows it as well.
 */
public final class ForwardedHeaders {

    /** No caller header is forwarded. */
    public static final ForwardedHeaders NONE = new ForwardedHeaders(List.of(), AllowedCamelHeaders.NONE);

    /** Lower case, as the names they are matched against. */
    private final List<String> patterns;
    private final AllowedCamelHeaders allowedCamelHeaders;

    private ForwardedHeaders(List<String> patterns, AllowedCamelHeaders allowedCamelHeaders) {
        this.patterns = patterns;
        this.allowedCamelHeaders = allowedCamelHeaders;
    }

    /**
     * The patterns in a comma-separated list (blanks ignored); null or blank forwards none.
     *
     * @param allowedCamelHeaders the Camel* headers the app allows on Tasks' requests
     */
    public static ForwardedHeaders parse(String commaSeparated, AllowedCamelHeaders allowedCamelHeaders) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return NONE;
        }
        return new ForwardedHeaders(Arrays.stream(commaSeparated.split(",")).map(String::trim)
                .filter(pattern -> !pattern.isEmpty()).map(pattern -> pattern.toLowerCase(Locale.ROOT)).toList(),
                allowedCamelHeaders);
    }

    /** True when a caller's header of this name reaches the Tasks. */
    public boolean forwards(String name) {
        if (patterns.isEmpty() || !allowedCamelHeaders.allows(name)) {
            return false;
        }
        String lowerCase = name.toLowerCase(Locale.ROOT);
        return patterns.stream().anyMatch(pattern -> matches(pattern, lowerCase));
    }

    /** The headers of {@code headers} that reach the Tasks (an empty map when none does). */
    public Map<String, Object> select(Map<String, Object> headers) {
        Map<String, Object> forwarded = Map.of();
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            if (forwards(header.getKey())) {
                if (forwarded.isEmpty()) {
                    forwarded = new HashMap<>();
                }
                forwarded.put(header.getKey(), header.getValue());
            }
        }
        return forwarded;
    }

    /**
     * Whether {@code glob} matches the whole of {@code name}, in time proportional to their lengths' product at
     * worst (a regular expression of several {@code .*} backtracks without bound, and names come from callers).
     */
    private static boolean matches(String glob, String name) {
        int g = 0;
        int n = 0;
        int star = -1; // the last '*' seen in glob, and where in name it started matching
        int mark = 0;
        while (n < name.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                mark = n;
            } else if (g < glob.length() && glob.charAt(g) == name.charAt(n)) {
                g++;
                n++;
            } else if (star >= 0) {
                g = star + 1; // let the last '*' take one more character
                n = ++mark;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    @Override
    public String toString() {
        return patterns.isEmpty() ? "no caller headers" : String.join(",", patterns);
    }
}
