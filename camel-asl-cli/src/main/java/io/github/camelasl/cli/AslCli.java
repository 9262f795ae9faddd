package io.github.camelasl.cli;

import io.github.camelasl.history.TerminalText;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code asl}: validates and runs Amazon States Language definitions on Apache Camel, locally.
 *
 * <p>Exit codes: 0 success (valid, or the execution SUCCEEDED), 1 the execution did not succeed (or an
 * unexpected error), 2 an invalid definition, input or command line. Errors are one line on stderr, never a
 * stack trace.
 */
@Command(name = "asl", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {ValidateCommand.class, RunCommand.class, TestCommand.class, TestStateCommand.class,
            ResumeCommand.class, ExecutionsCommand.class,
            ServeCommand.class, GraphCommand.class, CommandLine.HelpCommand.class},
        description = "Validate and run AWS Step Functions (Amazon States Language) state machines locally, "
                + "as Apache Camel routes.",
        footerHeading = "%nExit status:%n",
        footer = {"  0  valid / the execution SUCCEEDED",
            "  1  the execution FAILED, TIMED_OUT or was ABORTED",
            "  2  invalid definition, input or usage"})
public final class AslCli implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_NOT_SUCCEEDED = 1;
    static final int EXIT_INVALID = 2;

    private final InputStream stdin;

    @Spec
    CommandSpec spec;

    public AslCli() {
        this(System.in);
    }

    public AslCli(InputStream stdin) {
        this.stdin = stdin;
    }

    InputStream stdin() {
        return stdin;
    }

    /** {@code asl} alone: usage on stderr, exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("asl: missing command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_INVALID;
    }

    /** The command line, ready to execute, with the CLI's error handling. */
    public static CommandLine commandLine(InputStream stdin, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new AslCli(stdin));
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExpandAtFiles(false); // "--input @FILE" is ours, not picocli's argument file
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            String qualified = cmd.getCommandSpec().qualifiedName();
            cmd.getErr().println("asl: " + TerminalText.escape(Inputs.oneLine(ex.getMessage())) + " (see '" + qualified
                    + " --help')");
            cmd.getErr().flush();
            return EXIT_INVALID;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            int code = report(ex, cmd.getErr());
            cmd.getErr().flush();
            return code;
        });
        return cli;
    }

    /** Runs the CLI in process: the exit code, with everything printed to {@code out} and {@code err}. */
    public static int execute(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        try {
            return commandLine(stdin, out, err).execute(args);
        } catch (Throwable t) { // picocli hands on Errors; they too end as one line
            return report(t, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static int report(Throwable t, PrintWriter err) {
        if (t instanceof CliException e) {
            err.println("asl: " + e.getMessage()); // escaped when it was made
            return e.exitCode();
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root
                && (root.getMessage() == null || root instanceof java.util.concurrent.ExecutionException
                        || root instanceof java.util.concurrent.CompletionException)) {
            root = root.getCause();
        }
        if (root instanceof CliException e) {
            err.println("asl: " + e.getMessage()); // escaped when it was made
            return e.exitCode();
        }
        if (root instanceof io.github.camelasl.store.UnreadableRecordException e) {
            // an execution the store cannot read back: its message names it and what is wrong
            err.println("asl: " + TerminalText.escape(Inputs.oneLine(e.getMessage())));
            return EXIT_NOT_SUCCEEDED;
        }
        String message = root.getMessage() == null ? "" : ": " + TerminalText.escape(Inputs.oneLine(root.getMessage()));
        err.println("asl: unexpected error: " + root.getClass().getSimpleName() + message);
        return EXIT_NOT_SUCCEEDED;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
        int code = execute(args, System.in, out, err);
        System.exit(code);
    }
}
