package io.github.camelasl.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The graph as Graphviz DOT: a cluster per group (an edge into or out of a group attaches to an invisible point
 * in its cluster, clipped at the cluster's border with lhead/ltail), every text a quoted, escaped string.
 */
final class DotRenderer {

    private DotRenderer() {
    }

    static String render(ObjectNode graph) {
        GraphTree tree = new GraphTree(graph);
        StringBuilder out = new StringBuilder("digraph stateMachine {\n");
        out.append("  graph [rankdir=TB, compound=true, fontname=\"Helvetica\"];\n");
        out.append("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fillcolor=\"#ffffff\", ")
                .append("color=\"").append(StateStatus.NEUTRAL).append("\"];\n");
        out.append("  edge [fontname=\"Helvetica\", fontsize=10, color=\"#607d8b\"];\n");
        scope(out, graph, tree, null, "  ");
        for (JsonNode edge : graph.path("edges")) {
            String from = edge.path("from").asText();
            String to = edge.path("to").asText();
            out.append("  ").append(endpoint(tree, from)).append(" -> ").append(endpoint(tree, to)).append(" [");
            StringBuilder attributes = new StringBuilder();
            if (tree.groups.containsKey(from)) {
                attributes.append("ltail=").append(quote("cluster_" + from)).append(", ");
            }
            if (tree.groups.containsKey(to)) {
                attributes.append("lhead=").append(quote("cluster_" + to)).append(", ");
            }
            String label = edge.path("label").asText(null);
            if (label != null) {
                attributes.append("label=").append(quote(label)).append(", ");
            }
            if (edge.path("kind").asText().equals("catch")) {
                attributes.append("style=dashed, color=\"#ef6c00\", ");
            }
            if (attributes.length() > 0) {
                attributes.setLength(attributes.length() - 2);
            }
            out.append(attributes).append("];\n");
        }
        return out.append("}\n").toString();
    }

    private static void scope(StringBuilder out, JsonNode graph, GraphTree tree, String group, String indent) {
        for (JsonNode inner : tree.groups(group)) {
            String id = inner.path("id").asText();
            StateStatus status = GraphTree.status(inner);
            out.append(indent).append("subgraph ").append(quote("cluster_" + id)).append(" {\n");
            out.append(indent).append("  label=").append(quote(GraphTree.groupLabel(graph, inner))).append(";\n");
            out.append(indent).append("  style=\"rounded").append(inner.path("kind").asText().equals("Branch")
                    ? ",dashed" : "").append("\"; color=")
                    .append(quote(status == null ? StateStatus.NEUTRAL : status.colour())).append(";\n");
            out.append(indent).append("  ").append(quote(id + "_anchor"))
                    .append(" [shape=point, style=invis, width=0, label=\"\"];\n");
            scope(out, graph, tree, id, indent + "  ");
            out.append(indent).append("}\n");
        }
        for (JsonNode node : tree.nodes(group)) {
            StateStatus status = GraphTree.status(node);
            String type = node.path("type").asText();
            String label = node.path("label").asText();
            if (node.path("retries").asInt() > 0) {
                label += " ↻" + node.path("retries").asInt();
            }
            out.append(indent).append(quote(node.path("id").asText())).append(" [label=").append(quote(label));
            if (type.equals("Choice")) {
                out.append(", shape=diamond, style=filled");
            } else if (type.equals("Start") || type.equals("End")) {
                out.append(", shape=oval");
            }
            if (status != null) {
                boolean filled = status != StateStatus.NOT_REACHED;
                out.append(", color=").append(quote(status.colour())).append(", fillcolor=")
                        .append(quote(filled ? status.colour() : "#ffffff")).append(", fontcolor=")
                        .append(quote(filled ? "#ffffff" : "#757575"));
            }
            out.append("];\n");
        }
    }

    private static String endpoint(GraphTree tree, String id) {
        return quote(tree.groups.containsKey(id) ? id + "_anchor" : id);
    }

    /** A DOT quoted string: backslashes (DOT's label escapes, \N \G \l ...) and quotes escaped, no line breaks. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n', '\r', '\t' -> out.append(' ');
                default -> out.append(c < 0x20 ? ' ' : c);
            }
        }
        return out.append('"').toString();
    }
}
