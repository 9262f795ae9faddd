package io.github.camelasl.validation;

import io.github.camelasl.dataflow.jsonata.JsonataExpressions;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSONata strings ({@code {% expression %}}): the delimiters, the expression's syntax (AWS refuses an
 * unparseable one with INVALID_JSONATA_EXPRESSION) and a reference to the input's fields at the top level, which
 * AWS refuses with UNSUPPORTED_JSONATA_EXPRESSION (a state reads its input through {@code $states.input}).
 */
final class Jsonata {

    static final String INVALID_CODE = "INVALID_JSONATA_EXPRESSION";
    static final String UNSUPPORTED_CODE = "UNSUPPORTED_JSONATA_EXPRESSION";

    /** An expression that opens with a bare field name (not a function call, keyword or literal). */
    private static final Pattern TOP_LEVEL_NAME = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(.?)");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "in", "true", "false", "null", "function");

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

    /** The parser's complaint about a well-delimited expression, without JSONata's code, or null. */
    static String syntaxProblem(String text) {
        String problem = JsonataExpressions.staticProblem(text);
        return problem == null ? null : problem.replaceFirst("^[A-Z]\\d{4}: ", "");
    }

    /** The field name an expression reads at its top level, or null. */
    static String topLevelReference(String text) {
        String trimmed = text.strip();
        Matcher m = TOP_LEVEL_NAME.matcher(trimmed.substring(2, trimmed.length() - 2));
        if (!m.find() || KEYWORDS.contains(m.group(1)) || m.group(2).equals("(")) {
            return null;
        }
        return m.group(1);
    }
}
