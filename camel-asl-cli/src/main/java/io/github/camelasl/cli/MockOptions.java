package io.github.camelasl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.mock.MockConfig;
import io.github.camelasl.mock.MockConfigException;
import io.github.camelasl.mock.MockTestCase;
import io.github.camelasl.model.StateMachine;
import io.github.camelasl.model.TaskState;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code asl run}'s mocks: a test case of a Step Functions Local mock configuration ({@code --mock-config FILE
 * --test-case NAME [--state-machine NAME]}), and per-state overrides on top of it or alone: {@code --mock-state
 * NAME=JSON|@FILE} (the Task answers this result) and {@code --mock-error NAME=ERROR[:CAUSE]} (it fails). Overrides of
 * one state, in command-line order, answer its successive invocations (first attempt, retries, Map iterations); the
 * last one answers every invocation after. A state with an override answers only from the overrides.
 */
final class MockOptions {

    /** The last invocation a range may name (MockConfig takes at most 9 digits). */
    private static final String EVERY_LATER_INVOCATION = "999999999";

    /** The test case name an execution mocked by overrides alone records (ExecutionStarted's mockTestCase). */
    static final String OVERRIDES_TEST_CASE = "asl-run-overrides";

    @Option(names = "--mock-config", paramLabel = "FILE",
            description = "an AWS Step Functions Local mock configuration (MockConfigFile.json); with --test-case, "
                    + "the Task states the test case names answer from its MockedResponses instead of calling "
                    + "their Resource")
    String mockConfig;

    @Option(names = "--test-case", paramLabel = "NAME", description = "the test case of --mock-config to run")
    String testCase;

    @Option(names = "--state-machine", paramLabel = "NAME",
            description = "the entry of the mock configuration's StateMachines (default: the state machine name)")
    String stateMachine;

    @Option(names = "--mock-state", paramLabel = "NAME=JSON|@FILE",
            description = "the Task state NAME answers this result (JSON, or @FILE) instead of calling its Resource; "
                    + "repeated for one state, the answers go to its successive invocations (with --mock-error's, "
                    + "in command-line order), the last one to every later one. Repeatable.")
    List<String> mockStates = new ArrayList<>();

