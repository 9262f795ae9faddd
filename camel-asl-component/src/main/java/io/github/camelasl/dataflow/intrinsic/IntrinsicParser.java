package io.github.camelasl.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.dataflow.JsonPaths;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser for intrinsic function calls:
 *
 * <pre>
 * call     := 'States.' Name ws* '(' ws* [ argument (ws* ',' ws* argument)* ] ws* ')'
 * argument := 'string' | number | true | false | null | $path | $$path | $variable | call
 * </pre>
 *
 * String literals are single-quoted; inside them only {@code \'}, {@code \{}, {@code \}} and {@code \\} are
 * escapes, and AWS rejects any other backslash (a definition with {@code \"} in a literal fails validation).
 */
final class IntrinsicParser {

    /** Deep enough for any real definition (AWS documents 10 levels); shallow enough to protect the stack. */
    private static final int MAX_NESTING = 64;

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final String ESCAPABLE = "'{}\\";
    private static final Map<String, JsonNode> KEYWORDS = Map.of(
            "true", Json.NODES.booleanNode(true),
            "false", Json.NODES.booleanNode(false),
            "null", Json.NODES.nullNode());

    private final String source;
    private int pos;

    private IntrinsicParser(String source) {
        this.source = source;
    }

    /** Parses one complete call; the whole string must be the call. */
    static Expr.Call parse(String source) {
        IntrinsicParser parser = new IntrinsicParser(source);
        Expr.Call call = parser.call(1);
        parser.skipWhitespace();
        if (parser.pos < source.length()) {
            throw parser.error("unexpected text after the function call");
        }
        return call;
    }

    private Expr.Call call(int nesting) {
        if (nesting > MAX_NESTING) {
            throw error("intrinsic functions are nested more than " + MAX_NESTING + " levels deep");
        }
        int start = pos;
        if (!source.startsWith("States.", pos)) {
            throw error("expected a function call starting with 'States.'");
        }
        pos += "States.".length();
        while (pos < source.length() && isNameChar(source.charAt(pos))) {
            pos++;
        }
        String name = source.substring(start, pos);
        StatesFunction function = StatesFunction.byName(name);
        if (function == null) {
            throw new IntrinsicSyntaxException("'" + name + "' is not a valid intrinsic function name");
        }
        skipWhitespace();
        if (peek() != '(') {
            throw error("expected '(' after " + name);
        }
        pos++;
        List<Expr> arguments = new ArrayList<>();
        skipWhitespace();
        if (peek() == ')') {
            pos++;
            return new Expr.Call(function, List.of());
        }
        while (true) {
            skipWhitespace();
            arguments.add(argument(nesting));
            skipWhitespace();
            char next = peek();
            pos++;
            if (next == ')') {
                return new Expr.Call(function, List.copyOf(arguments));
            }
            if (next != ',') {
                pos--;
                throw error(pos < source.length() ? "expected ',' or ')'" : "missing ')' at the end");
            }
        }
    }

    private Expr argument(int nesting) {
        char c = peek();
        if (c == '\'') {
            return stringLiteral();
        }
        if (c == '$') {
            return pathOrVariable();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        if (source.startsWith("States.", pos)) {
            return call(nesting + 1);
        }
        for (Map.Entry<String, JsonNode> keyword : KEYWORDS.entrySet()) {
            if (source.startsWith(keyword.getKey(), pos)) {
                pos += keyword.getKey().length();
                requireDelimiter();
                return new Expr.Literal(keyword.getValue(), null);
            }
        }
        throw error(pos < source.length() ? "unexpected character '" + c + "'" : "missing argument");
    }

    private Expr stringLiteral() {
        pos++;
        int rawStart = pos;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= source.length()) {
                throw error("unterminated string literal");
            }
            char c = source.charAt(pos);
            if (c == '\\') {
                char escaped = pos + 1 < source.length() ? source.charAt(pos + 1) : 0;
                if (ESCAPABLE.indexOf(escaped) < 0 || escaped == 0) {
                    throw error("illegal escape sequence in a string literal; only \\', \\{, \\} and \\\\ are allowed");
                }
                value.append(escaped);
                pos += 2;
            } else if (c == '\'') {
                String raw = source.substring(rawStart, pos);
                pos++;
                return new Expr.Literal(Json.NODES.textNode(value.toString()), raw);
            } else {
                value.append(c);
                pos++;
            }
        }
    }

    private Expr number() {
        Matcher matcher = NUMBER.matcher(source).region(pos, source.length());
        if (!matcher.lookingAt()) {
            throw error("malformed number");
        }
        String text = matcher.group();
        int start = pos;
        pos = matcher.end();
        requireDelimiter();
        boolean integral = matcher.group(2) == null && matcher.group(3) == null;
        try {
            JsonNode value = integral
                    ? JsonValues.integerNode(new BigInteger(text))
                    : Json.NODES.numberNode(new BigDecimal(text));
            return new Expr.Literal(value, null);
        } catch (NumberFormatException e) { // an exponent beyond what BigDecimal holds (±2147483647)
            pos = start;
            throw error("the number " + text + " is out of range");
        }
    }

    /** A path ends at a comma, a closing parenthesis or whitespace that is not inside brackets or quotes. */
    private Expr pathOrVariable() {
        int start = pos;
        int brackets = 0;
        char quote = 0;
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (quote != 0) {
                if (c == '\\') {
                    pos++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '[') {
                brackets++;
            } else if (c == ']') {
                brackets--;
                if (brackets < 0) {
                    throw error("unbalanced ']' in a path");
                }
            } else if (brackets > 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (brackets == 0 && (c == ',' || c == ')' || isWhitespace(c))) {
                break;
            }
            pos++;
        }
        if (quote != 0 || brackets > 0) {
            throw error("unterminated bracket in a path");
        }
        String text = source.substring(start, pos);
        if (text.startsWith("$$") || text.length() == 1 || text.charAt(1) == '.' || text.charAt(1) == '[') {
            requireValidPath(text, text);
            return new Expr.Path(text);
        }
        int nameEnd = 1;
        while (nameEnd < text.length() && isNameChar(text.charAt(nameEnd))) {
            nameEnd++;
        }
        String rest = "$" + text.substring(nameEnd);
        if (nameEnd == 1 || (rest.length() > 1 && rest.charAt(1) != '.' && rest.charAt(1) != '[')) {
            throw error("'" + text + "' is neither a valid JSONPath nor a variable reference");
        }
        requireValidPath(rest, text);
        return new Expr.Variable(text.substring(1, nameEnd), rest);
    }

    private void requireValidPath(String path, String asWritten) {
        if (!JsonPaths.isValid(path)) {
            throw new IntrinsicSyntaxException("'" + asWritten + "' is not a valid JSONPath");
        }
    }

    private void requireDelimiter() {
        if (pos < source.length()) {
            char c = source.charAt(pos);
            if (c != ',' && c != ')' && !isWhitespace(c)) {
                throw error("unexpected character '" + c + "'");
            }
        }
    }

    private void skipWhitespace() {
        while (pos < source.length() && isWhitespace(source.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return pos < source.length() ? source.charAt(pos) : 0;
    }

    private IntrinsicSyntaxException error(String what) {
        return new IntrinsicSyntaxException("Invalid intrinsic function call, " + what + " at position " + (pos + 1)
                + " of '" + source + "'");
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
