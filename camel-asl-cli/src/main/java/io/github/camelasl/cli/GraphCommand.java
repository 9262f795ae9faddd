package io.github.camelasl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.graph.ExecutionGraphs;
import io.github.camelasl.graph.GraphFormat;
import io.github.camelasl.history.TerminalText;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.SqliteExecutionStore;
import io.github.camelasl.validation.Diagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code asl graph DEF [--execution ARN|NAME --store DIR] [--format svg|mermaid|dot|json] [--output FILE]}: the graph
 * the console shows, for READMEs, reviews and CI artefacts. Coloured by an execution of the store when one is given.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Draw a definition's graph as the console does (SVG by default; Mermaid, DOT or the graph JSON), "
                + "coloured by an execution of a store with --execution. An invalid definition is drawn as far as it "
                + "can be read and its diagnostics are printed on stderr (exit 2).")
final class GraphCommand implements Callable<Integer> {

    /** AWS's limit on a definition: the graph refuses more anyway, so reading stops there. */
    private static final int MAX_DEFINITION_BYTES = 1024 * 1024;

    @ParentCommand
    AslCli parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DEF",
            description = "the definition file ('-' for stdin); with --execution, by default the definition the "
                    + "execution ran")
    String definition;

    @Option(names = "--execution", paramLabel = "ARN|NAME",
            description = "colour the graph by this execution of the store (--store)")
    String execution;

    @Mixin
    StoreOption store;

    @Option(names = "--format", paramLabel = "svg|mermaid|dot|json", defaultValue = "svg",
            description = "what to write (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "write to FILE rather than stdout")
    String output;

    @Override
    public Integer call() {
        GraphFormat graphFormat;
        try {
            graphFormat = GraphFormat.of(format);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        if (definition == null && execution == null) {
            throw CliException.usage("missing DEF: the definition file (or --execution, to draw the definition an "
                    + "execution ran)");
        }
        String text = definition == null ? null
                : Inputs.read(definition, parent.stdin(), "definition", MAX_DEFINITION_BYTES, ", AWS's limit");
        List<JsonNode> events = null;
        if (execution != null) {
            try (SqliteExecutionStore opened = store.open()) {
                ExecutionRecord record = store.find(opened, execution);
                events = opened.events(record.executionArn());
                if (text == null) {
                    text = record.definition();
                }
            }
        }
        ObjectNode graph;
        try {
            ExecutionGraphs graphs = new ExecutionGraphs(1);
            graph = events == null ? graphs.definitionGraph(text) : graphs.executionGraph(text, events);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("cannot draw " + source() + ": " + e.getMessage());
        }
        JsonNode diagnostics = graph.path("diagnostics");
        if (graph.path("nodes").size() <= 2 && diagnostics.size() > 0) {
            // not a definition at all: nothing worth drawing, only why
            throw CliException.usage(source() + " is not a state machine definition: " + line(diagnostics.get(0)));
        }
        write(graphFormat.render(graph));
        PrintWriter err = spec.commandLine().getErr();
        boolean invalid = false;
        for (JsonNode diagnostic : diagnostics) {
            invalid |= diagnostic.path("severity").asText().equals("ERROR");
            err.println("asl: " + source() + ": " + diagnostic.path("severity").asText() + " " + line(diagnostic));
        }
        err.flush();
        return invalid ? AslCli.EXIT_INVALID : AslCli.EXIT_OK;
    }

    private void write(String rendered) {
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(rendered);
            out.flush();
            return;
        }
        try {
            Files.writeString(Path.of(output), rendered, StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            throw CliException.usage("cannot write " + output + ": " + Inputs.oneLine(String.valueOf(e.getMessage())));
        }
    }

    private String source() {
        return definition == null ? "the definition of " + execution
                : Inputs.STDIN.equals(definition) ? "(stdin)" : definition;
    }

    private static String line(JsonNode diagnostic) {
        Diagnostic.Severity severity = diagnostic.path("severity").asText().equals("WARNING")
                ? Diagnostic.Severity.WARNING : Diagnostic.Severity.ERROR;
        return TerminalText.escape(DiagnosticText.line(new Diagnostic(severity, diagnostic.path("code").asText(),
                diagnostic.path("message").asText(), diagnostic.path("location").asText(null))));
    }
}
