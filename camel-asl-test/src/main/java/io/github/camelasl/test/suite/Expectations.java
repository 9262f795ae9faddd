package io.github.camelasl.test.suite;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The expectations file beside a mock configuration: per test case, its input and what it must end with.
 *
 * <pre>
 * {"TestCases": {TEST_CASE: {"Input": ANY, "Status": "SUCCEEDED|FAILED|TIMED_OUT|ABORTED", "Output": ANY,
 *                            "Error": S, "Cause": S, "States": [S, ...]}, ...}}
 * </pre>
 *
 * Every member is optional. Output given means SUCCEEDED unless Status says otherwise; Error or Cause given means
 * FAILED likewise; States lists every state entered, in order. Read whole and checked once: every problem is reported
 * together with its place as a JSON pointer (unknown members, wrong types, duplicate members).
 */
public final class Expectations {

    private static final ObjectReader STRICT = Json.MAPPER.readerFor(JsonNode.class)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final List<String> MEMBERS = List.of("Input", "Status", "Output", "Error", "Cause", "States");
    private static final Set<String> STATUSES = Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED");

    private final Map<String, Expectation> byCase;

    private Expectations(Map<String, Expectation> byCase) {
        this.byCase = byCase;
    }

    /** No expectations: every case must succeed, with the suite's input. */
    public static Expectations none() {
        return new Expectations(Map.of());
    }

    /**
     * Reads an expectations file's text; {@code source} names it in errors.
     *
     * @throws SuiteException naming every problem's place
     */
    public static Expectations parse(String source, String json) {
        JsonNode root;
        try {
            root = STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SuiteException("Expectations " + source + " cannot be used", List.of("/: not valid JSON: "
                    + e.getOriginalMessage() + (e.getLocation() == null ? "" : " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")")));
        }
        List<String> problems = new ArrayList<>();
        Map<String, Expectation> byCase = new LinkedHashMap<>();
        if (root == null || !root.isObject() || !root.path("TestCases").isObject()) {
            problems.add("/TestCases: must be an object of test case name to expectation");
        } else {
            root.fieldNames().forEachRemaining(member -> {
                if (!member.equals("TestCases")) {
                    problems.add("/" + pointer(member) + ": unknown member; expected TestCases");
                }
            });
            root.get("TestCases").fields().forEachRemaining(entry -> {
                Expectation read = expectation(entry.getValue(), "/TestCases/" + pointer(entry.getKey()), problems);
                if (read != null) {
                    byCase.put(entry.getKey(), read);
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new SuiteException("Expectations " + source + " cannot be used", problems);
        }
        return new Expectations(byCase);
    }

    /** The test cases it names. */
    public Set<String> testCases() {
        return byCase.keySet();
    }

    /** The expectation of {@code testCase}: {@link Expectation#DEFAULT} when the file says nothing of it. */
    public Expectation of(String testCase) {
        return byCase.getOrDefault(testCase, Expectation.DEFAULT);
    }

    private static Expectation expectation(JsonNode node, String at, List<String> problems) {
        if (!node.isObject()) {
            problems.add(at + ": must be an object with " + String.join(", ", MEMBERS) + ", but is " + kind(node));
            return null;
        }
        int before = problems.size();
        node.fieldNames().forEachRemaining(member -> {
            if (!MEMBERS.contains(member)) {
                problems.add(at + "/" + pointer(member) + ": unknown member; expected " + String.join(", ", MEMBERS));
            }
        });
        String status = text(node, "Status", at, problems);
        if (status != null && !STATUSES.contains(status)) {
            problems.add(at + "/Status: must be one of " + String.join(", ", STATUSES.stream().sorted().toList())
                    + ", but is '" + status + "'");
        }
        String error = text(node, "Error", at, problems);
        String cause = text(node, "Cause", at, problems);
        List<String> states = null;
        JsonNode statesNode = node.get("States");
        if (statesNode != null) {
            if (!statesNode.isArray()) {
                problems.add(at + "/States: must be an array of state names, but is " + kind(statesNode));
            } else {
                states = new ArrayList<>();
                for (int i = 0; i < statesNode.size(); i++) {
                    if (!statesNode.get(i).isTextual()) {
                        problems.add(at + "/States/" + i + ": must be a state name, but is " + kind(statesNode.get(i)));
                    } else {
                        states.add(statesNode.get(i).textValue());
                    }
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new Expectation(node.get("Input"), status == null ? null : ExecutionStatus.valueOf(status),
                node.get("Output"), error, cause, states);
    }

    private static String text(JsonNode node, String member, String at, List<String> problems) {
        JsonNode value = node.get(member);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(at + "/" + member + ": must be a string, but is " + kind(value));
            return null;
        }
        return value.textValue();
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    static String pointer(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