    @Option(names = "--mock-error", paramLabel = "NAME=ERROR[:CAUSE]",
            description = "the Task state NAME fails with ERROR (and CAUSE, default empty) instead of calling its "
                    + "Resource, which its Retry and Catch see. Repeatable.")
    List<String> mockErrors = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The overrides in command-line order, --mock-state and --mock-error interleaved as given (picocli keeps each
     * option's values apart): {option, value} pairs.
     */
    private List<String[]> overrides() {
        List<String> args = command.commandLine().getParseResult().originalArgs();
        List<String[]> ordered = new ArrayList<>();
        java.util.Iterator<String> states = mockStates.iterator();
        java.util.Iterator<String> errors = mockErrors.iterator();
        for (String arg : args) {
            if ("--".equals(arg)) {
                break;
            }
            if ((arg.equals("--mock-state") || arg.startsWith("--mock-state=")) && states.hasNext()) {
                ordered.add(new String[] {"--mock-state", states.next()});
            } else if ((arg.equals("--mock-error") || arg.startsWith("--mock-error=")) && errors.hasNext()) {
                ordered.add(new String[] {"--mock-error", errors.next()});
            }
        }
        states.forEachRemaining(v -> ordered.add(new String[] {"--mock-state", v}));
        errors.forEachRemaining(v -> ordered.add(new String[] {"--mock-error", v}));
        return ordered;
    }

    /** One per-state override: the state answers {@code response} ({"Return": ...} or {"Throw": ...}). */
    private record Override(String option, String state, ObjectNode response) {
    }

    private static Override override(String option, String value, InputStream stdin) {
        int eq = value.indexOf('=');
        ObjectNode response = Json.NODES.objectNode();
        if ("--mock-state".equals(option)) {
            if (eq <= 0) {
                throw CliException.usage("--mock-state takes NAME=JSON or NAME=@FILE, not '" + value + "'");
            }
            String answer = value.substring(eq + 1);
            response.set("Return", Inputs.parse(answer.startsWith("@")
                    ? Inputs.read(answer.substring(1), stdin, "--mock-state file") : answer,
                    "--mock-state " + value.substring(0, eq)));
            return new Override(option, value.substring(0, eq), response);
        }
        if (eq <= 0 || eq == value.length() - 1) {
            throw CliException.usage("--mock-error takes NAME=ERROR or NAME=ERROR:CAUSE, not '" + value + "'");
        }
        String errorAndCause = value.substring(eq + 1);
        int colon = errorAndCause.indexOf(':');
        String error = colon < 0 ? errorAndCause : errorAndCause.substring(0, colon);
        if (error.isEmpty()) {
            throw CliException.usage("--mock-error " + value + ": the error name is empty");
        }
        ObjectNode thrown = response.putObject("Throw");
        thrown.put("Error", error);
        thrown.put("Cause", colon < 0 ? "" : errorAndCause.substring(colon + 1));
        return new Override(option, value.substring(0, eq), response);
    }

    /** True when the options mock anything. */
    boolean any() {
        return mockConfig != null || testCase != null || !mockStates.isEmpty() || !mockErrors.isEmpty();
    }

    /**
     * The test case the options make for {@code machine}'s executions, or null when nothing is mocked. Every state
     * it names must be a Task state of the definition.
     *
     * @param defaultMachine the StateMachines entry when --state-machine is not given
     */
    MockTestCase testCase(String defaultMachine, StateMachine machine, InputStream stdin) {
        if (!any()) {
            return null;
        }
        if (mockConfig != null && testCase == null) {
            throw CliException.usage("--mock-config needs --test-case NAME: the test case to run");
        }
        if (testCase != null && mockConfig == null) {
            throw CliException.usage("--test-case needs --mock-config FILE: the file that has the test case");
        }
        if (stateMachine != null && mockConfig == null) {
            throw CliException.usage("--state-machine names an entry of --mock-config, which is not given");
        }
        String machineName = stateMachine != null ? stateMachine : defaultMachine;
        ObjectNode merged = Json.NODES.objectNode();
        ObjectNode responses = merged.putObject("MockedResponses");
        ObjectNode states = Json.NODES.objectNode();
        String caseName = OVERRIDES_TEST_CASE;
        if (mockConfig != null) {
            MockConfig config = load(mockConfig, stdin);
            MockTestCase fromFile = config.testCase(machineName, testCase).orElseThrow(() ->
                    missingTestCase(config, mockConfig, machineName, testCase));
            checkStates(fromFile, machine, "mock configuration " + mockConfig + ": /StateMachines/"
                    + pointer(machineName) + "/TestCases/" + pointer(testCase) + "/");
            JsonNode raw = Inputs.parse(Inputs.read(mockConfig, stdin, "--mock-config file"), mockConfig);
            responses.setAll((ObjectNode) raw.get("MockedResponses"));
            states.setAll((ObjectNode) raw.get("StateMachines").get(machineName).get("TestCases").get(testCase));
            caseName = testCase;
        }
        Map<String, List<ObjectNode>> byState = new LinkedHashMap<>();
        for (String[] given : overrides()) {
            Override o = override(given[0], given[1], stdin);
            TaskState task = TaskStates.of(machine).get(o.state());
            if (task == null) {
                throw CliException.usage(o.option() + " " + o.state() + ": the definition has no Task state named '"
                        + o.state() + "'" + (machine.find(o.state()) != null ? " (it is not a Task)" : ""));
            }
            byState.computeIfAbsent(o.state(), s -> new ArrayList<>()).add(o.response());
        }
        byState.forEach((state, answers) -> {
            String name = uniqueName(responses, "command line: " + state);
            ObjectNode ranges = responses.putObject(name);
            for (int i = 0; i < answers.size(); i++) {
                boolean last = i == answers.size() - 1;
                ranges.set(last ? i + "-" + EVERY_LATER_INVOCATION : String.valueOf(i), answers.get(i));
            }
            states.put(state, name);
        });
        merged.putObject("StateMachines").putObject(machineName).putObject("TestCases").set(caseName, states);
        try {
            return MockConfig.parse("(the command line's mocks)", Json.write(merged))
                    .testCase(machineName, caseName).orElseThrow();
        } catch (MockConfigException e) {
            throw CliException.usage("invalid mocks:", e.problems());
        }
    }

    /** Reads and checks a mock configuration file; its problems are a usage error, each with its place. */
    static MockConfig load(String file, InputStream stdin) {
        if (Inputs.STDIN.equals(file) || file.isBlank()) {
            throw CliException.usage("--mock-config needs a file name");
        }
        String text = Inputs.read(file, stdin, "--mock-config file");
        try {
            return MockConfig.parse(file, text);
        } catch (MockConfigException e) {
            throw CliException.usage("invalid mock configuration " + file + ":", e.problems());
        }
    }

    static CliException missingTestCase(MockConfig config, String file, String machine, String testCase) {
        java.util.Set<String> cases = config.testCaseNames().get(machine);
        if (cases == null) {
            return CliException.usage("mock configuration " + file + " has no state machine '" + machine
                    + "' in StateMachines (it has: " + String.join(", ", config.testCaseNames().keySet())
                    + "); name the entry with --state-machine");
        }
        return CliException.usage("mock configuration " + file + " has no test case '" + testCase
                + "' for state machine '" + machine + "' (it has: " + String.join(", ", cases) + ")");
    }

    /** Every state a test case mocks must be a Task state of the definition: else a usage error naming its place. */
    static void checkStates(MockTestCase testCase, StateMachine machine, String placePrefix) {
        Map<String, TaskState> tasks = TaskStates.of(machine);
        List<String> problems = new ArrayList<>();
        testCase.stateNames().stream().sorted().forEach(state -> {
            if (!tasks.containsKey(state)) {
                problems.add(placePrefix + pointer(state) + ": the definition has no Task state named '" + state
                        + "'" + (machine.find(state) != null ? " (it is not a Task)" : ""));
            }
        });
        if (!problems.isEmpty()) {
            throw CliException.usage("the test case '" + testCase.name() + "' mocks states the definition does not "
                    + "have:", problems);
        }
    }

    private static String uniqueName(ObjectNode responses, String base) {
        String name = base;
        for (int i = 2; responses.has(name); i++) {
            name = base + " (" + i + ")";
        }
        return name;
    }

    /** A name as a JSON pointer segment (RFC 6901). */
    static String pointer(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
