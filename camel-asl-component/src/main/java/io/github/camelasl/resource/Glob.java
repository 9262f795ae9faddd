package io.github.camelasl.resource;

import io.github.camelasl.dataflow.Wildcards;
import java.util.regex.Pattern;

/**
 * The glob patterns of resource mappings and resource policies: over the whole string, {@code *} matching any run of
 * characters (none included, {@code :} and {@code /} too), every other character standing for itself.
 */
final class Glob {

    private Glob() {
    }

    /** The regular expression for {@code glob}; each {@code *} is a group matching as few characters as it can. */
    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        int start = 0;
        int star;
        while ((star = glob.indexOf('*', start)) >= 0) {
            if (star > start) {
                regex.append(Pattern.quote(glob.substring(start, star)));
            }
            regex.append("(.*?)");
            start = star + 1;
        }
        if (start < glob.length()) {
            regex.append(Pattern.quote(glob.substring(start)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** Whether {@code glob} matches the whole of {@code text}, in bounded time (see {@link Wildcards}). */
    static boolean matches(String glob, String text) {
        return Wildcards.matches(glob, text);
    }

    /** What makes {@code pattern} unusable as a glob (empty, whitespace, {@code **}), or null when nothing does. */
    static String problem(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return "the pattern is empty";
        }
        String invalid = "pattern '" + pattern + "' is not a valid glob: ";
        if (pattern.chars().anyMatch(Character::isWhitespace)) {
            return invalid + "it contains whitespace";
        }
        if (pattern.contains("**")) {
            return invalid + "'**' (two wildcards side by side) is ambiguous; write one '*'";
        }
        return null;
    }
}
