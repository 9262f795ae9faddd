package io.github.camelasl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ExecutionLimits;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.history.HistoryListener;
import io.github.camelasl.history.TerminalText;
import io.github.camelasl.history.TracePrinter;
import io.github.camelasl.mock.MockTestCase;
import io.github.camelasl.resource.ResourceMapping;
import io.github.camelasl.store.InMemoryExecutionStore;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.test.ExecutionRun;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code asl run DEF}: one execution, traced as it runs, then its status and output. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one execution of a definition and print each state as it runs, then the status and "
                + "output (or error and cause).",
            "Task Resources: Camel URIs (direct:, seda:, log:; class: and bean: naming a class with "
                + "--allow-resource), the ARNs of --resource-map rules, and AWS Lambda, SQS, SNS and S3 ARNs, "
                + "called on the AWS the standard environment names (AWS_REGION, "
                + "AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, credentials from the default chain).",
            "Exits 0 when the execution SUCCEEDED, 1 when it FAILED, TIMED_OUT or was ABORTED, 2 when the "
                + "definition, the input or the command line is invalid."})
final class RunCommand implements Callable<Integer> {

    /** State machine types. */
    enum Type { STANDARD, EXPRESS }

    @ParentCommand
    AslCli parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEF", description = "the definition file ('-' for stdin)")
    String definition;

    @Option(names = "--input", paramLabel = "JSON|@FILE",
            description = "the execution input: JSON text, or @FILE to read it from a file (@- for stdin); "
                    + "default {}")
    String input;

    @Option(names = "--name", paramLabel = "EXECUTION_NAME",
            description = "the execution name (default: a random UUID)")
    String executionName;

    @Option(names = "--state-machine-name", paramLabel = "NAME",
            description = "the state machine name (default: the file name without .asl.json/.json)")
    String stateMachineName;

    @Option(names = "--type", paramLabel = "STANDARD|EXPRESS", defaultValue = "STANDARD",
            description = "the state machine type (default: ${DEFAULT-VALUE})")
    Type type;

    @Mixin
    DeploymentOptions deployment;

    @Option(names = "--json", description = "print only one JSON object: {\"status\",\"output\",\"error\",\"cause\"}, "
            + "and \"executionArn\" with --store")
    boolean json;

    @Option(names = "--history", description = "add the execution history (GetExecutionHistory events)")
    boolean history;

    @Mixin
    MockOptions mocks;

    /** The clocks a run may go by. */
    enum Clock { system, virtual }

    @Option(names = "--clock", paramLabel = "system|virtual", defaultValue = "system",
            description = "system: Waits, retry back-offs and timeouts take the time they say; virtual: the run's "
                    + "time jumps to its next timer whenever nothing else runs, so a 24-hour Wait ends at once (the "
                    + "trace shows the virtual times); default: ${DEFAULT-VALUE}")
    Clock clock;

    @Option(names = "--offline", description = "refuse, before the run, a Task that would call AWS: every AWS ARN "
            + "must be mocked (--test-case, --mock-state, --mock-error) or mapped (--resource-map)")
    boolean offline;

    @Option(names = "--store", paramLabel = "DIR", description = "keep the execution in this durable store (a "
            + "folder, created if needed), for 'asl executions' and 'asl resume'; default: the "
            + StoreOption.ENVIRONMENT + " environment variable for a STANDARD execution (an EXPRESS one ignores it), "
            + "else in memory")
    String store;

    @Option(names = "--limits", paramLabel = "default|aws", defaultValue = "default",
            description = "the execution limits: default (caps that protect the process: 64 MiB payloads, nesting "
                    + "1000, 5,000,000 history events) or aws (AWS's quotas: 256 KiB payloads, 25,000 history "
                    + "events, AWS's name rules); default: ${DEFAULT-VALUE}")
    String limits;

    @Option(names = "--max-payload-size", paramLabel = "BYTES",
            description = "the most bytes of JSON an input, output or result may have (the --input file is read "
                    + "no further)")
    Integer maxPayloadSize;

