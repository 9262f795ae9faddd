package io.github.camelasl.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The renderers: SVG, Mermaid and DOT draw what the graph JSON holds, and no text from a definition escapes. */
class RenderTest {

    /** A name that is markup in SVG, HTML, Mermaid and DOT at once. */
    static final String HOSTILE = "<script>\"x\"</script> [a]{b}";

    private static final String DEFINITION = """
            {"StartAt": "%1$s", "States": {
              "%1$s": {"Type": "Task", "Resource": "direct:fail", "Next": "Each",
                       "Catch": [{"ErrorEquals": ["%1$s"], "Next": "Each"}]},
              "Each": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "Item \\\\N\\nx",
                 "States": {"Item \\\\N\\nx": {"Type": "Pass", "End": true}}}}}}"""
            .formatted(HOSTILE.replace("\"", "\\\""));

    private final ExecutionGraphs graphs = new ExecutionGraphs(4);

    @Test
    void theSvgIsWellFormedSelfContainedAndEscapesEveryText() throws Exception {
        ObjectNode graph = coloured();
        String svg = GraphFormat.SVG.render(graph);
        assertFalse(svg.contains("<script"), svg);
        assertFalse(svg.contains("href"), "nothing fetched: " + svg);
        Document document = xml(svg);
        Element root = document.getDocumentElement();
        assertEquals("svg", root.getTagName());
        assertEquals(0, document.getElementsByTagName("script").getLength());
        List<String> texts = new ArrayList<>();
        NodeList nodes = document.getElementsByTagName("text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        assertTrue(texts.contains(HOSTILE), texts::toString); // the node's label, as written
        assertTrue(texts.stream().anyMatch(t -> t.equals(HOSTILE)), "the catch edge's label");
        // each state carries its name and status for tools
        Element failed = null;
        NodeList groups = document.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("data-state").equals(HOSTILE)) {
                failed = g;
            }
        }
        assertTrue(failed != null, svg);
        assertEquals("CAUGHT", failed.getAttribute("data-status"));
        assertTrue(svg.contains(StateStatus.CAUGHT.colour()), "the contract's colour");
        assertTrue(svg.contains("data-legend"), "a legend once coloured");
        // a definition alone: no statuses, no legend, the neutral outline
        String plain = GraphFormat.SVG.render(graphs.definitionGraph(DEFINITION));
        xml(plain);
        assertFalse(plain.contains("data-legend"));
        assertTrue(plain.contains(StateStatus.NEUTRAL));
    }

    @Test
    void aCoverageGraphColoursEdgesByWhetherTheyWereTakenWithACoveredLegend() throws Exception {
        ObjectNode graph = graphs.definitionGraph(DEFINITION);
        graph.put("legend", "coverage");
        for (JsonNode node : graph.path("nodes")) {
            ((ObjectNode) node).put("status", "SUCCEEDED");
        }
        JsonNode taken = graph.path("edges").get(0);
        ((ObjectNode) taken).put("covered", true);
        ((ObjectNode) graph.path("edges").get(1)).put("covered", false);
        String svg = GraphFormat.SVG.render(graph);
        Document document = xml(svg);
        List<String> legend = new ArrayList<>();
        NodeList groups = document.getElementsByTagName("g");
        Element coveredEdge = null;
        Element uncoveredEdge = null;
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("data-legend").equals("coverage")) {
                NodeList texts = g.getElementsByTagName("text");
                for (int j = 0; j < texts.getLength(); j++) {
                    legend.add(texts.item(j).getTextContent());
                }
            }
            if (g.getAttribute("data-covered").equals("true")) {
                coveredEdge = g;
            } else if (g.getAttribute("data-covered").equals("false")) {
                uncoveredEdge = g;
            }
        }
        assertEquals(List.of("covered", "not covered"), legend);
        assertEquals(StateStatus.SUCCEEDED.colour(),
                ((Element) coveredEdge.getElementsByTagName("polyline").item(0)).getAttribute("stroke"));
        Element grey = (Element) uncoveredEdge.getElementsByTagName("polyline").item(0);
        assertEquals(StateStatus.NOT_REACHED.colour(), grey.getAttribute("stroke"));
        assertEquals("6 4", grey.getAttribute("stroke-dasharray"));
        // the other edges are drawn as in any graph
        assertTrue(svg.contains("stroke=\"#607d8b\"") || svg.contains("stroke=\"#ef6c00\""), svg);
    }

    @Test
    void mermaidQuotesEveryLabelAndEncodesItsSpecials() {
        String mermaid = GraphFormat.MERMAID.render(coloured());
        assertTrue(mermaid.startsWith("flowchart TD\n"), mermaid);
        assertFalse(mermaid.contains("<script"), mermaid);
        assertTrue(mermaid.contains("n1[\"#lt;script#gt;#quot;x#quot;#lt;/script#gt; #91;a#93;#123;b#125;\"]"),
                mermaid);
        for (String line : mermaid.lines().toList()) {
            // a label's text has no quote of its own: exactly the two that delimit it
            Matcher label = Pattern.compile("\"([^\"]*)\"").matcher(line);
            while (label.find()) {
                assertFalse(label.group(1).matches(".*[\\[\\]{}()<>|].*"), line);
            }
            assertFalse(line.contains("\n"));
        }
        assertTrue(mermaid.contains("subgraph g1[\"Each #40;1 item, 1 succeeded#41;\"]"), mermaid);
        assertTrue(mermaid.contains("-.->|\"#lt;script#gt;"), "the catch edge, dotted, labelled: " + mermaid);
        assertTrue(mermaid.contains("class n1 CAUGHT"), mermaid);
        assertTrue(mermaid.contains("classDef CAUGHT fill:#ef6c00"), mermaid);
        assertTrue(mermaid.contains("end_([\"End\"])"), "End is a keyword: its id is not 'end': " + mermaid);
    }

    @Test
    void dotQuotesAndEscapesEveryStringAndClustersGroups() {
        String dot = GraphFormat.DOT.render(coloured());
        assertTrue(dot.startsWith("digraph stateMachine {"), dot);
        assertTrue(dot.contains("subgraph \"cluster_g1\""), dot);
        assertTrue(dot.contains("\"n1\" [label=\"<script>\\\"x\\\"</script> [a]{b}\""), dot);
        // DOT's label escapes (\N: the node's name) and line breaks are data, not directives
        assertTrue(dot.contains("[label=\"Item \\\\N x\""), dot);
        assertTrue(dot.contains("lhead=\"cluster_g1\""), "an edge into the Map's cluster: " + dot);
        // every string is closed: quotes pair up once escaped ones are set aside
        for (String line : dot.lines().toList()) {
            assertEquals(0, line.replace("\\\\", "").replace("\\\"", "").chars().filter(c -> c == '"').count() % 2,
                    line);
        }
    }

    @Test
    void formatsAreNamedInAnyCase() {
        assertEquals(GraphFormat.SVG, GraphFormat.of("SVG"));
        assertEquals(GraphFormat.MERMAID, GraphFormat.of("mermaid"));
        assertEquals("unknown graph format 'png': use json, svg, mermaid or dot",
                assertThrows(IllegalArgumentException.class, () -> GraphFormat.of("png")).getMessage());
        JsonNode json = parse(GraphFormat.JSON.render(graphs.definitionGraph(DEFINITION)));
        assertEquals(HOSTILE, DefinitionGraphTest.node(json, HOSTILE).path("state").asText());
    }

    @Test
    void theExamplesDefinitionsAreDrawn() throws Exception {
        Path examples = Path.of("..", "examples");
        List<Path> definitions;
        try (var files = Files.walk(examples)) {
            definitions = files.filter(p -> p.toString().endsWith(".asl.json") && p.toString().contains("src/main"))
                    .toList();
        }
        assertTrue(definitions.size() >= 4, definitions::toString);
        for (Path definition : definitions) {
            String text = Files.readString(definition);
            ObjectNode graph = graphs.definitionGraph(text);
            JsonNode states = Json.parse(text).path("States");
            states.fieldNames().forEachRemaining(name -> DefinitionGraphTest.id(graph, name));
            assertTrue(graph.path("edges").size() >= states.size(), definition::toString);
            String svg = GraphFormat.SVG.render(graph);
            xml(svg);
            Path out = Path.of("target", "graphs", definition.getFileName().toString().replace(".json", ".svg"));
            Files.createDirectories(out.getParent());
            Files.writeString(out, svg); // a test artefact to look at
        }
    }

    /** The hostile definition run: its Task fails, caught; the Map's one item goes through. */
    private ObjectNode coloured() {
        List<JsonNode> events = new ArrayList<>();
        String name = HOSTILE;
        events.add(event(1, 0, "ExecutionStarted", null));
        events.add(entered(2, 1, "Task", name));
        events.add(event(3, 2, "TaskScheduled", null));
        events.add(event(4, 3, "TaskFailed", null));
        events.add(exited(5, 4, "Task", name));
        events.add(entered(6, 5, "Map", "Each"));
        ObjectNode started = event(7, 6, "MapStateStarted", null);
        started.putObject("mapStateStartedEventDetails").put("length", 1);
        events.add(started);
        ObjectNode iteration = event(8, 7, "MapIterationStarted", null);
        iteration.putObject("mapIterationStartedEventDetails").put("index", 0).put("name", "Each");
        events.add(iteration);
        events.add(entered(9, 8, "Pass", "Item \\N\nx"));
        events.add(exited(10, 9, "Pass", "Item \\N\nx"));
        events.add(event(11, 10, "MapIterationSucceeded", null));
        events.add(event(12, 7, "MapStateSucceeded", null));
        events.add(exited(13, 12, "Map", "Each"));
        events.add(event(14, 13, "ExecutionSucceeded", null));
        return graphs.executionGraph(DEFINITION, events);
    }

    static ObjectNode event(long id, long previous, String type, String unused) {
        return Json.NODES.objectNode().put("timestamp", "2026-01-01T00:00:0" + (id % 10) + "Z").put("type", type)
                .put("id", id).put("previousEventId", previous);
    }

    static ObjectNode entered(long id, long previous, String stateType, String name) {
        ObjectNode event = event(id, previous, stateType + "StateEntered", null);
        event.putObject("stateEnteredEventDetails").put("name", name).put("input", "{}");
        return event;
    }

    static ObjectNode exited(long id, long previous, String stateType, String name) {
        ObjectNode event = event(id, previous, stateType + "StateExited", null);
        event.putObject("stateExitedEventDetails").put("name", name).put("output", "{}");
        return event;
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode parse(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
