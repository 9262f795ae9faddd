package io.github.camelasl.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The graph as a Mermaid flowchart (top down): a subgraph per group, a classDef per status. Ids are the graph's own
 * (n1, g1, start, end); every text is quoted, with Mermaid's entity codes for what would end or break it.
 */
final class MermaidRenderer {

    private MermaidRenderer() {
    }

    static String render(ObjectNode graph) {
        GraphTree tree = new GraphTree(graph);
        StringBuilder out = new StringBuilder("flowchart TD\n");
        scope(out, graph, tree, null, "  ");
        for (JsonNode edge : graph.path("edges")) {
            String label = edge.path("label").asText(null);
            String arrow = edge.path("kind").asText().equals("catch") ? "-.->" : "-->";
            out.append("  ").append(id(edge.path("from").asText())).append(' ').append(arrow);
            if (label != null) {
                out.append("|\"").append(escape(label)).append("\"|");
            }
            out.append(' ').append(id(edge.path("to").asText())).append('\n');
        }
        boolean coloured = false;
        for (StateStatus status : StateStatus.values()) {
            String text = status == StateStatus.NOT_REACHED ? "#616161" : "#ffffff";
            String fill = status == StateStatus.NOT_REACHED ? "#ffffff" : status.colour();
            out.append("  classDef ").append(status.name()).append(" fill:").append(fill).append(",stroke:")
                    .append(status.colour()).append(",color:").append(text).append('\n');
        }
        for (String list : new String[] {"nodes", "groups"}) {
            for (JsonNode item : graph.path(list)) {
                StateStatus status = GraphTree.status(item);
                if (status != null) {
                    coloured = true;
                    out.append("  class ").append(id(item.path("id").asText())).append(' ').append(status.name())
                            .append('\n');
                }
            }
        }
        if (!coloured) {
            out.append("  classDef state fill:#ffffff,stroke:").append(StateStatus.NEUTRAL).append('\n');
        }
        return out.toString();
    }

    private static void scope(StringBuilder out, JsonNode graph, GraphTree tree, String group, String indent) {
        for (JsonNode inner : tree.groups(group)) {
            String id = inner.path("id").asText();
            out.append(indent).append("subgraph ").append(id(id)).append("[\"")
                    .append(escape(GraphTree.groupLabel(graph, inner))).append("\"]\n");
            out.append(indent).append("  direction TB\n");
            scope(out, graph, tree, id, indent + "  ");
            out.append(indent).append("end\n");
        }
        for (JsonNode node : tree.nodes(group)) {
            String type = node.path("type").asText();
            String label = escape(node.path("label").asText());
            if (node.path("retries").asInt() > 0) {
                label += " ↻" + node.path("retries").asInt();
            }
            String[] shape = switch (type) {
                case "Start", "End" -> new String[] {"([\"", "\"])"};
                case "Choice" -> new String[] {"{\"", "\"}"};
                default -> new String[] {"[\"", "\"]"};
            };
            out.append(indent).append(id(node.path("id").asText())).append(shape[0]).append(label).append(shape[1])
                    .append('\n');
        }
    }

    /** An id as Mermaid reads it: the graph's ids are letters and digits; "end" is a keyword. */
    private static String id(String id) {
        String safe = id.replaceAll("[^A-Za-z0-9_]", "_");
        return safe.toLowerCase(Locale.ROOT).equals("end") ? "end_" : safe;
    }

    /** Text inside a quoted Mermaid label: entity codes for quotes, markup, brackets and Mermaid's own specials. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("#quot;");
                case '#' -> out.append("#35;");
                case '&' -> out.append("#amp;");
                case '<' -> out.append("#lt;");
                case '>' -> out.append("#gt;");
                case '[', ']', '{', '}', '(', ')', '|', '`', ';' -> out.append('#').append((int) c).append(';');
                case '\n', '\r', '\t' -> out.append(' ');
                default -> out.append(c < 0x20 ? ' ' : c);
            }
        }
        return out.toString();
    }
}
