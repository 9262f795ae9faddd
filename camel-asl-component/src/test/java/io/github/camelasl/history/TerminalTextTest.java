package io.github.camelasl.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text from a definition or the data printed to a terminal cannot act on it: its controls are escaped. */
class TerminalTextTest {

    @Test
    void controlCharactersAreEscapedAndOrdinaryUnicodeIsKept() {
        assertEquals("\\u001b[2J\\nfake line\\r\\t\\u007f\\u009b\\u2028\\u2029\\u202e\\u0000",
                TerminalText.escape("\u001b[2J\nfake line\r\t\u007f\u009b\u2028\u2029\u202e\u0000"));
        String ordinary = "Grüße, 東京 ▶ ✓ \"quoted\" \\ é";
        assertSame(ordinary, TerminalText.escape(ordinary));
        assertEquals("line one\nline \\u001b two", TerminalText.escapeKeepingLines("line one\nline \u001b two"));
    }

    @Test
    void theTraceEscapesStateNamesErrorsCausesAndOutputs() {
        StringWriter text = new StringWriter();
        TracePrinter trace = new TracePrinter(new PrintWriter(text));
        String name = "Clear\u001b[2J\nFAKE ✓ Done";
        trace.onEvent(event(1, 0, "ExecutionStarted", null));
        ObjectNode entered = event(2, 1, "TaskStateEntered", "stateEnteredEventDetails");
        ((ObjectNode) entered.get("stateEnteredEventDetails")).put("name", name);
        trace.onEvent(entered);
        ObjectNode failed = event(3, 2, "TaskFailed", "taskFailedEventDetails");
        ((ObjectNode) failed.get("taskFailedEventDetails")).put("error", "Bad\u001b[31m").put("cause",
                "red\u009b2J\u2028after");
        trace.onEvent(failed);
        ObjectNode exited = event(4, 3, "TaskStateExited", "stateExitedEventDetails");
        ((ObjectNode) exited.get("stateExitedEventDetails")).put("name", name).put("output", "\"\u007f\u2029\"");
        trace.finish(null, List.of(exited));

        String printed = text.toString();
        assertFalse(printed.chars().anyMatch(c -> c == 0x1b || c == 0x7f || c == 0x9b || c == 0x2028 || c == 0x2029),
                printed);
        List<String> lines = printed.lines().toList();
        assertEquals(List.of("▶ Clear\\u001b[2J\\nFAKE ✓ Done (Task)",
                "✗ Clear\\u001b[2J\\nFAKE ✓ Done: Bad\\u001b[31m (red\\u009b2J\\u2028after)",
                "✓ Clear\\u001b[2J\\nFAKE ✓ Done  \"\\u007f\\u2029\""), lines);
        assertTrue(lines.size() == 3, "no line of the data's own");
    }

    private static ObjectNode event(long id, long previous, String type, String detailsField) {
        ObjectNode event = Json.NODES.objectNode().put("id", id).put("previousEventId", previous).put("type", type)
                .put("timestamp", "2026-01-01T00:00:00Z");
        if (detailsField != null) {
            event.putObject(detailsField);
        }
        return event;
    }
}
