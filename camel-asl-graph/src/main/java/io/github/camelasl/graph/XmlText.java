package io.github.camelasl.graph;

/** Text from definitions (state names, error names) made inert in XML: the SVG graphs and the coverage report. */
public final class XmlText {

    private XmlText() {
    }

    /**
     * For XML and HTML content and attribute values: the five markup characters become entities, a control
     * character XML 1.0 does not allow becomes U+FFFD.
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // XML 1.0 allows no control characters but tab, line feed and carriage return
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
