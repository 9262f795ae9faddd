package io.github.camelasl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.ExecutionLimits;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.history.TerminalText;
import io.github.camelasl.mock.MockConfig;
import io.github.camelasl.resource.ResourceMapping;
import io.github.camelasl.store.InMemoryExecutionStore;
import io.github.camelasl.test.AslTestKit;
import io.github.camelasl.test.coverage.CoverageReport;
import io.github.camelasl.test.coverage.PathCoverage;
import io.github.camelasl.test.suite.CaseResult;
import io.github.camelasl.test.suite.Expectations;
import io.github.camelasl.test.suite.JUnitXml;
import io.github.camelasl.test.suite.MockSuiteRunner;
import io.github.camelasl.test.suite.SuiteException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code asl test DEF --mock-config FILE}: runs the test cases of a Step Functions Local mock configuration on a
 * virtual clock, one line per case, checked against an optional expectations file.
 */
@Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the test cases of an AWS Step Functions Local mock configuration (MockConfigFile.json) "
                + "against a definition, on a virtual clock (Waits and retry back-offs take no real time), and "
                + "print one line per case: PASS or FAIL, its name, status, the states it passed through and "
                + "the time it took.",
            "A case passes when it ends as --expectations says (Status, Output, Error, Cause, States), or, when "
                + "the file says nothing of it, when it SUCCEEDED. Each case's input: the expectations file's "
                + "Input, else --input, else {}.",
            "Expectations file: {\"TestCases\": {\"CASE\": {\"Input\": ..., \"Status\": \"SUCCEEDED|FAILED|"
                + "TIMED_OUT|ABORTED\", \"Output\": ..., \"Error\": \"...\", \"Cause\": \"...\", "
                + "\"States\": [\"...\"]}}}, every member optional.",
            "Exits 0 when every case passed, 1 when one failed, 2 when the definition, a file or the command line "
                + "is invalid."})
final class TestCommand implements Callable<Integer> {

    @ParentCommand
    AslCli parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEF", description = "the definition file")
    String definition;

    @Option(names = "--mock-config", paramLabel = "FILE", required = true,
            description = "the mock configuration whose test cases run")
    String mockConfig;

    @Option(names = "--state-machine", paramLabel = "NAME",
            description = "its StateMachines entry (default: the file name without .asl.json/.json)")
    String stateMachine;

    @Option(names = "--test-case", paramLabel = "NAME",
            description = "run this test case (repeatable, in the order given; default: every case of the entry)")
    List<String> testCases = new ArrayList<>();

    @Option(names = "--input", paramLabel = "JSON|@FILE",
            description = "the input of the cases the expectations file gives none (default {})")
    String input;

    @Option(names = "--expectations", paramLabel = "FILE", description = "what each case must end with (see above)")
    String expectations;

    @Option(names = "--junit-xml", paramLabel = "OUT", description = "also write the results as JUnit XML (Maven "
            + "Surefire's TEST-*.xml shape, which CI tools read) to this file")
    String junitXml;

    @Option(names = "--coverage", paramLabel = "OUT", description = "also write the path coverage of the cases run "
            + "(states, Choice rules and Default, Retriers, Catchers, transitions) into this folder: "
            + CoverageReport.JSON_FILE + ", " + CoverageReport.MARKDOWN_FILE + " and " + CoverageReport.HTML_FILE
            + " (the graph coloured), as the test kit's report")
    String coverage;

    @Mixin
    DeploymentOptions deployment;

    @Option(names = "--offline", description = "refuse, before any case runs, a Task that would call AWS in one of "
            + "them: every AWS ARN must be mocked in each case, or mapped (--resource-map)")
    boolean offline;

    @Option(names = "--limits", paramLabel = "default|aws", defaultValue = "aws",
            description = "the execution limits: aws (AWS's quotas: 256 KiB payloads, 25,000 history events, AWS's "
                    + "name rules; a runaway loop fails as it would on AWS) or default (caps that only protect the "
                    + "process); default: ${DEFAULT-VALUE}")
    String limits;

