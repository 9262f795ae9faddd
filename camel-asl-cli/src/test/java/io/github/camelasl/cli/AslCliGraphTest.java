package io.github.camelasl.cli;

import static io.github.camelasl.cli.CliRun.asl;
import static io.github.camelasl.cli.CliRun.aslWithStdin;
import static io.github.camelasl.cli.CliRun.def;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asl graph}: a definition's graph, or an execution's, as SVG, Mermaid, DOT or JSON. */
class AslCliGraphTest {

    @TempDir
    Path tmp;

    @Test
    void aDefinitionIsDrawnAsSvgOnStdoutByDefault() {
        CliRun.Result r = asl("graph", def("choice.asl.json"));
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), r.out());
        assertTrue(r.out().contains("data-state=\"Classify\""), r.out());
        assertTrue(r.out().contains("$.value &gt; 10"), "the Choice rule, escaped: " + r.out());
    }

    @Test
    void eachFormatIsWritten() throws Exception {
        assertTrue(asl("graph", def("choice.asl.json"), "--format", "mermaid").out().startsWith("flowchart TD\n"));
        assertTrue(asl("graph", def("choice.asl.json"), "--format", "DOT").out().startsWith("digraph "));
        JsonNode json = asl("graph", def("choice.asl.json"), "--format", "json").json();
        assertEquals(6, json.path("nodes").size()); // four states, Start and End
        Path file = tmp.resolve("choice.svg");
        CliRun.Result r = asl("graph", def("choice.asl.json"), "--output", file.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(Files.readString(file).startsWith("<svg"));
        // from stdin
        String text = Files.readString(Path.of(def("choice.asl.json")));
        assertTrue(aslWithStdin(text, "graph", "-", "--format", "mermaid").out().contains("Classify"));
    }

    @Test
    void anExecutionOfAStoreColoursItsGraph() {
        String store = tmp.resolve("store").toString();
        CliRun.Result run = asl("run", def("fail.asl.json"), "--store", store, "--name", "broken");
        assertEquals(1, run.code(), run.err());
        JsonNode graph = asl("graph", def("fail.asl.json"), "--execution", "broken", "--store", store,
                "--format", "json").json();
        assertEquals("SUCCEEDED", status(graph, "Check"));
        assertEquals("FAILED", status(graph, "Boom"));
        // without DEF: the definition the execution ran
        CliRun.Result svg = asl("graph", "--execution", "broken", "--store", store);
        assertEquals(0, svg.code(), svg.err());
        assertTrue(svg.out().contains("data-state=\"Boom\" data-status=\"FAILED\""), svg.out());
        assertTrue(svg.out().contains("data-legend"), svg.out());
    }

    @Test
    void anInvalidDefinitionIsDrawnAndItsDiagnosticsPrinted() {
        CliRun.Result r = asl("graph", def("invalid.asl.json"), "--format", "mermaid");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.out().contains("Unreachable"), r.out());
        assertTrue(r.err().lines().allMatch(line -> line.startsWith("asl: ") && line.contains("ERROR ")), r.err());
        assertTrue(r.err().contains("/States/First/Next"), r.err());
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        assertError(asl("graph", def("choice.asl.json"), "--format", "png"),
                "unknown graph format 'png': use json, svg, mermaid or dot");
        assertError(asl("graph"), "missing DEF");
        assertError(asl("graph", tmp.resolve("none.json").toString()), "no such file");
        assertError(aslWithStdin("[1, 2", "graph", "-"), "(stdin) is not a state machine definition");
        assertError(asl("graph", def("choice.asl.json"), "--execution", "x", "--store", tmp.toString()),
                "no execution store in");
        assertError(asl("graph", def("choice.asl.json"), "--output", tmp.toString()), "cannot write");
    }

    private static void assertError(CliRun.Result r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("asl: ") && r.err().contains(expected), r.err());
    }

    private static String status(JsonNode graph, String state) {
        for (JsonNode node : graph.path("nodes")) {
            if (state.equals(node.path("state").asText(null))) {
                return node.path("status").asText();
            }
        }
        throw new AssertionError("no " + state + " in " + graph);
    }
}
