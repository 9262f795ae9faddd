package io.github.camelasl.cli;

import io.github.camelasl.ExecutionShapes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.history.HistoryListener;
import io.github.camelasl.history.TerminalText;
import io.github.camelasl.history.TracePrinter;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.SqliteExecutionStore;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code asl executions ...}: the executions a durable store holds, as AWS's execution APIs show them. */
@Command(name = "executions", mixinStandardHelpOptions = true,
        subcommands = {ExecutionsCommand.ListExecutions.class, ExecutionsCommand.DescribeExecution.class,
            ExecutionsCommand.ExecutionHistory.class, ExecutionsCommand.StopExecution.class,
            ExecutionsCommand.RedriveExecution.class},
        description = "List, describe, stop or redrive the executions of an execution store (asl run --store), "
                + "and show their history. Unknown executions and stores are usage errors (exit 2).")
final class ExecutionsCommand implements Callable<Integer> {

    static final String EXECUTION_DESCRIPTION = "the execution's ARN, or its name (unique per state machine, as in "
            + "AWS; a name executions of several state machines have is refused)";

    @Spec
    CommandSpec spec;

    /** {@code asl executions} alone: usage on stderr, exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("asl: missing command: list, describe, history, stop or redrive");
        spec.commandLine().usage(spec.commandLine().getErr());
        return AslCli.EXIT_INVALID;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the executions, newest first: status, start date and ARN, or ListExecutions' "
                    + "{\"executions\": [...]} with --json.")
    static final class ListExecutions implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        StoreOption store;

        @Option(names = "--status", paramLabel = "STATUS",
                description = "only those with this status: ${COMPLETION-CANDIDATES}")
        ExecutionStatus status;

        @Option(names = "--json", description = "print ListExecutions' response")
        boolean json;

        @Override
        public Integer call() {
            List<ExecutionRecord> records;
            try (SqliteExecutionStore opened = store.open()) {
                records = opened.list().stream()
                        .filter(r -> status == null || r.status() == status)
                        .sorted(Comparator.comparing(ExecutionRecord::startDate).reversed()
                                .thenComparing(ExecutionRecord::executionArn))
                        .toList();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode response = Json.NODES.objectNode();
                ArrayNode executions = response.putArray("executions");
                records.forEach(r -> executions.add(ExecutionShapes.summary(r)));
                out.println(CliJson.compact(response));
            } else {
                for (ExecutionRecord r : records) {
                    out.printf("%-9s %s  %s%n", r.status(), ExecutionShapes.date(r.startDate()),
                            TerminalText.escape(r.executionArn()));
                }
            }
            return AslCli.EXIT_OK;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Show one execution: DescribeExecution's fields, one per line, or its response with "
                    + "--json.")
    static final class DescribeExecution implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        StoreOption store;

        @Parameters(index = "0", paramLabel = "EXECUTION", description = EXECUTION_DESCRIPTION)
        String execution;

        @Option(names = "--json", description = "print DescribeExecution's response")
        boolean json;

        @Override
        public Integer call() {
            ObjectNode described;
            try (SqliteExecutionStore opened = store.open()) {
                described = ExecutionShapes.describe(store.find(opened, execution));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(CliJson.compact(described));
            } else {
                // inputDetails and outputDetails are objects: printed as JSON, not as asText()'s ""
                described.fields().forEachRemaining(field -> out.printf("%-16s %s%n", field.getKey() + ":",
                        TerminalText.escape(field.getValue().isValueNode()
                                ? field.getValue().asText() : CliJson.compact(field.getValue()))));
            }
            return AslCli.EXIT_OK;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "Show an execution's history events, oldest first: id, type and state, or "
                    + "GetExecutionHistory's {\"events\": [...]} with --json.")
    static final class ExecutionHistory implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        StoreOption store;

        @Parameters(index = "0", paramLabel = "EXECUTION", description = EXECUTION_DESCRIPTION)
        String execution;

        @Option(names = "--json", description = "print GetExecutionHistory's response")
        boolean json;

        @Override
        public Integer call() {
            List<JsonNode> events;
            try (SqliteExecutionStore opened = store.open()) {
                events = opened.events(store.find(opened, execution).executionArn());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode response = Json.NODES.objectNode();
                response.putArray("events").addAll(events);
                out.println(CliJson.compact(response));
            } else {
                for (JsonNode event : events) {
                    String state = stateName(event);
                    out.printf("%3d %-26s %s%n", event.path("id").asLong(),
                            TerminalText.escape(event.path("type").asText()),
                            state == null ? "" : TerminalText.escape(state));
                }
            }
            return AslCli.EXIT_OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop a RUNNING execution (StopExecution): it ends ABORTED, and will not resume.")
    static final class StopExecution implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        StoreOption store;

        @Parameters(index = "0", paramLabel = "EXECUTION", description = EXECUTION_DESCRIPTION)
        String execution;

        @Option(names = "--error", paramLabel = "E", description = "the error it ends with")
        String error;

        @Option(names = "--cause", paramLabel = "C", description = "the cause it ends with")
        String cause;

        @Option(names = "--resource-map", paramLabel = "FILE", description = ResourceMaps.OPTION_DESCRIPTION)
        List<String> resourceMaps = new ArrayList<>();

        @Mixin
        ResourcePolicyOptions resourcePolicy;

        @Option(names = "--json", description = "print the stopped execution as DescribeExecution does")
        boolean json;

        @Override
        public Integer call() throws Exception {
            var mappings = ResourceMaps.load(resourceMaps, InputStream.nullInputStream());
            ExecutionRecord stopped;
            // the runtime of its definition stops it: it records ExecutionAborted as a running one would
            var policy = resourcePolicy.policy();
            try (Engine engine = new Engine(mappings, store.open(), policy)) {
                ExecutionRecord record = store.find(engine.store(), execution);
                String executionArn = record.executionArn();
                if (record.status() != ExecutionStatus.RUNNING) {
                    throw CliException.usage("execution " + executionArn + " is not RUNNING: it is "
                            + record.status());
                }
                engine.runtimeFor(record).stop(executionArn, error, cause);
                stopped = store.find(engine.store(), executionArn);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? CliJson.compact(ExecutionShapes.describe(stopped))
                    : TerminalText.escape(stopped.executionArn()) + " " + stopped.status());
            return AslCli.EXIT_OK;
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = {"Redrive a FAILED, TIMED_OUT or ABORTED execution (RedriveExecution): it runs again "
                    + "from the state that did not succeed, on the definition it started with, and prints how it "
                    + "ends as 'asl run' does.",
                "Exits 0 when it SUCCEEDED, 1 when it did not, 2 when it cannot be redriven."})
    static final class RedriveExecution implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        StoreOption store;

        @Parameters(index = "0", paramLabel = "EXECUTION", description = EXECUTION_DESCRIPTION)
        String execution;

        @Option(names = "--resource-map", paramLabel = "FILE", description = ResourceMaps.OPTION_DESCRIPTION)
        List<String> resourceMaps = new ArrayList<>();

        @Mixin
        ResourcePolicyOptions resourcePolicy;

        @Option(names = "--json", description = "print only one JSON object: {\"status\",\"output\",\"error\","
                + "\"cause\"}")
        boolean json;

        @Option(names = "--history", description = "add the execution history (GetExecutionHistory events)")
        boolean history;

        @Override
        public Integer call() throws Exception {
            var mappings = ResourceMaps.load(resourceMaps, InputStream.nullInputStream());
            PrintWriter out = spec.commandLine().getOut();
            TracePrinter trace = json ? null : new TracePrinter(out);
            ExecutionResult result;
            var policy = resourcePolicy.policy();
            try (Engine engine = new Engine(mappings, store.open(), policy)) {
                ExecutionStore opened = engine.store();
                ExecutionRecord record = store.find(opened, execution);
                String executionArn = record.executionArn();
                var runtime = engine.runtimeFor(record);
                if (trace != null && record.redrivable()) {
                    // the run so far, then the redrive's events as they come, on from it (depths, Map iterations)
                    trace.replay(executionArn, opened.events(executionArn));
                    out.println("↻ redrive " + (record.redriveCount() + 1));
                }
                List<HistoryListener> listeners = trace == null ? List.of() : List.of(trace);
                try {
                    runtime.redrive(executionArn, listeners);
                } catch (AslError e) { // ExecutionNotRedrivable
                    throw CliException.usage(e.cause() != null ? e.cause() : e.getMessage());
                }
                ExecutionRecord ended = awaitEnd(opened, executionArn);
                result = new ExecutionResult(ended.executionArn(), ended.name(), ended.status(), ended.output(),
                        ended.error(), ended.cause(), ended.redriveDate(), ended.stopDate(), // the redrive's time
                        opened.events(executionArn));
            }
            return RunCommand.printResult(out, result, trace, json, history, false);
        }

        /** The redrive runs on a worker: the store says when it has ended. */
        private static ExecutionRecord awaitEnd(ExecutionStore store, String arn) {
            while (true) {
                ExecutionRecord record = store.find(arn).orElseThrow();
                if (record.status() != ExecutionStatus.RUNNING) {
                    return record;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CliException(AslCli.EXIT_NOT_SUCCEEDED, "interrupted");
                }
            }
        }
    }

    /** The state an event is about (its details' name: StateEntered, StateExited, a Map iteration), or null. */
    static String stateName(JsonNode event) {
        for (var it = event.fields(); it.hasNext(); ) {
            var field = it.next();
            if (field.getKey().endsWith("EventDetails") && field.getValue().hasNonNull("name")) {
                return field.getValue().get("name").asText();
            }
        }
        return null;
    }
}
