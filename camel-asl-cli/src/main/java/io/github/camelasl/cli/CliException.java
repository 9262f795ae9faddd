package io.github.camelasl.cli;

/**
 * A failure the CLI reports as is: the message (without the "asl: " prefix) goes to stderr, the exit code is
 * returned. Never shown with a stack trace.
 */
final class CliException extends RuntimeException {

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** Exit code 2: the definition, the input or the command line is wrong. */
    static CliException usage(String message) {
        return new CliException(AslCli.EXIT_INVALID, message);
    }

    int exitCode() {
        return exitCode;
    }
}
