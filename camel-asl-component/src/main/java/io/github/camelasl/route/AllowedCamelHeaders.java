package io.github.camelasl.route;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which headers named {@code Camel*} (any case) may reach a Task's endpoint: none, unless the app names them (the
 * asl component's {@code allowedCamelHeaders} option). Camel's components act on such headers
 * ({@code CamelExecCommandExecutable} runs a command, {@code CamelHttpUri} redirects a call, {@code CamelSqlQuery}
 * rewrites SQL), and consumers set them from outside data ({@code CamelFileName}, {@code CamelAwsS3Key}), so they
 * are control, not data. Header names are compared as Camel compares them, ignoring case.
 */
public final class AllowedCamelHeaders {

    private static final String PREFIX = "Camel";

    /** No Camel header is allowed. */
    public static final AllowedCamelHeaders NONE = new AllowedCamelHeaders(Set.of());

    private final Set<String> names;

    private AllowedCamelHeaders(Set<String> names) {
        this.names = names;
    }

    /** The names in a comma-separated list (blanks ignored); null or blank allows none. */
    public static AllowedCamelHeaders parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return NONE;
        }
        return new AllowedCamelHeaders(Arrays.stream(commaSeparated.split(",")).map(String::trim)
                .filter(name -> !name.isEmpty()).map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** True for a name starting with {@code Camel} in any case. */
    public static boolean isCamelHeader(String name) {
        return name.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** True when the header may be set on a Task's request: it is not a Camel header, or the app allows it. */
    public boolean allows(String name) {
        return !isCamelHeader(name) || names.contains(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return names.isEmpty() ? "no Camel headers" : String.join(",", names);
    }
}
