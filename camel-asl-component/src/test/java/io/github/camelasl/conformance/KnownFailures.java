package io.github.camelasl.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cases known to fail, each with why: {@code <case name> | <reason>} a line, {@code #} starts a comment. A
 * failure listed here is expected; one that is not is a regression.
 */
final class KnownFailures {

    static final String RESOURCE = "/conformance-known-failures.txt";

    private final String resource;
    private final Map<String, String> reasons;

    private KnownFailures(String resource, Map<String, String> reasons) {
        this.resource = resource;
        this.reasons = Collections.unmodifiableMap(reasons);
    }

    static KnownFailures load() throws IOException {
        return load(RESOURCE);
    }

    /** A connector test's own list, {@code resource} being a classpath resource ("/...txt"). */
    static KnownFailures load(String resource) throws IOException {
        try (InputStream in = KnownFailures.class.getResourceAsStream(resource)) {
            return in == null ? new KnownFailures(resource, Map.of())
                    : parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static KnownFailures parse(String text) {
        return parse(RESOURCE, text);
    }

    private static KnownFailures parse(String resource, String text) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            int bar = entry.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException(resource + ": expected '<case name> | <reason>', got: " + line);
            }
            reasons.put(entry.substring(0, bar).strip(), entry.substring(bar + 1).strip());
        }
        return new KnownFailures(resource, reasons);
    }

    /** The file's name, for messages. */
    String fileName() {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    boolean contains(String caseName) {
        return reasons.containsKey(caseName);
    }

    String reason(String caseName) {
        return reasons.get(caseName);
    }

    Map<String, String> all() {
        return reasons;
    }
}
