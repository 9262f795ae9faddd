package io.github.camelasl.resource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads the parts of a Camel endpoint URI a resource policy looks at, as Camel reads them. */
final class CamelUris {

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

    private CamelUris() {
    }

    /** The scheme in lower case ({@code exec}), or null when {@code uri} has none. */
    static String scheme(String uri) {
        int colon = uri.indexOf(':');
        if (colon <= 0 || !SCHEME.matcher(uri.substring(0, colon)).matches()) {
            return null;
        }
        return uri.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /** What follows the scheme, without the {@code //} Camel takes as optional, and before the options. */
    static String path(String uri) {
        String rest = afterScheme(uri);
        int query = rest.indexOf('?');
        return query < 0 ? rest : rest.substring(0, query);
    }

    /** The options ({@code a=1&b=2}), or "". */
    static String options(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? "" : uri.substring(query + 1);
    }

    /**
     * The form patterns are matched against: the scheme in lower case, {@code scheme://x} as {@code scheme:x}, and
     * a {@code file:} path normalised ({@code file:/data/../etc} is {@code file:/etc}).
     */
    static String normalise(String uri) {
        String scheme = scheme(uri);
        if (scheme == null) {
            return uri;
        }
        String path = path(uri);
        if ("file".equals(scheme)) {
            Path folder = folder(path);
            path = folder == null ? path : folder.toString().replace('\\', '/');
        }
        int query = uri.indexOf('?');
        return scheme + ":" + path + (query < 0 ? "" : uri.substring(query));
    }

    /** A {@code file:} endpoint's folder, normalised ({@code ..} resolved), or null when it is not a plain path. */
    static Path folder(String path) {
        if (path.indexOf('%') >= 0) {
            return null; // Camel would decode it: %2e%2e is ..
        }
        try {
            return Path.of(path).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * Why Camel would do more with {@code resource} than call an endpoint, or null: a property placeholder (Camel
     * resolves it from the application's properties, the environment or files), a Simple expression in an option
     * (some components evaluate it per message, and Simple reads the environment and calls beans), or an option
     * value that is a bean or class reference ({@code #bean}, {@code #class:...}, which Camel looks up or creates).
     * The Resource is read as written and percent-decoded, as Camel reads it ({@code %7B%7Benv:X%7D%7D} is a
     * placeholder too).
     */
    static String hazard(String resource) {
        String decoded;
        try {
            decoded = URLDecoder.decode(resource, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = resource; // options are checked one by one below
        }
        if (resource.contains("{{") || decoded.contains("{{")) {
            return "it holds a property placeholder '{{...}}', which Camel resolves from the application's "
                    + "properties and environment";
        }
        if (resource.contains("${") || decoded.contains("${")) {
            return "it holds a Simple expression '${...}', which components evaluate against the application";
        }
        String options = options(resource);
        if (options.isEmpty()) {
            return null;
        }
        for (String option : options.split("&")) {
            int eq = option.indexOf('=');
            String value = eq < 0 ? "" : option.substring(eq + 1);
            if (value.startsWith("RAW(") || value.startsWith("RAW{")) {
                value = value.substring(4);
            } else {
                try {
                    value = URLDecoder.decode(value, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return "option '" + option + "' is not valid URI encoding";
                }
            }
            if (value.startsWith("#")) {
                return "option '" + (eq < 0 ? option : option.substring(0, eq)) + "' refers to a bean or class ('"
                        + value + "'), which Camel looks up or creates";
            }
            if (value.contains("{{") || value.contains("${")) {
                return "option '" + option.substring(0, eq) + "' holds a property placeholder or Simple expression";
            }
        }
        return null;
    }

    private static String afterScheme(String uri) {
        int colon = uri.indexOf(':');
        String rest = colon < 0 ? uri : uri.substring(colon + 1);
        return rest.startsWith("//") ? rest.substring(2) : rest;
    }
}
