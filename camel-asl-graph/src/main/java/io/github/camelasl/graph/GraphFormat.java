package io.github.camelasl.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.function.Function;

/** How a graph (the JSON {@link ExecutionGraphs} gives) is written out: JSON, SVG, Mermaid or DOT. */
public enum GraphFormat {
    /** The graph JSON itself, pretty-printed. */
    JSON(ObjectNode::toPrettyString),
    /** A self-contained SVG: the same layout and colours as the console's page, with a legend. */
    SVG(SvgRenderer::render),
    /** A Mermaid flowchart (TD): subgraphs for groups, a classDef per status. */
    MERMAID(MermaidRenderer::render),
    /** Graphviz DOT: clusters for groups. */
    DOT(DotRenderer::render);

    private final Function<ObjectNode, String> renderer;

    GraphFormat(Function<ObjectNode, String> renderer) {
        this.renderer = renderer;
    }

    public String render(ObjectNode graph) {
        return renderer.apply(graph);
    }

    /** The format named {@code name} (json, svg, mermaid, dot; any case). */
    public static GraphFormat of(String name) {
        for (GraphFormat format : values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown graph format " + ExecutionGraphs.quote(name)
                + ": use json, svg, mermaid or dot");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
