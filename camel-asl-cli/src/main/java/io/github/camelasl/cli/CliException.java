package io.github.camelasl.cli;

import java.util.List;
import io.github.camelasl.history.TerminalText;

/**
 * A failure the CLI reports as is: the message (without the "asl: " prefix) goes to stderr, the exit code is
 * returned. Never shown with a stack trace. The message may quote a name, a file or a definition's text: its control
 * characters are escaped (TerminalText) when it is made, so it is one line, or the lines {@link #usage(String, List)}
 * was given.
 */
final class CliException extends RuntimeException {

    private final int exitCode;

    CliException(int exitCode, String message) {
        this(exitCode, TerminalText.escape(message), true);
    }

    private CliException(int exitCode, String escapedMessage, boolean escaped) {
        super(escapedMessage, null, false, false);
        this.exitCode = exitCode;
    }

    /** Exit code 2: the definition, the input or the command line is wrong. */
    static CliException usage(String message) {
        return new CliException(AslCli.EXIT_INVALID, message);
    }

    /** Exit code 2, with a headline and one indented line per problem. */
    static CliException usage(String headline, List<String> problems) {
        StringBuilder message = new StringBuilder(TerminalText.escape(headline));
        for (String problem : problems) {
            message.append("\n  ").append(TerminalText.escape(problem));
        }
        return new CliException(AslCli.EXIT_INVALID, message.toString(), true);
    }

    int exitCode() {
        return exitCode;
    }
}
