package io.github.camelasl.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The graph as a self-contained SVG (inline styles, no script, no external reference): the layout of the graph JSON,
 * the statuses' colours, a legend (a coverage graph's: covered or not, its edges too). Every text from a definition or an execution is XML-escaped.
 */
final class SvgRenderer {

    private static final String FONT = "font-family=\"Helvetica, Arial, sans-serif\"";
    private static final int LEGEND_HEIGHT = 34;

    private SvgRenderer() {
    }

    static String render(ObjectNode graph) {
        boolean coloured = hasStatus(graph);
        long width = Math.max(graph.path("width").asLong(), coloured ? 760 : 0);
        long height = graph.path("height").asLong() + (coloured ? LEGEND_HEIGHT : 0);
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" ")
                .append(FONT).append(" font-size=\"13\">\n");
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" ")
                .append("markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" ")
                .append("fill=\"#607d8b\"/></marker></defs>\n");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n");
        for (JsonNode group : graph.path("groups")) {
            group(svg, graph, group);
        }
        for (JsonNode edge : graph.path("edges")) {
            edge(svg, edge);
        }
        for (JsonNode node : graph.path("nodes")) {
            node(svg, node);
        }
        if (coloured) {
            legend(svg, graph.path("height").asLong(), graph.path("legend").asText().equals("coverage"));
        }
        return svg.append("</svg>\n").toString();
    }

    private static boolean hasStatus(JsonNode graph) {
        for (JsonNode node : graph.path("nodes")) {
            if (node.has("status")) {
                return true;
            }
        }
        return false;
    }

    private static void group(StringBuilder svg, JsonNode graph, JsonNode group) {
        StateStatus status = GraphTree.status(group);
        String colour = status == null ? StateStatus.NEUTRAL : status.colour();
        boolean branch = group.path("kind").asText().equals("Branch");
        svg.append("<g data-state=\"").append(XmlText.escape(group.path("state").asText(""))).append("\" data-status=\"")
                .append(status == null ? "" : status.name()).append("\" data-kind=\"")
                .append(XmlText.escape(group.path("kind").asText())).append("\">");
        svg.append("<title>").append(XmlText.escape(group.path("kind").asText() + " " + group.path("state").asText("")))
                .append("</title>");
        svg.append("<rect x=\"").append(group.path("x").asLong()).append("\" y=\"").append(group.path("y").asLong())
                .append("\" width=\"").append(group.path("width").asLong()).append("\" height=\"")
                .append(group.path("height").asLong()).append("\" rx=\"8\" fill=\"")
                .append(branch ? "#ffffff" : "#f7f9fa").append("\" stroke=\"").append(colour)
                .append("\" stroke-width=\"").append(branch ? "1" : "2").append('"')
                .append(branch ? " stroke-dasharray=\"4 3\"" : "").append("/>");
        svg.append("<text x=\"").append(group.path("x").asLong() + 10).append("\" y=\"")
                .append(group.path("y").asLong() + 20).append("\" font-weight=\"").append(branch ? "normal" : "bold")
                .append("\" fill=\"").append(colour).append("\">")
                .append(XmlText.escape(GraphTree.groupLabel(graph, group))).append("</text>");
        if (group.path("retries").asInt() > 0) {
            retries(svg, group, colour);
        }
        svg.append("</g>\n");
    }

    private static void edge(StringBuilder svg, JsonNode edge) {
        JsonNode points = edge.path("points");
        if (points.size() < 2) {
            return;
        }
        String kind = edge.path("kind").asText();
        // a coverage graph says of each edge whether tests took it: green if so, grey if not
        JsonNode covered = edge.get("covered");
        String stroke = covered != null ? (covered.asBoolean() ? StateStatus.SUCCEEDED : StateStatus.NOT_REACHED).colour()
                : kind.equals("catch") ? "#ef6c00" : "#607d8b";
        boolean dashed = covered != null ? !covered.asBoolean() : kind.equals("catch");
        svg.append("<g data-edge=\"").append(XmlText.escape(kind)).append('"')
                .append(covered == null ? "" : " data-covered=\"" + covered.asBoolean() + '"')
                .append("><polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"1.5\"")
                .append(dashed ? " stroke-dasharray=\"6 4\"" : "").append(" marker-end=\"url(#arrow)\" points=\"");
        for (JsonNode point : points) {
            svg.append(point.path(0).asLong()).append(',').append(point.path(1).asLong()).append(' ');
        }
        svg.setLength(svg.length() - 1);
        svg.append("\"/>");
        String label = edge.path("label").asText(null);
        JsonNode at = edge.path("labelPosition");
        if (label != null && at.size() == 2) {
            // a box behind the text: the label sits on its edge's line
            svg.append("<rect x=\"").append(at.path(0).asLong()).append("\" y=\"").append(at.path(1).asLong())
                    .append("\" width=\"").append(GraphLayout.labelWidth(label)).append("\" height=\"16\" rx=\"3\" ")
                    .append("fill=\"#ffffff\" fill-opacity=\"0.9\"/>");
            svg.append("<text x=\"").append(at.path(0).asLong() + 4).append("\" y=\"").append(at.path(1).asLong() + 12)
                    .append("\" font-size=\"11\" fill=\"#37474f\">").append(XmlText.escape(label)).append("</text>");
        }
        svg.append("</g>\n");
    }

    private static void node(StringBuilder svg, JsonNode node) {
        String type = node.path("type").asText();
        StateStatus status = GraphTree.status(node);
        long x = node.path("x").asLong();
        long y = node.path("y").asLong();
        long width = node.path("width").asLong();
        long height = node.path("height").asLong();
        boolean filled = status != null && status != StateStatus.NOT_REACHED;
        String stroke = status == null ? StateStatus.NEUTRAL : status.colour();
        String fill = filled ? status.colour() : "#ffffff";
        String text = filled ? "#ffffff" : status == StateStatus.NOT_REACHED ? "#757575" : "#263238";
        svg.append("<g data-state=\"").append(XmlText.escape(node.path("state").asText(""))).append("\" data-status=\"")
                .append(status == null ? "" : status.name()).append("\" data-type=\"").append(XmlText.escape(type))
                .append("\">");
        String detail = node.path("detail").asText(null);
        svg.append("<title>").append(XmlText.escape(node.path("state").asText(node.path("label").asText()) + " (" + type
                + ")" + (detail == null ? "" : " " + detail))).append("</title>");
        boolean terminal = type.equals("Start") || type.equals("End");
        svg.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" rx=\"").append(terminal ? height / 2 : 6)
                .append("\" fill=\"").append(fill).append("\" stroke=\"").append(stroke)
                .append("\" stroke-width=\"2\"/>");
        svg.append("<text x=\"").append(x + width / 2).append("\" y=\"").append(y + height / 2 + 5)
                .append("\" text-anchor=\"middle\" fill=\"").append(text).append("\">")
                .append(XmlText.escape(node.path("label").asText())).append("</text>");
        if (node.path("retries").asInt() > 0) {
            retries(svg, node, stroke);
        }
        svg.append("</g>\n");
    }

    /** A badge at the top right: how many retries. */
    private static void retries(StringBuilder svg, JsonNode item, String colour) {
        long x = item.path("x").asLong() + item.path("width").asLong() - 14;
        long y = item.path("y").asLong() - 6;
        svg.append("<g><circle cx=\"").append(x).append("\" cy=\"").append(y + 6).append("\" r=\"10\" fill=\"#ffffff\" ")
                .append("stroke=\"").append(colour).append("\"/><text x=\"").append(x).append("\" y=\"").append(y + 10)
                .append("\" font-size=\"10\" text-anchor=\"middle\" fill=\"#263238\">↻")
                .append(item.path("retries").asInt()).append("</text></g>");
    }

    /**
     * The statuses' colours; for a coverage graph (the graph's {@code "legend": "coverage"}), whose nodes are
     * SUCCEEDED when tests reached them and NOT_REACHED when not, those two as "covered" and "not covered".
     */
    private static void legend(StringBuilder svg, long top, boolean coverage) {
        long x = 12;
        long y = top + 10;
        svg.append("<g data-legend=\"").append(coverage ? "coverage" : "statuses").append("\">");
        List<StateStatus> shown = coverage ? List.of(StateStatus.SUCCEEDED, StateStatus.NOT_REACHED)
                : List.of(StateStatus.values());
        for (StateStatus status : shown) {
            String label = coverage ? (status == StateStatus.SUCCEEDED ? "covered" : "not covered")
                    : status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"14\" height=\"14\" rx=\"3\" ")
                    .append("fill=\"").append(status == StateStatus.NOT_REACHED ? "#ffffff" : status.colour())
                    .append("\" stroke=\"").append(status.colour()).append("\" stroke-width=\"2\"/>");
            svg.append("<text x=\"").append(x + 20).append("\" y=\"").append(y + 12).append("\" font-size=\"12\" ")
                    .append("fill=\"#37474f\">").append(label).append("</text>");
            x += 28 + label.length() * 7L;
        }
        svg.append("</g>\n");
    }
}