    @Option(names = "--max-nesting-depth", paramLabel = "N", description = "how deep JSON may nest (1 to 1000)")
    Integer maxNestingDepth;

    @Option(names = "--max-history-events", paramLabel = "N",
            description = "how many history events an execution may record before it fails (States.Runtime)")
    Integer maxHistoryEvents;

    /** The limits the options give; a bad value is a usage error. */
    ExecutionLimits executionLimits() {
        try {
            return new ExecutionLimits(ExecutionLimits.Mode.of(limits), maxPayloadSize, maxNestingDepth,
                    maxHistoryEvents);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        if (Inputs.STDIN.equals(definition) && "@-".equals(input)) {
            throw CliException.usage("stdin cannot be both the definition and the --input");
        }
        Inputs.checkName(executionName, "--name");
        Inputs.checkName(stateMachineName, "--state-machine-name");
        checkNotBlank(deployment.region, "--region");
        checkNotBlank(deployment.accountId, "--account-id");
        if (store != null && type == Type.EXPRESS) {
            throw CliException.usage("--store keeps STANDARD executions only: AWS keeps no EXPRESS history");
        }
        if (store != null && clock == Clock.virtual) {
            throw CliException.usage("--clock virtual runs in memory only: a store would keep times that never were");
        }
        if (store == null && type == Type.STANDARD && clock == Clock.system) {
            store = StoreOption.fromEnvironment(); // as the commands that read the store take it
        }
        ExecutionLimits executionLimits = executionLimits();
        String text = Inputs.read(definition, parent.stdin(), "definition");
        List<ResourceMapping> mappings = ResourceMaps.load(deployment.resourceMaps, parent.stdin());
        JsonNode executionInput = Inputs.executionInput(input, parent.stdin(), executionLimits);
        String name = stateMachineName != null ? stateMachineName : Inputs.defaultStateMachineName(definition);
        String source = Inputs.STDIN.equals(definition) ? "(stdin)" : definition;
        StateMachineConfig config = new StateMachineConfig(name, type.name(), "aws", deployment.region,
                deployment.accountId, null, 1, executionLimits);

        PrintWriter out = spec.commandLine().getOut();
        TracePrinter trace = json ? null : new TracePrinter(out);
        // named before it starts, so that a stop (SIGTERM) can say which execution stays in the store
        String runName = executionName != null ? executionName : java.util.UUID.randomUUID().toString();
        ExecutionResult result;
        var policy = deployment.resourcePolicy.policy();
        io.github.camelasl.engine.VirtualClock virtualClock = clock == Clock.virtual
                ? new io.github.camelasl.engine.VirtualClock() : null;
        StubClasspath stubs = StubClasspath.of(deployment.classpath);
        try (Engine engine = new Engine(mappings, store == null ? new InMemoryExecutionStore()
                : StoreOption.open(store, true), policy, stubs, virtualClock)) {
            StateMachineRuntime runtime = engine.deploy(source, text, config);
            MockTestCase testCase = mocks.testCase(name, runtime.machine(), parent.stdin());
            List<AwsCalls.Call> awsCalls = AwsCalls.of(runtime.machine(), testCase, engine.resolvers(),
                    deployment.region);
            if (offline) {
                AwsCalls.refuse(awsCalls);
            }
            // before anything calls AWS, say where it goes (with --json, stdout keeps the one JSON object)
            PrintWriter notices = trace != null ? out : spec.commandLine().getErr();
            AwsCalls.endpointLines(awsCalls).forEach(line -> notices.println(TerminalText.escape(line)));
            notices.flush();
            List<HistoryListener> listeners = trace == null ? List.of() : List.of(trace);
            String arn = config.executionArn(runName);
            java.util.concurrent.atomic.AtomicReference<CompletableFuture<ExecutionResult>> running =
                    new java.util.concurrent.atomic.AtomicReference<>();
            Thread stopNotice = store == null ? null : stopNotice(arn, runName, engine, running);
            try {
                ExecutionRecord same = store == null || executionName == null ? null
                        : sameRunningExecution(engine, arn, executionInput, text, source);
                CompletableFuture<ExecutionResult> run;
                if (same != null) {
                    spec.commandLine().getErr().println(TerminalText.escape("asl: execution " + arn + " is RUNNING in "
                            + store + " with this input: it goes on from its last checkpoint"));
                    if (trace != null) {
                        trace.replay(arn, engine.store().events(arn));
                    }
                    run = engine.runtimeFor(same).resume(same, listeners);
                } else {
                    run = runtime.begin(executionInput, runName, Map.of(), listeners, false,
                            testCase == null ? null : testCase.newExecution()).completion();
                }
                running.set(run);
                if (virtualClock != null) {
                    runOnTheVirtualClock(ExecutionRun.of(runtime, arn, run));
                }
                result = run.get();
            } catch (AslError e) { // ExecutionAlreadyExists (--name is taken in the store), InvalidName, an input over
                // the limits
                throw CliException.usage(e.cause() != null ? e.cause() : e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(AslCli.EXIT_NOT_SUCCEEDED, "interrupted");
            } catch (ExecutionException e) {
                throw couldNotRun(e);
            } finally {
                removeStopNotice(stopNotice);
            }
        }
        // the ARN names it for 'asl executions' later; without a store it is gone with the process
        return printResult(out, result, trace, json, history, store != null);
    }

    /**
     * Jumps time from timer to timer until the run ends, as the test kit and asl test do; one left waiting for
     * something no timer brings (a callback, an activity worker) fails, saying where it waits.
     */
    private static void runOnTheVirtualClock(ExecutionRun run) {
        boolean ended;
        try {
            ended = run.runUntilEnded();
        } catch (IllegalStateException e) { // the clock's bounds: too many timers, or never idle
            throw new CliException(AslCli.EXIT_NOT_SUCCEEDED, "--clock virtual: " + Inputs.oneLine(e.getMessage()));
        }
        if (!ended) {
            throw new CliException(AslCli.EXIT_NOT_SUCCEEDED, "--clock virtual: the execution waits for something "
                    + "no timer brings (a callback, an activity worker): " + Inputs.oneLine(run.whereItIs()));
        }
    }

    /**
     * AWS's idempotent StartExecution: a name the store holds RUNNING with the same input and definition is that
     * execution (it goes on here from its last checkpoint); any other execution of that name is
     * ExecutionAlreadyExists, also one that started on another definition than the one given now: going on with
     * it would run a definition the user did not pass.
     */
    private ExecutionRecord sameRunningExecution(Engine engine, String arn, JsonNode input, String definitionText,
            String source) {
        ExecutionRecord same = engine.store().find(arn)
                .filter(r -> r.status() == ExecutionStatus.RUNNING && input.equals(r.input()))
                .orElse(null);
        if (same != null && !sameDefinition(same.definition(), definitionText)) {
            throw new AslError("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "' is RUNNING in "
                    + store + " on another definition than " + source + ": finish it with 'asl resume --store "
                    + store + "', or run this definition under another --name");
        }
        return same;
    }

    /** The same document, whatever its layout; a stored text that is not JSON is compared as it is. */
    private static boolean sameDefinition(String stored, String given) {
        if (stored == null) {
            return false;
        }
        try {
            return Json.parse(stored).equals(Json.parse(given));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return stored.equals(given);
        }
    }

    /**
     * Says, when the JVM is stopped (SIGTERM, Ctrl-C) before the execution ends, that it stays RUNNING in the store
     * and how to go on with it; then commits what the store has queued.
     */
    private Thread stopNotice(String arn, String name, Engine engine,
            java.util.concurrent.atomic.AtomicReference<CompletableFuture<ExecutionResult>> running) {
        PrintWriter err = spec.commandLine().getErr();
        Thread notice = new Thread(() -> {
            if (ended(running.get())) {
                return; // it ended just before the stop: its result says how
            }
            engine.store().close(); // commits what is queued: the run may end meanwhile, then it is not RUNNING
            if (ended(running.get())) {
                return;
            }
            err.println(TerminalText.escape("asl: stopped: execution " + arn + " stays RUNNING in the store " + store
                    + " at its last checkpoint. To finish it, run: asl resume --store " + store
                    + " (or this command again, with --name " + name + " and the same input)"));
            err.flush();
        }, "asl-stop-notice");
        Runtime.getRuntime().addShutdownHook(notice);
        return notice;
    }

    /**
     * True when the run has ended and the store recorded it; a run the store could not end (closed under it)
     * completes exceptionally, suspended: it stays RUNNING.
     */
    private static boolean ended(CompletableFuture<ExecutionResult> run) {
        return run != null && run.isDone() && !run.isCompletedExceptionally();
    }

    private static void removeStopNotice(Thread notice) {
        if (notice == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(notice);
        } catch (IllegalStateException e) {
            // the JVM is stopping: the notice is being printed
        }
    }

    /** The execution's future failed (the store could not commit, say): exit 1 with why. */
    static CliException couldNotRun(ExecutionException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new CliException(AslCli.EXIT_NOT_SUCCEEDED, "the execution could not run: "
                + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + Inputs.oneLine(cause.getMessage())));
    }

    /**
     * Prints how an execution ended, as {@code asl run} does: the rest of the trace and a summary, or one JSON
     * object with --json. Returns the exit code: 0 when it SUCCEEDED, else 1.
     */
    static int printResult(PrintWriter out, ExecutionResult result, TracePrinter trace, boolean json,
            boolean history, boolean withArn) {
        if (json) {
            ObjectNode o = jsonResult(result, history);
            if (withArn) {
                o.put("executionArn", result.executionArn());
            }
            out.println(CliJson.compact(o));
        } else {
            trace.finish(result.executionArn(), result.history());
            printSummary(out, result, history);
            if (withArn) {
                out.println("Execution: " + TerminalText.escape(result.executionArn()));
            }
        }
        out.flush();
        return result.status() == ExecutionStatus.SUCCEEDED ? AslCli.EXIT_OK : AslCli.EXIT_NOT_SUCCEEDED;
    }

    private static ObjectNode jsonResult(ExecutionResult result, boolean history) {
        ObjectNode o = Json.NODES.objectNode();
        o.put("status", result.status().name());
        o.set("output", result.output() == null ? NullNode.getInstance() : result.output());
        o.put("error", result.error());
        o.put("cause", result.cause());
        if (history) {
            ArrayNode events = o.putArray("history");
            if (result.history() != null) {
                result.history().forEach(events::add);
            }
        }
        return o;
    }

    private static void printSummary(PrintWriter out, ExecutionResult result, boolean history) {
        out.println();
        String took = "";
        if (result.startDate() != null && result.stopDate() != null) {
            took = " in " + formatDuration(Duration.between(result.startDate(), result.stopDate()));
        }
        out.println(result.status().name() + took);
        if (result.status() == ExecutionStatus.SUCCEEDED) {
            // Jackson escapes C0 controls in strings, not DEL, C1 or U+2028; the line breaks are the indenting's
            out.println(TerminalText.escapeKeepingLines(
                    CliJson.pretty(result.output() == null ? NullNode.getInstance() : result.output())));
        } else {
            if (result.error() != null) {
                out.println("Error: " + TerminalText.escape(result.error()));
            }
            if (result.cause() != null) {
                out.println("Cause: " + TerminalText.escape(result.cause()));
            }
        }
        if (history && result.history() != null) {
            out.println();
            out.println("History:");
            for (JsonNode event : result.history()) {
                ObjectNode rest = ((ObjectNode) event).deepCopy();
                rest.remove(List.of("id", "previousEventId", "type", "timestamp"));
                out.printf("  %3d %-26s %s%n", event.path("id").asLong(),
                        TerminalText.escape(event.path("type").asText()),
                        rest.isEmpty() ? "" : TerminalText.escape(CliJson.compact(rest)));
            }
        }
    }

    private static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.2f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
    }

    private static void checkNotBlank(String value, String option) {
        if (value == null || value.isBlank()) {
            throw CliException.usage(option + " must not be empty");
        }
    }
}
