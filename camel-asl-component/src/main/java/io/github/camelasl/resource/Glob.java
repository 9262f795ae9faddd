package io.github.camelasl.resource;

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

    /**
     * Whether {@code glob} matches the whole of {@code text}, in time proportional to their lengths' product at
     * worst: a regular expression of several {@code (.*?)} backtracks without bound on a long text it does not
     * match, and Resources come from definitions.
     */
    static boolean matches(String glob, String text) {
        int g = 0;
        int t = 0;
        int star = -1; // the last '*' seen in glob, and where in text it started matching
        int mark = 0;
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                mark = t;
            } else if (g < glob.length() && glob.charAt(g) == text.charAt(t)) {
                g++;
                t++;
            } else if (star >= 0) {
                g = star + 1; // let the last '*' take one more character
                t = ++mark;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
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
