package io.github.camelasl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.history.TerminalText;
import io.github.camelasl.store.InMemoryExecutionStore;
import io.github.camelasl.teststate.DeployedTaskCalls;
import io.github.camelasl.teststate.StateTester;
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

/**
 * {@code asl test-state DEF --state NAME}: AWS's TestState from the command line. The request is built from the
 * options as AWS's CLI builds it ({@code aws stepfunctions test-state}), answered by the same {@link StateTester} as
 * the API server's TestState action, and printed as AWS's response.
 */
@Command(name = "test-state", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one state of a definition, as AWS's TestState does, and print AWS's TestState response "
                + "(status, output or error and cause, nextState, and inspectionData at DEBUG and TRACE).",
            "A Task without --mock calls its Resource as 'asl run' would (--resource-map, --allow-resource, "
                + "--classpath apply).",
            "Exits 0 when the status is SUCCEEDED, 1 when it is FAILED, RETRIABLE or CAUGHT_ERROR, 2 when the "
                + "definition, a JSON option or the command line is invalid (AWS's error and message on stderr)."})
final class TestStateCommand implements Callable<Integer> {

    @ParentCommand
    AslCli parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEF",
            description = "the definition file ('-' for stdin): a state machine, or one state's JSON")
    String definition;

    @Option(names = "--state", paramLabel = "NAME",
            description = "the state to test, at any depth (needed unless the definition has one state)")
    String state;

    @Option(names = "--input", paramLabel = "JSON|@FILE", description = "the state's input (default {})")
    String input;

    @Option(names = "--mock", paramLabel = "JSON|@FILE",
            description = "AWS's mock of the Task's (or Map's, Parallel's) answer: {\"result\": \"JSON text\"} or "
                    + "{\"errorOutput\": {\"error\": E, \"cause\": C}}, optionally \"fieldValidationMode\"; "
                    + "\"result\" may also be given as JSON itself")
    String mock;

    @Option(names = "--inspection-level", paramLabel = "INFO|DEBUG|TRACE", defaultValue = "INFO",
            description = "how much of the dataflow inspectionData shows (default: ${DEFAULT-VALUE})")
    String inspectionLevel;

    @Option(names = "--variables", paramLabel = "JSON|@FILE",
            description = "the workflow variables the state sees, a JSON object of name to value")
    String variables;

    @Option(names = "--context", paramLabel = "JSON|@FILE", description = "the context object $$, a JSON object")
    String context;

    @Option(names = "--state-configuration", paramLabel = "JSON|@FILE",
            description = "AWS's stateConfiguration: {\"retrierRetryCount\", \"errorCausedByState\", "
                    + "\"mapIterationFailureCount\", \"mapItemReaderData\"}")
    String stateConfiguration;

    @Option(names = "--reveal-secrets", description = "show the HTTP Task's request and response secrets")
    boolean revealSecrets;

    @Option(names = "--role-arn", paramLabel = "ARN", description = "the role the test runs as (AWS's roleArn)")
    String roleArn;

    @Mixin
    DeploymentOptions deployment;

    @Override
    public Integer call() {
        long fromStdin = java.util.stream.Stream.of(input, mock, variables, context, stateConfiguration)
                .filter("@-"::equals).count() + (Inputs.STDIN.equals(definition) ? 1 : 0);
        if (fromStdin > 1) {
            throw CliException.usage("stdin can be read for one of DEF, --input, --mock, --variables, --context "
                    + "and --state-configuration only");
        }
        ObjectNode request = Json.NODES.objectNode();
        request.put("definition", Inputs.read(definition, parent.stdin(), "definition"));
        if (state != null) {
            request.put("stateName", state);
        }
        request.put("input", Json.write(Inputs.executionInput(input, parent.stdin())));
        request.put("inspectionLevel", inspectionLevel.toUpperCase(java.util.Locale.ROOT));
        request.put("revealSecrets", revealSecrets);
        if (roleArn != null) {
            request.put("roleArn", roleArn);
        }
        if (variables != null) {
            request.put("variables", Json.write(json(variables, "--variables")));
        }
        if (context != null) {
            request.put("context", Json.write(json(context, "--context")));
        }
        if (mock != null) {
            request.set("mock", mock(json(mock, "--mock")));
        }
        if (stateConfiguration != null) {
            request.set("stateConfiguration", json(stateConfiguration, "--state-configuration"));
        }
        StateMachineConfig config = new StateMachineConfig("TestState", "STANDARD", "aws", deployment.region,
                deployment.accountId, roleArn);
        ObjectNode response;
        try (Engine engine = new Engine(ResourceMaps.load(deployment.resourceMaps, parent.stdin()),
                new InMemoryExecutionStore(), deployment.resourcePolicy.policy(), StubClasspath.of(deployment.classpath), null)) {
            response = new StateTester(new DeployedTaskCalls(engine.deployer(), config)).test(request);
        } catch (AslError e) {
            // AWS's answer to a request it cannot run: ValidationException, InvalidDefinition, ...
            throw CliException.usage(e.error() + ": " + e.cause());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(TerminalText.escapeKeepingLines(CliJson.pretty(response)));
        out.flush();
        return "SUCCEEDED".equals(response.path("status").asText()) ? AslCli.EXIT_OK : AslCli.EXIT_NOT_SUCCEEDED;
    }

    /** A JSON option: its text, or @FILE's. */
    private JsonNode json(String option, String name) {
        if (option.startsWith("@")) {
            String file = option.substring(1);
            if (file.isEmpty()) {
                throw CliException.usage(name + " @FILE needs a file name");
            }
            return Inputs.parse(Inputs.read(file, parent.stdin(), name + " file"), name + " file " + file);
        }
        return Inputs.parse(option, name);
    }

    /** AWS's MockInput, whose result is JSON text; a result given as JSON itself is written as its text. */
    private static JsonNode mock(JsonNode mock) {
        if (mock.isObject() && mock.has("result") && !mock.get("result").isTextual()
                && !mock.get("result").isNull()) {
            ObjectNode copy = ((ObjectNode) mock).deepCopy();
            copy.put("result", Json.write(mock.get("result")));
            return copy;
        }
        return mock;
    }
}
