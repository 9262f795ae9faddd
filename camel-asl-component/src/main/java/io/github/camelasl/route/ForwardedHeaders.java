package io.github.camelasl.route;

import io.github.camelasl.dataflow.Wildcards;
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
        return patterns.stream().anyMatch(pattern -> Wildcards.matches(pattern, lowerCase));
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

    @Override
    public String toString() {
        return patterns.isEmpty() ? "no caller headers" : String.join(",", patterns);
    }
}
