package io.github.camelasl.history;

/**
 * Text from a definition, an input or a Task's reply (a state name, an error, a cause, an execution name), made
 * safe to print on a terminal: the characters a terminal acts on are written as Java escapes ({@code \u001b},
 * {@code \n}), so such text can neither clear the screen, move the cursor nor print lines of its own. Those are the
 * C0 controls (ESC among them), DEL, the C1 controls, the line and paragraph separators and the bidirectional
 * overrides and isolates (which reorder what is shown); every other character, ordinary Unicode included, is kept.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** {@code text} with every such character escaped; null stays null. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = 0;
        while (first < text.length() && !acted(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text; // the usual case: nothing to escape, no copy
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!acted(c)) {
                escaped.append(c);
            } else if (c == '\n') {
                escaped.append("\\n");
            } else if (c == '\r') {
                escaped.append("\\r");
            } else if (c == '\t') {
                escaped.append("\\t");
            } else {
                escaped.append(String.format("\\u%04x", (int) c));
            }
        }
        return escaped.toString();
    }

    /** Like {@link #escape}, but keeps the line breaks of text whose lines the caller made (a multi-line message). */
    public static String escapeKeepingLines(String text) {
        if (text == null) {
            return null;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = escape(lines[i]);
        }
        return String.join("\n", lines);
    }

    private static boolean acted(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
