package io.github.camelasl.cli;

import io.github.camelasl.ExecutionShapes;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.engine.UnresumableExecutions;
import io.github.camelasl.history.TerminalText;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code asl resume --store DIR}: runs every execution the store holds as RUNNING to its end. */
@Command(name = "resume", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Resume every RUNNING execution of an execution store (left by a run that was stopped or "
                + "crashed) from its last checkpoint, on the definition it started with; wait for them all and "
                + "print each one's ARN and status.",
            "One that cannot resume (its record or checkpoint unreadable, its definition gone or no longer valid) "
                + "ends FAILED with States.Runtime and a cause saying why; the others resume all the same.",
            "Exits 0 when all SUCCEEDED (or none was left), 1 when one did not, 2 on a usage error."})
final class ResumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Option(names = "--resource-map", paramLabel = "FILE", description = ResourceMaps.OPTION_DESCRIPTION)
    List<String> resourceMaps = new ArrayList<>();

    @Mixin
    ResourcePolicyOptions resourcePolicy;

    @Option(names = "--json", description = "print a JSON array of the executions as DescribeExecution shows them")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var mappings = ResourceMaps.load(resourceMaps, InputStream.nullInputStream());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ExecutionRecord> ended = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        var policy = resourcePolicy.policy();
        try (Engine engine = new Engine(mappings, store.open(), policy)) {
            ExecutionStore opened = engine.store();
            // one that cannot resume (its record unreadable, its definition gone or invalid) ends FAILED alone
            List<ExecutionRecord> unfinished = opened.unfinished(null, row -> {
                unreadable.add(row.executionArn());
                UnresumableExecutions.fail(opened, row.executionArn(), row.stateMachineArn(), null, row.problem(),
                        List.of());
            }).stream().sorted(Comparator.comparing(ExecutionRecord::startDate)).toList();
            // side by side, as a deployment resumes them: their store commits go together
            List<CompletableFuture<ExecutionResult>> runs = new ArrayList<>();
            for (ExecutionRecord record : unfinished) {
                StateMachineRuntime runtime;
                try {
                    runtime = engine.runtimeFor(record);
                } catch (Exception e) {
                    runs.add(UnresumableExecutions.fail(opened, record.executionArn(), record.stateMachineArn(),
                            record, "the definition it started with does not deploy: " + e.getMessage(),
                            List.of()));
                    continue;
                }
                runs.add(runtime.resumeInBackground(record, List.of()));
            }
            for (int i = 0; i < unfinished.size(); i++) {
                String arn = unfinished.get(i).executionArn();
                try {
                    runs.get(i).get();
                } catch (ExecutionException e) { // suspended: the store could not commit; it stays RUNNING
                    err.println("asl: " + TerminalText.escape(RunCommand.couldNotRun(e).getMessage() + " (" + arn
                            + ")"));
                }
                ended.add(store.find(opened, arn));
            }
        }
        for (String arn : unreadable) {
            err.println("asl: " + TerminalText.escape("execution " + arn + " cannot be read back from the store: it "
                    + "ended FAILED (see its cause with 'asl executions history')"));
        }
        if (json) {
            ArrayNode array = Json.NODES.arrayNode();
            ended.forEach(r -> array.add(ExecutionShapes.describe(r)));
            out.println(CliJson.compact(array));
        } else if (ended.isEmpty()) {
            out.println("No unfinished executions in " + TerminalText.escape(store.folder));
        } else {
            ended.forEach(r -> out.println(TerminalText.escape(r.executionArn()) + " " + r.status()));
        }
        boolean allSucceeded = unreadable.isEmpty()
                && ended.stream().allMatch(r -> r.status() == ExecutionStatus.SUCCEEDED);
        return allSucceeded ? AslCli.EXIT_OK : AslCli.EXIT_NOT_SUCCEEDED;
    }
}
