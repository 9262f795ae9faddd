package io.github.camelasl.validation;

import io.github.camelasl.dataflow.JsonPaths;
import io.github.camelasl.dataflow.ResultPath;

/**
 * What a JSONPath state may write where a path is expected: a JSONPath on the data ({@code $.a.b}), on the
 * context object ({@code $$.Execution.Id}) or on a variable ({@code $name.a}). Reference paths must select
 * a single value.
 */
final class Paths {

    private Paths() {
    }

    /** A JSONPath, context path or variable path. */
    static boolean isPath(String text) {
        String jsonPath = asJsonPath(text);
        return jsonPath != null && JsonPaths.isValid(jsonPath);
    }

    /** A path selecting at most one value. */
    static boolean isReferencePath(String text) {
        String jsonPath = asJsonPath(text);
        return jsonPath != null && JsonPaths.isValid(jsonPath) && JsonPaths.isDefinite(jsonPath)
                && !jsonPath.contains("(");
    }

    /**
     * A path on the data (not the context, not a variable) selecting one place: what ResultPath may name, in the
     * steps the engine writes through.
     */
    static boolean isResultPath(String text) {
        return text.startsWith("$") && !text.startsWith("$$") && !isVariable(text) && isReferencePath(text)
                && ResultPath.isValid(text);
    }

    /** The JSONPath a path reads with, or null when it does not start like a path at all. */
    private static String asJsonPath(String text) {
        if (!text.startsWith("$")) {
            return null;
        }
        if (isVariable(text)) {
            // $name.rest reads "rest" from the variable: validate it as $.rest.
            int end = 1;
            while (end < text.length() && isNameChar(text.charAt(end))) {
                end++;
            }
            return "$" + text.substring(end);
        }
        return text;
    }

    static boolean isVariable(String text) {
        return text.length() > 1 && text.charAt(0) == '$' && isNameStart(text.charAt(1));
    }

    /** A valid variable name: a letter or underscore, then letters, digits or underscores. */
    static boolean isVariableName(String name) {
        if (name.isEmpty() || !isNameStart(name.charAt(0))) {
            return false;
        }
        return name.chars().allMatch(c -> isNameChar((char) c));
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
