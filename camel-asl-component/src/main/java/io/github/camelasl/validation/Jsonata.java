package io.github.camelasl.validation;

/**
 * JSONata strings ({@code {% expression %}}). Only the delimiters are checked for now; the expression
 * itself will be parsed once a JSONata parser is available.
 */
final class Jsonata {

    private Jsonata() {
    }

    /** True for a string meant as an expression: it opens or closes with a JSONata delimiter. */
    static boolean looksLike(String text) {
        String trimmed = text.strip();
        return trimmed.startsWith("{%") || trimmed.endsWith("%}");
    }

    /** The problem with a string meant as an expression, or null when its delimiters are right. */
    static String problem(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("{%") || !trimmed.endsWith("%}") || trimmed.length() < 4) {
            return Problems.invalidJsonataDelimiters();
        }
        if (trimmed.substring(2, trimmed.length() - 2).isBlank()) {
            return Problems.emptyJsonata();
        }
        return null;
    }
}
