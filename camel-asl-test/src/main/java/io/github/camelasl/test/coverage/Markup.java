package io.github.camelasl.test.coverage;

import io.github.camelasl.graph.XmlText;

/** Text from definitions (state names, error names) made inert in the reports' HTML and Markdown. */
final class Markup {

    private Markup() {
    }

    /** For HTML content and attribute values (as the SVG graph escapes its text). */
    static String html(String text) {
        return XmlText.escape(text);
    }

    /**
     * For a Markdown line or table cell: what Markdown would read as markup is backslash-escaped, angle brackets
     * and ampersands become entities (Markdown passes raw HTML through), and line breaks become spaces.
     */
    static String markdown(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<') {
                out.append("&lt;");
            } else if (c == '>') {
                out.append("&gt;");
            } else if (c == '&') {
                out.append("&amp;");
            } else if ("\\`*_[]|~".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if (Character.isISOControl(c)) {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
