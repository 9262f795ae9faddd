package io.github.camelasl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.resource.ResourceMapping;
import io.github.camelasl.store.InMemoryExecutionStore;
import io.github.camelasl.validation.Diagnostic;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code asl validate DEF}: AWS's ValidateStateMachineDefinition, locally. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a definition as AWS ValidateStateMachineDefinition would. Exits 0 when valid, 2 when "
                + "not. A Task Resource must be a Camel endpoint the CLI can reach (direct:, seda:, log:; class: and "
                + "bean: naming a class only with --allow-resource), an ARN a --resource-map rule maps, or an AWS "
                + "Lambda, SQS, SNS or S3 ARN (the connectors).")
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    AslCli parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEF", description = "the definition file ('-' for stdin)")
    String definition;

    @Option(names = "--json", description = "print {\"result\":\"OK\"|\"FAIL\",\"diagnostics\":[...]}")
    boolean json;

    @Option(names = "--type", paramLabel = "STANDARD|EXPRESS", defaultValue = "STANDARD",
            description = "the state machine type (default: ${DEFAULT-VALUE})")
    RunCommand.Type type;

    @Option(names = "--resource-map", paramLabel = "FILE", description = ResourceMaps.OPTION_DESCRIPTION)
    List<String> resourceMaps = new ArrayList<>();

    @Mixin
    ResourcePolicyOptions resourcePolicy;

    @Override
    public Integer call() {
        String text = Inputs.read(definition, parent.stdin(), "definition");
        List<ResourceMapping> mappings = ResourceMaps.load(resourceMaps, parent.stdin());
        List<Diagnostic> diagnostics;
        var policy = resourcePolicy.policy();
        try (Engine engine = new Engine(mappings, new InMemoryExecutionStore(), policy)) {
            diagnostics = engine.deployer().validate(text, type.name());
        }
        boolean ok = diagnostics.stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode result = Json.NODES.objectNode();
            result.put("result", ok ? "OK" : "FAIL");
            ArrayNode list = result.putArray("diagnostics");
            for (Diagnostic d : diagnostics) {
                ObjectNode o = list.addObject();
                o.put("severity", d.severity().name());
                o.put("code", d.code());
                o.put("message", d.message());
                o.put("location", d.location());
            }
            out.println(CliJson.compact(result));
        } else {
            long errors = diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
            long warnings = diagnostics.size() - errors;
            String source = Inputs.STDIN.equals(definition) ? "(stdin)" : definition;
            StringBuilder head = new StringBuilder(source).append(": ").append(ok ? "OK" : "FAIL");
            if (errors > 0) {
                head.append(", ").append(count(errors, "error"));
            }
            if (warnings > 0) {
                head.append(", ").append(count(warnings, "warning"));
            }
            out.println(head);
            for (Diagnostic d : diagnostics) {
                out.printf("  %-7s %s%n", d.severity().name(), DiagnosticText.line(d));
            }
        }
        out.flush();
        return ok ? AslCli.EXIT_OK : AslCli.EXIT_INVALID;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
