package io.github.camelasl.mock;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.camelasl.dataflow.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS Step Functions Local's mock configuration ({@code MockConfigFile.json}, the file {@code SFN_MOCK_CONFIG} names),
 * as AWS's developer guide describes it and LocalStack reads it:
 *
 * <pre>
 * {"StateMachines":   {MACHINE: {"TestCases": {TEST_CASE: {STATE: MOCKED_RESPONSE, ...}, ...}}, ...},
 *  "MockedResponses": {MOCKED_RESPONSE: {"0": {"Return": ANY} | {"Throw": {"Error": S, "Cause": S}},
 *                                        "1-2": ..., ...}, ...}}
 * </pre>
 *
 * Read whole and checked once: every problem is reported together, each with its place as a JSON pointer (a
 * duplicate member, a member that is not one of the format's, a test case naming a mocked response that does not
 * exist, invocation keys that are not numbers or ranges, that overlap, leave a gap or do not start at 0). What it
 * does not check: that the states a test case names exist (that needs the definition; see
 * {@link MockTestCase#stateNames()}).
 */
public final class MockConfig {

    /** Far above any real configuration; a larger file is refused before it is read. */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    /** "0", or "1-2": invocation numbers, at most 9 digits each (no overflow, no sign). */
    private static final Pattern INVOCATIONS = Pattern.compile("(0|[1-9][0-9]{0,8})(?:-(0|[1-9][0-9]{0,8}))?");

    /** Duplicate members are errors: Jackson would otherwise keep the last one silently. */
    private static final ObjectReader STRICT = Json.MAPPER.readerFor(JsonNode.class)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Map<String, Map<String, MockTestCase>> testCases;

    private MockConfig(Map<String, Map<String, MockTestCase>> testCases) {
        this.testCases = testCases;
    }

    /**
     * Reads the file at {@code file}.
     *
     * @throws MockConfigException when it cannot be read or used, naming the file and every problem's place
     */
    public static MockConfig load(Path file) {
        String source = file.toString();
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new MockConfigException(source, List.of("the file has more than " + MAX_FILE_BYTES + " bytes"));
            }
            return parse(source, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MockConfigException(source, List.of("cannot read it: " + e));
        }
    }

    /**
     * Parses a configuration's JSON text; {@code source} names it in errors (a file name, "inline").
     *
     * @throws MockConfigException naming every problem's place
     */
    public static MockConfig parse(String source, String json) {
        JsonNode root;
        try {
            root = STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MockConfigException(source, List.of("/: not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")")));
        }
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, MockTestCase>> testCases = read(root, problems);
        if (!problems.isEmpty()) {
            throw new MockConfigException(source, problems);
        }
        return new MockConfig(testCases);
    }

    /** The test case {@code testCase} of the state machine named {@code stateMachine}, if the configuration has it. */
    public Optional<MockTestCase> testCase(String stateMachine, String testCase) {
        return Optional.ofNullable(testCases.getOrDefault(stateMachine, Map.of()).get(testCase));
    }

    /** The state machines it has test cases for, by name, and their test cases' names. */
    public Map<String, java.util.Set<String>> testCaseNames() {
        Map<String, java.util.Set<String>> names = new LinkedHashMap<>();
        testCases.forEach((machine, cases) -> names.put(machine, cases.keySet()));
        return names;
    }

    // --- reading ---

    private static Map<String, Map<String, MockTestCase>> read(JsonNode root, List<String> problems) {
        if (!root.isObject()) {
            problems.add("/: must be an object with StateMachines and MockedResponses, but is " + kind(root));
            return Map.of();
        }
        onlyMembers(root, "", problems, "StateMachines", "MockedResponses");
        JsonNode responsesNode = requiredObject(root, "", "MockedResponses", problems);
        Map<String, MockedResponses> responses = new HashMap<>();
        if (responsesNode != null) {
            responsesNode.fields().forEachRemaining(entry -> {
                MockedResponses read = mockedResponses(entry.getKey(), entry.getValue(),
                        "/MockedResponses/" + escape(entry.getKey()), problems);
                if (read != null) {
                    responses.put(entry.getKey(), read);
                }
            });
        }
        JsonNode machinesNode = requiredObject(root, "", "StateMachines", problems);
        Map<String, Map<String, MockTestCase>> machines = new LinkedHashMap<>();
        if (machinesNode == null) {
            return machines;
        }
        machinesNode.fields().forEachRemaining(machine -> {
            String at = "/StateMachines/" + escape(machine.getKey());
            if (!machine.getValue().isObject()) {
                problems.add(at + ": must be an object with TestCases, but is " + kind(machine.getValue()));
                return;
            }
            onlyMembers(machine.getValue(), at, problems, "TestCases");
            JsonNode cases = requiredObject(machine.getValue(), at, "TestCases", problems);
            if (cases == null) {
                return;
            }
            Map<String, MockTestCase> byName = new LinkedHashMap<>();
            cases.fields().forEachRemaining(testCase -> {
                MockTestCase read = testCase(machine.getKey(), testCase.getKey(), testCase.getValue(),
                        at + "/TestCases/" + escape(testCase.getKey()), responses, responsesNode, problems);
                if (read != null) {
                    byName.put(testCase.getKey(), read);
                }
            });
            machines.put(machine.getKey(), byName);
        });
        return machines;
    }

    private static MockTestCase testCase(String machine, String name, JsonNode node, String at,
            Map<String, MockedResponses> responses, JsonNode responsesNode, List<String> problems) {
        if (!node.isObject()) {
            problems.add(at + ": must be an object of state name to mocked response name, but is " + kind(node));
            return null;
        }
        Map<String, MockedResponses> byState = new HashMap<>();
        node.fields().forEachRemaining(state -> {
            String stateAt = at + "/" + escape(state.getKey());
            if (!state.getValue().isTextual()) {
                problems.add(stateAt + ": must be the name of a mocked response, but is " + kind(state.getValue()));
                return;
            }
            String responseName = state.getValue().textValue();
            MockedResponses mocked = responses.get(responseName);
            if (mocked != null) {
                byState.put(state.getKey(), mocked);
            } else if (responsesNode == null || !responsesNode.has(responseName)) {
                // one that exists but has problems of its own is reported at its own place
                problems.add(stateAt + ": no mocked response named '" + responseName + "' in /MockedResponses");
            }
        });
        return new MockTestCase(machine, name, byState);
    }

    private static MockedResponses mockedResponses(String name, JsonNode node, String at, List<String> problems) {
        if (!node.isObject() || node.isEmpty()) {
            problems.add(at + ": must be an object of invocation numbers (\"0\", \"1-2\") to responses, with at least "
                    + "one, but is " + (node.isObject() ? "empty" : kind(node)));
            return null;
        }
        int before = problems.size();
        List<MockedResponses.Range> ranges = new ArrayList<>();
        Map<MockedResponses.Range, String> keys = new HashMap<>();
        node.fields().forEachRemaining(entry -> {
            String rangeAt = at + "/" + escape(entry.getKey());
            Matcher matcher = INVOCATIONS.matcher(entry.getKey());
            MockedResponse response = response(entry.getValue(), rangeAt, problems);
            if (!matcher.matches()) {
                problems.add(rangeAt + ": must be an invocation number (\"0\") or an inclusive range of them "
                        + "(\"1-2\")");
                return;
            }
            long first = Long.parseLong(matcher.group(1));
            long last = matcher.group(2) == null ? first : Long.parseLong(matcher.group(2));
            if (last < first) {
                problems.add(rangeAt + ": the range ends before it starts");
                return;
            }
            if (response != null) {
                MockedResponses.Range range = new MockedResponses.Range(first, last, response);
                ranges.add(range);
                keys.put(range, entry.getKey());
            }
        });
        if (problems.size() > before) {
            return null;
        }
        ranges.sort(Comparator.comparingLong(MockedResponses.Range::first));
        long next = 0; // the invocation the next range must start at
        for (MockedResponses.Range range : ranges) {
            String rangeAt = at + "/" + escape(keys.get(range));
            if (range.first() < next) {
                problems.add(rangeAt + ": ranges overlap: invocation " + range.first() + " has a response already");
            } else if (range.first() > next) {
                problems.add(rangeAt + ": no response for invocation" + (range.first() - next > 1
                        ? "s " + next + "-" + (range.first() - 1) : " " + next)
                        + ": the keys must number every invocation from 0, without gaps");
            }
            next = Math.max(next, range.last() + 1);
        }
        return problems.size() > before ? null : new MockedResponses(name, ranges);
    }

    private static MockedResponse response(JsonNode node, String at, List<String> problems) {
        if (!node.isObject()) {
            problems.add(at + ": must be an object with Return or Throw, but is " + kind(node));
            return null;
        }
        onlyMembers(node, at, problems, "Return", "Throw");
        boolean returns = node.has("Return");
        boolean throwsError = node.has("Throw");
        if (returns == throwsError) {
            problems.add(at + ": must have exactly one of Return and Throw");
            return null;
        }
        if (returns) {
            return new MockedResponse.Return(node.get("Return"));
        }
        JsonNode thrown = node.get("Throw");
        String throwAt = at + "/Throw";
        if (!thrown.isObject()) {
            problems.add(throwAt + ": must be an object with Error and Cause, but is " + kind(thrown));
            return null;
        }
        onlyMembers(thrown, throwAt, problems, "Error", "Cause");
        String error = requiredText(thrown, throwAt, "Error", problems);
        String cause = requiredText(thrown, throwAt, "Cause", problems);
        return error == null || cause == null ? null : new MockedResponse.Throw(error, cause);
    }

    private static String requiredText(JsonNode node, String at, String member, List<String> problems) {
        JsonNode value = node.get(member);
        if (value == null || !value.isTextual()) {
            problems.add(at + "/" + member + ": " + (value == null ? "is missing" : "must be a string, but is "
                    + kind(value)));
            return null;
        }
        return value.textValue();
    }

    private static JsonNode requiredObject(JsonNode node, String at, String member, List<String> problems) {
        JsonNode value = node.get(member);
        if (value == null || !value.isObject()) {
            problems.add(at + "/" + member + ": " + (value == null ? "is missing" : "must be an object, but is "
                    + kind(value)));
            return null;
        }
        return value;
    }

    /** A member that is not the format's is an error: a misspelt one would otherwise be ignored. */
    private static void onlyMembers(JsonNode node, String at, List<String> problems, String... allowed) {
        List<String> known = List.of(allowed);
        node.fieldNames().forEachRemaining(member -> {
            if (!known.contains(member)) {
                problems.add(at + "/" + escape(member) + ": unknown member; expected "
                        + String.join(known.size() > 2 ? ", " : " or ", known));
            }
        });
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT).replace("pojo", "object");
    }

    /** A name as a JSON pointer segment (RFC 6901). */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
