package io.github.camelasl.dataflow;

/**
 * Matching a glob in which {@code *} stands for any run of characters (none included) and every other character
 * for itself, over the whole text, in time proportional to the product of their lengths at worst: a regular
 * expression of several {@code .*} backtracks without bound on a long text it does not match, and the texts matched
 * here (Resources, header names) come from definitions and callers. The resource policy's and resource mappings'
 * patterns and the forwardedHeaders option use it.
 */
public final class Wildcards {

    private Wildcards() {
    }

    /** Whether {@code glob} matches the whole of {@code text}. */
    public static boolean matches(String glob, String text) {
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
}
