package io.github.camelasl.cli;

import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.ExecutionStoreException;
import io.github.camelasl.store.SqliteExecutionStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * {@code --store DIR}: the folder of a durable execution store (SQLite), for the commands that need one; by default
 * the {@value #ENVIRONMENT} environment variable's, so that it need not be repeated.
 */
final class StoreOption {

    static final String ENVIRONMENT = "ASL_STORE";

    static final String DESCRIPTION = "the execution store folder (what 'asl run --store' wrote), locked while "
            + "in use; default: the " + ENVIRONMENT + " environment variable";

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "${env:" + ENVIRONMENT + "}",
            description = DESCRIPTION)
    String folder;

    /** The {@value #ENVIRONMENT} environment variable's folder, or null when it is not set or empty. */
    static String fromEnvironment() {
        String folder = System.getenv(ENVIRONMENT);
        return folder == null || folder.isEmpty() ? null : folder;
    }

    /** Opens the store, which must exist: reading or resuming an empty folder is a mistake, not a new store. */
    SqliteExecutionStore open() {
        if (folder == null || folder.isEmpty()) {
            throw CliException.usage("missing --store DIR (or the " + ENVIRONMENT + " environment variable): the "
                    + "execution store folder");
        }
        return open(folder, false);
    }

    /**
     * The execution of ARN or name {@code execution} in {@code store}. A name is unique per state machine, as in AWS:
     * one that executions of several state machines have is a usage error listing their ARNs, as is an unknown one.
     */
    ExecutionRecord find(ExecutionStore store, String execution) {
        Optional<ExecutionRecord> byArn = store.find(execution);
        if (byArn.isPresent()) {
            return byArn.get();
        }
        List<ExecutionRecord> named = store.findByName(execution);
        if (named.size() > 1) {
            throw CliException.usage("the name " + execution + " is ambiguous: executions of " + named.size()
                    + " state machines in the store " + folder + " have it; give the ARN of one: " + named.stream()
                            .map(ExecutionRecord::executionArn).collect(Collectors.joining(", ")));
        }
        if (named.isEmpty()) {
            throw CliException.usage("no execution " + execution + " in the store " + folder);
        }
        return named.get(0);
    }

    /** Opens the store in {@code folder}, creating it when {@code create}; problems are usage errors (exit 2). */
    static SqliteExecutionStore open(String folder, boolean create) {
        Path path;
        try {
            path = Path.of(folder);
        } catch (InvalidPathException e) {
            throw CliException.usage("cannot use --store " + folder + ": " + Inputs.oneLine(e.getMessage()));
        }
        if (!create && !Files.isDirectory(path)) {
            throw CliException.usage("no execution store " + folder + ": no such folder");
        }
        if (!create && !Files.isRegularFile(path.resolve(SqliteExecutionStore.FILE_NAME))) {
            throw CliException.usage("no execution store in " + folder + ": it holds no "
                    + SqliteExecutionStore.FILE_NAME);
        }
        try {
            return SqliteExecutionStore.open(path);
        } catch (ExecutionStoreException e) {
            throw CliException.usage(Inputs.oneLine(e.getMessage()));
        }
    }
}
