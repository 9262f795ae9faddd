package io.github.camelasl.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.camelasl.dataflow.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** String functions: States.Format, States.StringSplit and States.UUID. */
final class StringFunctions {

    private StringFunctions() {
    }

    /**
     * States.Format(template, value...): each {@code {}} in the template takes the next value. There must be exactly
     * as many values as placeholders. In a literal template, {@code \{} and {@code \}} are plain braces, never
     * placeholders; a template read from a path has no escapes, every {@code {}} in it is a placeholder.
     */
    static JsonNode format(Args args) {
        String template = args.text(0, "the template");
        List<String> pieces = args.expression(0) instanceof Expr.Literal literal && literal.rawText() != null
                ? splitLiteralTemplate(literal.rawText())
                : splitTemplate(template);
        int placeholders = pieces.size() - 1;
        int values = args.size() - 1;
        if (placeholders != values) {
            throw args.fail("the template '" + template + "' has " + placeholders + " {} placeholder"
                    + (placeholders == 1 ? "" : "s") + ", but " + values + " value" + (values == 1 ? " was" : "s were")
                    + " given");
        }
        StringBuilder out = new StringBuilder(pieces.get(0));
        for (int i = 1; i < pieces.size(); i++) {
            out.append(JsonValues.formatText(args.get(i))).append(pieces.get(i));
        }
        return Json.NODES.textNode(out.toString());
    }

    /** The text around the placeholders of a template given as a string literal, escapes still in place. */
    private static List<String> splitLiteralTemplate(String raw) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                piece.append(raw.charAt(++i));
            } else if (c == '{' && i + 1 < raw.length() && raw.charAt(i + 1) == '}') {
                pieces.add(piece.toString());
                piece.setLength(0);
                i++;
            } else {
                piece.append(c);
            }
        }
        pieces.add(piece.toString());
        return pieces;
    }

    private static List<String> splitTemplate(String template) {
        List<String> pieces = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = template.indexOf("{}", from)) >= 0) {
            pieces.add(template.substring(from, at));
            from = at + 2;
        }
        pieces.add(template.substring(from));
        return pieces;
    }

    /**
     * States.StringSplit(string, delimiters): every character of the second argument is a delimiter on its own
     * ("+,." splits on any of the three), and empty pieces are dropped (",,,," gives []).
     */
    static JsonNode stringSplit(Args args) {
        String input = args.text(0, "the string to split");
        String delimiters = args.text(1, "the delimiter characters");
        ArrayNode out = Json.NODES.arrayNode();
        StringBuilder piece = new StringBuilder();
        input.codePoints().forEach(codePoint -> {
            if (delimiters.indexOf(codePoint) >= 0) {
                addIfNotEmpty(out, piece);
            } else {
                piece.appendCodePoint(codePoint);
            }
        });
        addIfNotEmpty(out, piece);
        return out;
    }

    private static void addIfNotEmpty(ArrayNode out, StringBuilder piece) {
        if (piece.length() > 0) {
            out.add(piece.toString());
            piece.setLength(0);
        }
    }

    /** States.UUID(): a random version 4 UUID in its lower-case 36-character form. */
    static JsonNode uuid(Args args) {
        return Json.NODES.textNode(UUID.randomUUID().toString());
    }
}
