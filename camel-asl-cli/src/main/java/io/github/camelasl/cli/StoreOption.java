package io.github.camelasl.cli;

import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.ExecutionStoreException;
import io.github.camelasl.store.SqliteExecutionStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --store DIR}: the folder of a durable execution store (SQLite), for the commands that need one. */
final class StoreOption {

    static final String DESCRIPTION = "the execution store folder (what 'asl run --store' wrote), locked while "
            + "in use";

    @Option(names = "--store", paramLabel = "DIR", required = true, description = DESCRIPTION)
    String folder;

    /** Opens the store, which must exist: reading or resuming an empty folder is a mistake, not a new store. */
    SqliteExecutionStore open() {
        return open(folder, false);
    }

    /** The execution {@code arn} in {@code store}; an unknown one is a usage error naming it. */
    ExecutionRecord find(ExecutionStore store, String arn) {
        return store.find(arn).orElseThrow(() -> CliException.usage("no execution " + arn + " in the store "
                + folder));
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