    @Option(names = "--clock-start", paramLabel = "INSTANT", defaultValue = AslTestKit.DEFAULT_START_TEXT,
            description = "where each case's virtual clock starts (ISO-8601, e.g. 2025-01-01T00:00:00Z): every "
                    + "case runs on a clock of its own from there; default: ${DEFAULT-VALUE}")
    String clockStart;

    @Override
    public Integer call() throws Exception {
        if (Inputs.STDIN.equals(definition)) {
            throw CliException.usage("asl test reads the definition from a file, not stdin");
        }
        String text = Inputs.read(definition, parent.stdin(), "definition");
        String name = stateMachine != null ? stateMachine : Inputs.defaultStateMachineName(definition);
        Inputs.checkName(name, "--state-machine");
        MockConfig config = MockOptions.load(mockConfig, parent.stdin());
        Expectations expected = expectations == null ? Expectations.none() : readExpectations();
        ExecutionLimits executionLimits;
        try {
            executionLimits = new ExecutionLimits(ExecutionLimits.Mode.of(limits), null, null, null);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--limits: " + e.getMessage());
        }
        Instant start;
        try {
            start = Instant.parse(clockStart.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw CliException.usage("--clock-start '" + clockStart + "' is no ISO-8601 instant (e.g. "
                    + "2025-01-01T00:00:00Z)");
        }
        JsonNode defaultInput = Inputs.executionInput(input, parent.stdin(), executionLimits);
        List<ResourceMapping> mappings = ResourceMaps.load(deployment.resourceMaps, parent.stdin());
        Path junitFile = outputPath(junitXml, "--junit-xml");
        Path coverageFolder = outputPath(coverage, "--coverage");
        PathCoverage paths = coverageFolder == null ? null : new PathCoverage();

        PrintWriter out = spec.commandLine().getOut();
        StateMachineConfig machine = new StateMachineConfig(name, "STANDARD", "aws", deployment.region,
                deployment.accountId, null)
                .withLimits(executionLimits);
        List<CaseResult> results;
        long began = System.nanoTime();
        Instant startedAt = Instant.now();
        try (Engine engine = new Engine(mappings, new InMemoryExecutionStore(),
                deployment.resourcePolicy.policy(), StubClasspath.of(deployment.classpath), null)) {
            if (!config.testCaseNames().containsKey(name)) {
                throw MockOptions.missingTestCase(config, mockConfig, name, "");
            }
            // each case on a deployment and a virtual clock of its own (see MockSuiteRunner)
            MockSuiteRunner runner = new MockSuiteRunner(clock -> {
                StateMachineRuntime runtime = engine.deploy(definition, text, machine, clock);
                if (paths != null) {
                    runtime.addObserver(paths);
                }
                return runtime;
            }, start, config, name);
            List<String> selected = testCases.isEmpty() ? List.copyOf(runner.testCases()) : testCases;
            List<AwsCalls.Call> awsCalls = new ArrayList<>();
            for (String testCase : selected) {
                var mocks = config.testCase(name, testCase).orElseThrow(() ->
                        MockOptions.missingTestCase(config, mockConfig, name, testCase));
                MockOptions.checkStates(mocks, runner.machine(), "mock configuration " + mockConfig
                        + ": /StateMachines/" + MockOptions.pointer(name) + "/TestCases/"
                        + MockOptions.pointer(testCase) + "/");
                AwsCalls.of(runner.machine(), mocks, engine.resolvers(), deployment.region).stream()
                        .filter(call -> awsCalls.stream().noneMatch(c -> c.state().equals(call.state())))
                        .forEach(awsCalls::add);
            }
            if (offline) {
                AwsCalls.refuse(awsCalls);
            }
            AwsCalls.endpointLines(awsCalls).forEach(line -> out.println(TerminalText.escape(line)));
            try {
                results = runner.run(selected, defaultInput, expected);
            } catch (SuiteException e) {
                throw CliException.usage("cannot run the test cases:", e.problems());
            }
        }
        Duration total = Duration.ofNanos(System.nanoTime() - began);
        print(out, results, total);
        if (junitFile != null) {
            writeJUnitXml(junitFile, JUnitXml.write("asl test " + name, name, results, total, startedAt));
        }
        if (paths != null) {
            CoverageReport report = CoverageReport.of(paths);
            try {
                report.writeTo(coverageFolder);
            } catch (java.io.UncheckedIOException e) {
                throw new CliException(AslCli.EXIT_NOT_SUCCEEDED, "cannot write --coverage " + coverageFolder + ": "
                        + e.getCause());
            }
            out.println("Path coverage: " + report.coveredItems() + " of " + report.totalItems() + " ("
                    + String.format(Locale.ROOT, "%.1f%%", report.ratio() * 100) + "), in " + coverageFolder);
        }
        out.flush();
        return results.stream().allMatch(CaseResult::passed) ? AslCli.EXIT_OK : AslCli.EXIT_NOT_SUCCEEDED;
    }

    private Expectations readExpectations() {
        String text = Inputs.read(expectations, parent.stdin(), "--expectations file");
        try {
            return Expectations.parse(expectations, text);
        } catch (SuiteException e) {
            throw CliException.usage("invalid expectations " + expectations + ":", e.problems());
        }
    }

    /** One line per case, its failures under it, then the count. */
    static void print(PrintWriter out, List<CaseResult> results, Duration total) {
        int width = results.stream().mapToInt(r -> r.name().length()).max().orElse(0);
        for (CaseResult result : results) {
            out.println(TerminalText.escape(String.format(Locale.ROOT, "%s  %-" + width + "s  %-9s  %s  (%s)",
                    result.passed() ? "PASS" : "FAIL", result.name(),
                    result.status() == null ? "-" : result.status().name(), path(result.states()),
                    millis(result.wallTime()) + (result.virtualTime().compareTo(Duration.ofSeconds(1)) >= 0
                            ? ", " + virtual(result.virtualTime()) + " virtual" : ""))));
            for (String failure : result.failures()) {
                out.println(TerminalText.escape("      " + result.name() + ": " + failure));
            }
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println();
        out.println(results.size() + " test case" + (results.size() == 1 ? "" : "s") + ": "
                + (results.size() - failed) + " passed, " + failed + " failed (" + millis(total) + ")");
    }

    /** The states passed through, a run of one state (a Map's iterations) shown once with its count. */
    static String path(List<String> states) {
        if (states.isEmpty()) {
            return "-";
        }
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < states.size();) {
            int j = i;
            while (j < states.size() && states.get(j).equals(states.get(i))) {
                j++;
            }
            shown.add(states.get(i) + (j - i > 1 ? " x" + (j - i) : ""));
            i = j;
        }
        return String.join(" > ", shown);
    }

    /** An execution's virtual time, to the second: "14 s", "3 min 5 s", "24 h 0 min", "400 d 2 h". */
    static String virtual(Duration d) {
        long s = d.getSeconds();
        if (s >= 86_400 * 2) {
            return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
        }
        if (s >= 3600) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s";
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    /** An output option's path; one that names an existing folder where a file goes (or the reverse) is refused. */
    private static Path outputPath(String option, String name) {
        if (option == null) {
            return null;
        }
        if (option.isBlank()) {
            throw CliException.usage(name + " needs a path");
        }
        Path path;
        try {
            path = Path.of(option);
        } catch (java.nio.file.InvalidPathException e) {
            throw CliException.usage(name + " '" + option + "' is not a path: " + e.getReason());
        }
        boolean folder = name.equals("--coverage");
        if (folder ? Files.isRegularFile(path) : Files.isDirectory(path)) {
            throw CliException.usage(name + " " + option + " is a " + (folder ? "file; it names a folder"
                    : "folder; it names a file"));
        }
        return path;
    }

    private static void writeJUnitXml(Path file, String xml) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            Files.writeString(file, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(AslCli.EXIT_NOT_SUCCEEDED, "cannot write --junit-xml " + file + ": " + e);
        }
    }
}
