package io.github.camelasl.resource;

import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.util.URISupport;

/** Reads the parts of a Camel endpoint URI a resource policy looks at, as Camel reads them. */
final class CamelUris {

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    /**
     * The start of an expression Camel evaluates: {@code ${} and {@code $simple{} (Simple's start tokens, see
     * StringHelper.hasStartToken), and {@code $language{} as other languages write theirs; in any case.
     */
    private static final Pattern EXPRESSION = Pattern.compile("\\$[A-Za-z]*\\{");
    /** A percent sign that does not start an escape: Camel keeps it as it is. */
    private static final Pattern LONE_PERCENT = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    /** An option as Camel reads it: name and value percent-decoded, a {@code RAW(...)} value unwrapped. */
    record Option(String name, String value) {

        boolean is(String optionName) {
            return name.equalsIgnoreCase(optionName); // Camel binds options in any case
        }
    }

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

    /**
     * The options as Camel reads them (Camel's own query parser: names decoded; then values decoded or, when written
     * {@code RAW(...)}, unwrapped), a repeated name once per value.
     *
     * @throws IllegalArgumentException when the options are not a valid query (bad percent escapes, ...)
     */
    static List<Option> options(String uri) {
        int query = uri.indexOf('?');
        if (query < 0 || query == uri.length() - 1) {
            return List.of();
        }
        Map<String, Object> parsed;
        try {
            parsed = URISupport.parseQuery(uri.substring(query + 1), false, true);
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalArgumentException("its options are not a valid URI query: " + e.getMessage(), e);
        }
        List<Option> options = new ArrayList<>();
        parsed.forEach((name, values) -> {
            for (Object value : values instanceof List<?> list ? list : List.of(values)) {
                options.add(new Option(name, unwrapOrDecode(String.valueOf(value))));
            }
        });
        return options;
    }

    private static String unwrapOrDecode(String value) {
        if (value.length() >= 5 && value.startsWith("RAW") && (value.charAt(3) == '(' && value.endsWith(")")
                || value.charAt(3) == '{' && value.endsWith("}"))) {
            return value.substring(4, value.length() - 1);
        }
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /**
     * {@code text} with its percent escapes decoded, as Camel decodes an endpoint URI ({@code direct:admin%2Dx} is
     * {@code direct:admin-x}); a {@code %} that starts no escape and {@code +} stay as they are.
     */
    static String percentDecoded(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        try {
            return URLDecoder.decode(LONE_PERCENT.matcher(text.replace("+", "%2B")).replaceAll("%25"),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a malformed UTF-8 sequence: nothing Camel would read as other text
        }
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
     * resolves it from the application's properties, the environment or files), an expression ({@code ${...}},
     * {@code $simple{...}} in any case: some components evaluate it per message, and Simple reads the environment and
     * calls beans), an option value that is a bean or class reference ({@code #bean}, {@code #class:...}, which Camel
     * looks up or creates), or a {@code bean:} method parameter that refers to a bean. The Resource is read as written
     * and decoded as Camel reads it ({@code %7B%7Benv:X%7D%7D} is a placeholder too, {@code RAW(...)} is unwrapped).
     */
    static String hazard(String resource) {
        for (String text : List.of(resource, percentDecoded(resource))) {
            if (text.contains("{{")) {
                return "it holds a property placeholder '{{...}}', which Camel resolves from the application's "
                        + "properties and environment";
            }
            if (EXPRESSION.matcher(text).find()) {
                return "it holds a Simple expression ('${...}' or '$simple{...}'), which components evaluate against "
                        + "the application";
            }
        }
        List<Option> options;
        try {
            options = options(resource);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        boolean bean = "bean".equals(scheme(resource));
        for (Option option : options) {
            String value = option.value();
            if (value.startsWith("#")) {
                return "option '" + option.name() + "' refers to a bean or class ('" + value + "'), which Camel looks "
                        + "up or creates";
            }
            if (value.contains("{{") || EXPRESSION.matcher(value).find()) {
                return "option '" + option.name() + "' holds a property placeholder or Simple expression";
            }
            int parameters = value.indexOf('(');
            if (bean && option.is("method") && parameters >= 0 && value.indexOf('#', parameters) >= 0) {
                return "option 'method' passes a parameter that refers to a bean ('" + value + "'), which Camel "
                        + "looks up";
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
