package io.github.camelasl.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.history.HistoryEvent;
import io.github.camelasl.history.TerminalText;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sqlite.SQLiteConfig;

/**
 * The embedded durable store: one SQLite file ({@value #FILE_NAME}) in a folder. Every write is committed with
 * {@code synchronous=FULL} (the write-ahead log is on disk before a checkpoint returns), so a state transition
 * survives a crash of the JVM or of the machine once the engine has moved on from it.
 *
 * <p>One writer thread owns the connection and commits in groups: whatever executions queued while the last
 * commit was syncing goes into the next transaction, so many executions share one disk sync, while each waits
 * only for its own. Reads go through the same thread, so they see every write queued before them.
 *
 * <p>The folder is locked ({@value #LOCK_NAME}) for as long as the store is open: two applications resuming
 * the same executions would run them twice. The SQL is plain (upserts by {@code ON CONFLICT}, no SQLite-only
 * types), so a PostgreSQL store can follow behind the same interface.
 */
public final class SqliteExecutionStore implements ExecutionStore {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SqliteExecutionStore.class);

    public static final String FILE_NAME = "executions.db";
    public static final String LOCK_NAME = "executions.lock";
    /** Deferred checkpoints queued beyond this make their callers wait (see checkpointDeferred). */
    private static final int MAX_QUEUED = 10_000;
    /** The schema this code writes; a store file of a newer one is refused, an older one is migrated. */
    public static final int SCHEMA_VERSION = 15;

    private static final String[] SCHEMA_V1 = {
        "CREATE TABLE definitions (hash TEXT PRIMARY KEY, definition TEXT NOT NULL)",
        "CREATE TABLE executions (execution_arn TEXT PRIMARY KEY, state_machine_arn TEXT NOT NULL, "
                + "name TEXT NOT NULL, status TEXT NOT NULL, input TEXT NOT NULL, output TEXT, error TEXT, "
                + "cause TEXT, start_date BIGINT NOT NULL, stop_date BIGINT, definition_hash TEXT)",
        "CREATE INDEX executions_by_status ON executions (status, state_machine_arn)",
        "CREATE TABLE events (execution_arn TEXT NOT NULL, id BIGINT NOT NULL, type TEXT NOT NULL, "
                + "event TEXT NOT NULL, PRIMARY KEY (execution_arn, id))",
        "CREATE TABLE checkpoints (execution_arn TEXT PRIMARY KEY, state_name TEXT NOT NULL, input TEXT NOT NULL, "
                + "last_event_id BIGINT NOT NULL, variables TEXT, wait_until BIGINT)",
    };

    /** Version 2: RedriveExecution's count and date. */
    private static final String[] SCHEMA_V2 = {
        "ALTER TABLE executions ADD COLUMN redrive_count INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE executions ADD COLUMN redrive_date BIGINT",
    };

    /** Version 3: step caching's results. */
    private static final String[] SCHEMA_V3 = {
        "CREATE TABLE step_results (cache_key TEXT PRIMARY KEY, state_machine_arn TEXT NOT NULL, "
                + "state_name TEXT NOT NULL, result TEXT NOT NULL, recorded BIGINT NOT NULL)",
    };

    /** Version 4: the task token a Task waits for (.waitForTaskToken), so the wait survives a restart. */
    private static final String[] SCHEMA_V4 = {
        "ALTER TABLE checkpoints ADD COLUMN task_token TEXT",
    };

    /**
     * Version 5: the attempts of a state being retried (its back-off survives a restart), and the outputs of a
     * failed Parallel's or Map's runs that succeeded, which a redrive keeps.
     */
    private static final String[] SCHEMA_V5 = {
        "ALTER TABLE checkpoints ADD COLUMN retry_attempts TEXT",
        "ALTER TABLE checkpoints ADD COLUMN succeeded_runs TEXT",
    };

    /** Version 6: executions found by name (the CLI's ARN|NAME) without reading the whole table. */
    private static final String[] SCHEMA_V6 = {
        "CREATE INDEX IF NOT EXISTS executions_by_name ON executions (name)",
    };

    /**
     * Version 7: the state machines created through the Step Functions API, their definitions kept by hash as the
     * executions' are (versions, when they come, get a table of their own by ARN and number).
     */
    private static final String[] SCHEMA_V7 = {
        "CREATE TABLE state_machines (state_machine_arn TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, "
                + "role_arn TEXT NOT NULL, definition_hash TEXT NOT NULL, creation_date BIGINT NOT NULL, "
                + "update_date BIGINT)",
    };

    /**
     * Version 8: the versions of those state machines (their definitions by hash too), the highest number each gave
     * (a deleted version's number is not given again), and their aliases with their routing as JSON.
     */
    private static final String[] SCHEMA_V8 = {
        "CREATE TABLE state_machine_versions (state_machine_arn TEXT NOT NULL, number INTEGER NOT NULL, "
                + "definition_hash TEXT NOT NULL, role_arn TEXT NOT NULL, description TEXT, "
                + "creation_date BIGINT NOT NULL, PRIMARY KEY (state_machine_arn, number))",
        "CREATE TABLE state_machine_version_numbers (state_machine_arn TEXT PRIMARY KEY, "
                + "last_number INTEGER NOT NULL)",
        "CREATE TABLE state_machine_aliases (state_machine_arn TEXT NOT NULL, name TEXT NOT NULL, description TEXT, "
                + "routing TEXT NOT NULL, creation_date BIGINT NOT NULL, update_date BIGINT NOT NULL, "
                + "PRIMARY KEY (state_machine_arn, name))",
    };

    /**
     * Version 9: the version and alias an execution was started through (StartExecution on a version or alias ARN),
     * for DescribeExecution, and for ListExecutions of a version or alias.
     */
    private static final String[] SCHEMA_V9 = {
        "CREATE TABLE executions_started_through (execution_arn TEXT PRIMARY KEY, version_arn TEXT NOT NULL, "
                + "alias_arn TEXT)",
    };

    /**
     * Version 10: the activities created through the Step Functions API, and the tags of its state machines and
     * activities (each resource's as a JSON array of {"key", "value"}, in their order).
     */
    private static final String[] SCHEMA_V10 = {
        "CREATE TABLE activities (activity_arn TEXT PRIMARY KEY, name TEXT NOT NULL, creation_date BIGINT NOT NULL)",
        "CREATE TABLE resource_tags (resource_arn TEXT PRIMARY KEY, tags TEXT NOT NULL)",
    };

    /**
     * Version 11: ListExecutions' pages (a state machine's executions, newest first, of one status or all) read from
     * an index, however many executions the store holds.
     */
    private static final String[] SCHEMA_V11 = {
        "CREATE INDEX IF NOT EXISTS executions_by_machine ON executions (state_machine_arn, start_date, "
                + "execution_arn)",
        "CREATE INDEX IF NOT EXISTS executions_by_machine_status ON executions (state_machine_arn, status, "
                + "start_date, execution_arn)",
    };

    /**
     * Version 12: the state machines DeleteStateMachine waits to delete until their running executions end (a
     * restart resumes those, then deletes them).
     */
    private static final String[] SCHEMA_V12 = {
        "CREATE TABLE IF NOT EXISTS state_machines_deleting (state_machine_arn TEXT PRIMARY KEY)",
    };

    /**
     * Version 13: ListExecutions of a version or alias ARN reads the executions started through it from an index,
     * not every execution of the store.
     */
    private static final String[] SCHEMA_V13 = {
        "CREATE INDEX IF NOT EXISTS executions_started_through_version ON executions_started_through (version_arn)",
        "CREATE INDEX IF NOT EXISTS executions_started_through_alias ON executions_started_through (alias_arn)",
    };

    /**
     * Version 14: the console's queries. The state a failed execution failed in; the list of every state machine's
     * executions newest first (its index also counts them by state machine and status over a time range without
     * reading the rows), by status, and by stop date (of a status: the failures of a time range). The index by status
     * and state machine gives way to the one by status and start date: a state machine's RUNNING executions are found
     * by executions_by_machine_status.
     */
    private static final String[] SCHEMA_V14 = {
        "ALTER TABLE executions ADD COLUMN failed_state TEXT",
        "DROP INDEX IF EXISTS executions_by_status",
        "CREATE INDEX IF NOT EXISTS executions_by_start ON executions (start_date, execution_arn, state_machine_arn, "
                + "status)",
        "CREATE INDEX IF NOT EXISTS executions_by_status_start ON executions (status, start_date, execution_arn)",
        "CREATE INDEX IF NOT EXISTS executions_by_stop ON executions (stop_date, execution_arn)",
        "CREATE INDEX IF NOT EXISTS executions_by_status_stop ON executions (status, stop_date, execution_arn)",
    };

    /** Version 15: Distributed Map runs (DescribeMapRun's shape as JSON), found by ARN and by execution. */
    private static final String[] SCHEMA_V15 = {
        "CREATE TABLE IF NOT EXISTS map_runs (map_run_arn TEXT PRIMARY KEY, execution_arn TEXT NOT NULL, "
                + "start_date BIGINT NOT NULL, body TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS map_runs_by_execution ON map_runs (execution_arn, start_date)",
    };

    private final Path folder;
    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Connection connection;
    private final BlockingQueue<Work<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    /** Set once work is no longer taken; {@code closing} picks the one close() that does it. */
    private volatile boolean closed;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closedLatch = new CountDownLatch(1);

    /** Executions a commit failed for (a deferred boundary among them): see commit(). */
    private final Map<String, ExecutionStoreException> failedExecutions = new ConcurrentHashMap<>();
    /** The recorders holding events not yet committed, so that complete() commits them with the end. */
    private final Map<String, BoundaryRecorder> pendingByArn = new ConcurrentHashMap<>();

    private PreparedStatement insertEvent;
    private PreparedStatement upsertCheckpoint;

    /**
     * A history event as the events table holds it: rendered before it reaches the writer thread, or, in a
     * boundary with many events, by the writer as it inserts it (see BoundaryRecorder.drain).
     */
    private record StoredEvent(long id, String type, String json, HistoryEvent unrendered) {

        static StoredEvent of(HistoryEvent event) {
            return new StoredEvent(event.id(), event.type(), Json.write(event.render()), null);
        }

        static StoredEvent later(HistoryEvent event) {
            return new StoredEvent(event.id(), event.type(), null, event);
        }

        String text() {
            return json != null ? json : Json.write(unrendered.render());
        }
    }

    /**
     * Boundaries with more events than this leave their rendering to the writer thread, one event at a time: a Map
     * over a million items ends with 4 million, whose text all at once took a 1 GiB heap down.
     */
    private static final int RENDERED_BY_WRITER_ABOVE = 1_000;

    /** A unit of work for the writer thread; {@code result} completes once its transaction is committed. */
    private record Work<T>(String executionArn, SqlWork<T> work, CompletableFuture<T> result) {
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Opens (creating if needed) the store in {@code folder}.
     *
     * @throws ExecutionStoreException naming the folder or file, when it is in use by another process, is not a
     *                                 SQLite database, is of a newer schema, or cannot be written
     */
    public static SqliteExecutionStore open(Path folder) {
        return new SqliteExecutionStore(folder, Map.of());
    }

    /**
     * Opens the store with extra SQLite PRAGMAs for its connection, e.g. {@code cache_size}, or
     * {@code max_page_count} to cap the file's size (a write beyond it fails as a full disk does).
     */
    public static SqliteExecutionStore open(Path folder, Map<String, String> pragmas) {
        return new SqliteExecutionStore(folder, pragmas);
    }

    private SqliteExecutionStore(Path folder, Map<String, String> pragmas) {
        this.folder = folder.toAbsolutePath().normalize();
        this.file = this.folder.resolve(FILE_NAME);
        try {
            Files.createDirectories(this.folder);
        } catch (IOException e) {
            throw new ExecutionStoreException("Cannot create the execution store folder " + this.folder + ": " + e,
                    e);
        }
        Path lockFile = this.folder.resolve(LOCK_NAME);
        FileLock acquired = null;
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            acquired = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null; // this JVM holds it already: another store is open on the folder
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ExecutionStoreException("Cannot lock the execution store folder " + this.folder + " ("
                    + lockFile + "): " + e, e);
        }
        if (acquired == null) {
            closeQuietly(channel);
            throw new ExecutionStoreException("The execution store " + this.folder + " is in use by another store "
                    + "or process (" + lockFile + " is locked): two engines resuming the same executions would run "
                    + "them twice");
        }
        this.lockChannel = channel;
        this.lock = acquired;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setGetGeneratedKeys(false); // no keys are read back: saves a query per insert
            this.connection = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
            try (Statement s = connection.createStatement()) {
                // WAL: readers never block the writer; FULL: a commit is on disk when it returns
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
                for (Map.Entry<String, String> pragma : pragmas.entrySet()) {
                    if (!pragma.getKey().matches("[a-z_]+") || !pragma.getValue().matches("[A-Za-z0-9_-]+")) {
                        throw new SQLException("not a PRAGMA: " + pragma.getKey() + "=" + pragma.getValue());
                    }
                    s.execute("PRAGMA " + pragma.getKey() + "=" + pragma.getValue());
                }
            }
            migrate();
            connection.setAutoCommit(false);
            prepareStatements();
        } catch (SQLException e) {
            releaseLock();
            throw new ExecutionStoreException(describe(e), e);
        }
        writer = new Thread(this::writeLoop, "asl-store-writer " + this.folder.getFileName());
        writer.setDaemon(true);
        writer.start();
    }

    /** The statements every boundary runs, prepared once (and again after a failed commit closed them). */
    private void prepareStatements() throws SQLException {
        for (PreparedStatement old : new PreparedStatement[] {insertEvent, upsertCheckpoint}) {
            if (old != null) {
                try {
                    old.close();
                } catch (SQLException e) {
                    // already closed by the failure
                }
            }
        }
        insertEvent = connection.prepareStatement(
                "INSERT INTO events (execution_arn, id, type, event) VALUES (?, ?, ?, ?)");
        upsertCheckpoint = connection.prepareStatement("INSERT INTO checkpoints (execution_arn, state_name, "
                + "input, last_event_id, variables, wait_until, task_token, retry_attempts, succeeded_runs) VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (execution_arn) DO UPDATE SET "
                + "state_name = excluded.state_name, input = excluded.input, "
                + "last_event_id = excluded.last_event_id, variables = excluded.variables, "
                + "wait_until = excluded.wait_until, task_token = excluded.task_token, "
                + "retry_attempts = excluded.retry_attempts, succeeded_runs = excluded.succeeded_runs");
    }

    /** Creates the schema in a new file, checks the version of an existing one. */
    private void migrate() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version = 0;
            try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                if (rs.next()) {
                    version = rs.getInt(1);
                }
            }
            if (version > SCHEMA_VERSION) {
                throw new SQLException("schema version " + version + " is newer than the " + SCHEMA_VERSION
                        + " this Camel ASL reads; open it with the release that wrote it");
            }
            // each step in a transaction of its own, so a file is always at one version or the next
            String[][] steps = {SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7,
                SCHEMA_V8, SCHEMA_V9, SCHEMA_V10, SCHEMA_V11, SCHEMA_V12, SCHEMA_V13, SCHEMA_V14,
                SCHEMA_V15};
            for (int next = version + 1; next <= SCHEMA_VERSION; next++) {
                connection.setAutoCommit(false);
                for (String ddl : steps[next - 1]) {
                    s.execute(ddl);
                }
                s.execute("INSERT INTO schema_version (version) VALUES (" + next + ")");
                connection.commit();
                connection.setAutoCommit(true);
            }
        }
    }

    public Path folder() {
        return folder;
    }

    @Override
    public boolean durable() {
        return true;
    }

    // --- writes ---

    @Override
    public ExecutionRecord create(ExecutionRecord record) {
        return await(submit(c -> {
            Optional<ExecutionRecord> existing = selectExecution(c, record.executionArn());
            if (existing.isPresent()) {
                return existing.get();
            }
            String hash = record.definition() == null ? null : putDefinition(c, record.definition());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO executions (execution_arn, "
                    + "state_machine_arn, name, status, input, output, error, cause, start_date, stop_date, "
                    + "definition_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, record.executionArn());
                ps.setString(2, record.stateMachineArn());
                ps.setString(3, record.name());
                ps.setString(4, record.status().name());
                ps.setString(5, Json.write(record.input()));
                setJson(ps, 6, record.output());
                ps.setString(7, record.error());
                ps.setString(8, record.cause());
                ps.setLong(9, record.startDate().toEpochMilli());
                setInstant(ps, 10, record.stopDate());
                ps.setString(11, hash);
                ps.executeUpdate();
            }
            return record;
        }));
    }

    /**
     * An execution's boundaries, each committed whole: the history events since the last boundary go into the
     * same transaction as the checkpoint (or the end) that follows them. A crash then leaves the store at a
     * boundary, never between a state's StateExited and the checkpoint of the state after it, so a resumed
     * execution neither records a state twice nor misses one. Events in between (a running state's, a running
     * Parallel's or Map's) wait here, in memory, until that boundary.
     */
    @Override
    public Recorder recorder(String executionArn) {
        return new BoundaryRecorder(executionArn);
    }

    private final class BoundaryRecorder implements Recorder {
        private final String executionArn;
        private List<HistoryEvent> pending = new ArrayList<>(); // guarded by this

        BoundaryRecorder(String executionArn) {
            this.executionArn = executionArn;
        }

        @Override
        public synchronized void appendEvent(HistoryEvent event) {
            if (pending.isEmpty()) {
                pendingByArn.put(executionArn, this); // so that complete() finds the events before the end
            }
            pending.add(event);
        }

        /**
         * The events since the last boundary, rendered here, on the execution's thread, not the writer's; when there
         * are many, a view the writer renders one event at a time as it inserts them.
         */
        synchronized List<StoredEvent> drain() {
            if (pending.isEmpty()) {
                return List.of();
            }
            List<HistoryEvent> drained = pending;
            pending = new ArrayList<>();
            pendingByArn.remove(executionArn, this);
            if (drained.size() > RENDERED_BY_WRITER_ABOVE) {
                return new java.util.AbstractList<>() {
                    @Override
                    public StoredEvent get(int index) {
                        return StoredEvent.later(drained.get(index));
                    }

                    @Override
                    public int size() {
                        return drained.size();
                    }
                };
            }
            List<StoredEvent> rendered = new ArrayList<>(drained.size());
            for (HistoryEvent event : drained) {
                rendered.add(StoredEvent.of(event));
            }
            return rendered;
        }

        @Override
        public void checkpoint(Checkpoint checkpoint) {
            write(checkpoint, true);
        }

        @Override
        public void checkpointDeferred(Checkpoint checkpoint) {
            // not awaited, unless the writer is this far behind: then the caller waits, so the queue stays bounded
            write(checkpoint, queue.size() > MAX_QUEUED);
        }

        private void write(Checkpoint checkpoint, boolean await) {
            if (!Checkpoint.TOP.equals(checkpoint.scope())) {
                return; // a Parallel branch or Map iteration: its Parallel or Map state runs again after a restart
            }
            List<StoredEvent> events = drain();
            String input = Json.writeHandedOn(checkpoint.input());
            String variables = checkpoint.variables() == null ? null : Json.write(checkpoint.variables());
            String retryAttempts = checkpoint.retryAttempts() == null ? null : Json.write(checkpoint.retryAttempts());
            String succeededRuns = checkpoint.succeededRuns() == null ? null : Json.write(checkpoint.succeededRuns());
            CompletableFuture<Object> committed = submit(executionArn, c -> {
                insertEvents(executionArn, events);
                upsertCheckpoint.setString(1, executionArn);
                upsertCheckpoint.setString(2, checkpoint.stateName());
                upsertCheckpoint.setString(3, input);
                upsertCheckpoint.setLong(4, checkpoint.lastEventId());
                upsertCheckpoint.setString(5, variables);
                setInstant(upsertCheckpoint, 6, checkpoint.waitUntil());
                upsertCheckpoint.setString(7, checkpoint.taskToken());
                upsertCheckpoint.setString(8, retryAttempts);
                upsertCheckpoint.setString(9, succeededRuns);
                upsertCheckpoint.executeUpdate();
                return null;
            });
            if (await) {
                await(committed);
            }
        }
    }

    private void insertEvents(String executionArn, List<StoredEvent> events) throws SQLException {
        for (StoredEvent event : events) {
            insertEvent.setString(1, executionArn);
            insertEvent.setLong(2, event.id());
            insertEvent.setString(3, event.type());
            insertEvent.setString(4, event.text());
            insertEvent.executeUpdate();
        }
    }

    /** Commits the checkpoint with the events its execution's recorder holds, as the recorder does. */
    @Override
    public void checkpoint(String executionArn, Checkpoint checkpoint) {
        BoundaryRecorder recorder = pendingByArn.get(executionArn);
        (recorder != null ? recorder : new BoundaryRecorder(executionArn)).checkpoint(checkpoint);
    }

    /** Committed at once, on its own: for callers outside an execution's boundaries. */
    @Override
    public void appendEvent(String executionArn, HistoryEvent event) {
        StoredEvent rendered = StoredEvent.of(event);
        await(submit(executionArn, c -> {
            insertEvents(executionArn, List.of(rendered));
            return null;
        }));
    }

    /** The end, with the events before it (the last StateExited, ExecutionSucceeded) in one transaction. */
    @Override
    public void complete(ExecutionRecord finished) {
        BoundaryRecorder recorder = pendingByArn.get(finished.executionArn());
        List<StoredEvent> events = recorder == null ? List.of() : recorder.drain();
        await(submit(finished.executionArn(), c -> {
            insertEvents(finished.executionArn(), events);
            String failedState = ExecutionListing.failed(finished.status())
                    ? lastStateEntered(c, finished.executionArn()) : null;
            try (PreparedStatement ps = c.prepareStatement("UPDATE executions SET status = ?, output = ?, "
                    + "error = ?, cause = ?, stop_date = ?, failed_state = ? WHERE execution_arn = ?")) {
                ps.setString(1, finished.status().name());
                setJson(ps, 2, finished.output());
                ps.setString(3, finished.error());
                ps.setString(4, finished.cause());
                setInstant(ps, 5, finished.stopDate());
                ps.setString(6, failedState);
                ps.setString(7, finished.executionArn());
                ps.executeUpdate();
            }
            if (finished.status() == ExecutionStatus.SUCCEEDED) {
                // kept otherwise: a redrive goes on from it
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM checkpoints WHERE execution_arn = ?")) {
                    ps.setString(1, finished.executionArn());
                    ps.executeUpdate();
                }
            }
            return null;
        }));
    }

    /**
     * The name of the last state an execution's history shows entering: read backwards along the events' primary key
     * (execution, id), so only its events after that state's entry are read. Null when there is none or it is
     * unreadable (a failed execution is listed without it, never refused its end).
     */
    private static String lastStateEntered(Connection c, String executionArn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT event FROM events WHERE execution_arn = ? "
                + "AND type LIKE '%StateEntered' ORDER BY id DESC LIMIT 1")) {
            ps.setString(1, executionArn);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                try {
                    return ExecutionListing.failedStateOf(List.of(Json.parse(rs.getString(1))));
                } catch (JsonProcessingException e) {
                    return null;
                }
            }
        }
    }

    @Override
    public void discardUncommitted(String executionArn) {
        BoundaryRecorder recorder = pendingByArn.get(executionArn);
        if (recorder != null) {
            recorder.drain(); // the events after its last committed boundary: the refused payload may be among them
        }
        // on the writer thread: its writes queued before this one are refused still, as they would leave a gap
        await(submit(c -> {
            failedExecutions.remove(executionArn);
            return null;
        }));
    }

    @Override
    public Optional<ExecutionRecord> redrive(String executionArn, Instant redriveDate) {
        return await(submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE executions SET status = 'RUNNING', output = NULL, "
                    + "error = NULL, cause = NULL, stop_date = NULL, failed_state = NULL, redrive_count = redrive_count + 1, "
                    + "redrive_date = ? WHERE execution_arn = ? AND status IN ('FAILED', 'TIMED_OUT', 'ABORTED')")) {
                ps.setLong(1, redriveDate.toEpochMilli());
                ps.setString(2, executionArn);
                if (ps.executeUpdate() == 0) {
                    return Optional.<ExecutionRecord>empty();
                }
            }
            return selectExecution(c, executionArn);
        }));
    }

    @Override
    public void cacheResult(String key, String stateMachineArn, String stateName, JsonNode result) {
        String text = Json.write(result);
        long now = System.currentTimeMillis();
        // queued with the execution's next boundary: a result is cached once the step that made it is committed
        submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO step_results (cache_key, state_machine_arn, "
                    + "state_name, result, recorded) VALUES (?, ?, ?, ?, ?) ON CONFLICT (cache_key) DO UPDATE SET "
                    + "result = excluded.result, recorded = excluded.recorded")) {
                ps.setString(1, key);
                ps.setString(2, stateMachineArn);
                ps.setString(3, stateName);
                ps.setString(4, text);
                ps.setLong(5, now);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<JsonNode> cachedResult(String key) {
        return await(submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT result FROM step_results WHERE cache_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(parse(rs.getString(1), "the cached result " + key))
                            : Optional.<JsonNode>empty();
                }
            }
        }));
    }

    @Override
    public void putStateMachine(StoredStateMachine stateMachine) {
        await(submit(c -> {
            String hash = putDefinition(c, stateMachine.definition());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO state_machines (state_machine_arn, name, "
                    + "type, role_arn, definition_hash, creation_date, update_date) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (state_machine_arn) DO UPDATE SET name = excluded.name, type = excluded.type, "
                    + "role_arn = excluded.role_arn, definition_hash = excluded.definition_hash, "
                    + "creation_date = excluded.creation_date, update_date = excluded.update_date")) {
                ps.setString(1, stateMachine.stateMachineArn());
                ps.setString(2, stateMachine.name());
                ps.setString(3, stateMachine.type());
                ps.setString(4, stateMachine.roleArn());
                ps.setString(5, hash);
                ps.setLong(6, stateMachine.creationDate().toEpochMilli());
                setInstant(ps, 7, stateMachine.updateDate());
                ps.executeUpdate();
            }
            return null;
        }));
    }

    @Override
    public void deleteStateMachine(String stateMachineArn) {
        await(submit(c -> {
            for (String table : List.of("state_machines", "state_machine_versions", "state_machine_version_numbers",
                    "state_machine_aliases", "state_machines_deleting")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
                        + " WHERE state_machine_arn = ?")) {
                    ps.setString(1, stateMachineArn);
                    ps.executeUpdate();
                }
            }
            return null;
        }));
    }

    @Override
    public void markStateMachineDeleting(String stateMachineArn) {
        await(submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO state_machines_deleting (state_machine_arn) "
                    + "VALUES (?) ON CONFLICT (state_machine_arn) DO NOTHING")) {
                ps.setString(1, stateMachineArn);
                ps.executeUpdate();
            }
            return null;
        }));
    }

    @Override
    public java.util.Set<String> deletingStateMachines() {
        return await(submit(c -> {
            java.util.Set<String> out = new java.util.HashSet<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT state_machine_arn FROM state_machines_deleting")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }));
    }

    /** Oldest first; one whose definition is lost is left out, with a WARN naming it (its executions stay). */
    @Override
    public List<StoredStateMachine> stateMachines() {
        return await(submit(c -> {
            List<StoredStateMachine> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT m.state_machine_arn, "
                    + "m.name, m.type, m.role_arn, d.definition, m.creation_date, m.update_date, m.definition_hash "
                    + "FROM state_machines m LEFT JOIN definitions d ON d.hash = m.definition_hash "
                    + "ORDER BY m.creation_date, m.state_machine_arn")) {
                while (rs.next()) {
                    if (rs.getString(5) == null) {
                        LOG.warn("State machine {} is left out: no row of the definitions table has its definition's "
                                + "hash {}", TerminalText.escape(rs.getString(1)), rs.getString(8));
                        continue;
                    }
                    long updated = rs.getLong(7);
                    Instant updateDate = rs.wasNull() ? null : Instant.ofEpochMilli(updated);
                    out.add(new StoredStateMachine(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), updateDate));
                }
            }
            return out;
        }));
    }

    @Override
    public void putActivity(StoredActivity activity) {
        await(submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO activities (activity_arn, name, "
                    + "creation_date) VALUES (?, ?, ?) ON CONFLICT (activity_arn) DO UPDATE SET name = excluded.name, "
                    + "creation_date = excluded.creation_date")) {
                ps.setString(1, activity.activityArn());
                ps.setString(2, activity.name());
                ps.setLong(3, activity.creationDate().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        }));
    }

    @Override
    public void deleteActivity(String activityArn) {
        deleteByKey("activities", "activity_arn", activityArn);
    }

    @Override
    public List<StoredActivity> activities() {
        return await(submit(c -> {
            List<StoredActivity> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT activity_arn, name, "
                    + "creation_date FROM activities ORDER BY creation_date, activity_arn")) {
                while (rs.next()) {
                    out.add(new StoredActivity(rs.getString(1), rs.getString(2),
                            Instant.ofEpochMilli(rs.getLong(3))));
                }
            }
            return out;
        }));
    }

    @Override
    public void putTags(String resourceArn, Map<String, String> tags) {
        com.fasterxml.jackson.databind.node.ArrayNode list = Json.NODES.arrayNode();
        tags.forEach((key, value) -> list.addObject().put("key", key).put("value", value));
        String json = list.toString();
        await(submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO resource_tags (resource_arn, tags) VALUES "
                    + "(?, ?) ON CONFLICT (resource_arn) DO UPDATE SET tags = excluded.tags")) {
                ps.setString(1, resourceArn);
                ps.setString(2, json);
                ps.executeUpdate();
            }
            return null;
        }));
    }

    @Override
    public void deleteTags(String resourceArn) {
        deleteByKey("resource_tags", "resource_arn", resourceArn);
    }

    /** Every resource's tags; a row that is not a list of {"key", "value"} is left out, with a WARN naming it. */
    @Override
    public Map<String, Map<String, String>> tags() {
        return await(submit(c -> {
            Map<String, Map<String, String>> out = new java.util.LinkedHashMap<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT resource_arn, tags FROM resource_tags")) {
                while (rs.next()) {
                    Map<String, String> tags = readTags(rs.getString(2));
                    if (tags == null) {
                        LOG.warn("The tags of {} are left out: they are not a list of key and value objects",
                                TerminalText.escape(rs.getString(1)));
                    } else {
                        out.put(rs.getString(1), tags);
                    }
                }
            }
            return out;
        }));
    }

    @Override
    public void putMapRun(StoredMapRun mapRun) {
        String body = mapRun.toJsonText();
        await(submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO map_runs (map_run_arn, execution_arn, "
                    + "start_date, body) VALUES (?, ?, ?, ?) ON CONFLICT (map_run_arn) DO UPDATE SET "
                    + "body = excluded.body")) {
                ps.setString(1, mapRun.mapRunArn());
                ps.setString(2, mapRun.executionArn());
                ps.setLong(3, mapRun.startDate().toEpochMilli());
                ps.setString(4, body);
                ps.executeUpdate();
            }
            return null;
        }));
    }

    @Override
    public Optional<StoredMapRun> mapRun(String mapRunArn) {
        List<StoredMapRun> found = readMapRuns("SELECT map_run_arn, body FROM map_runs WHERE map_run_arn = ?",
                mapRunArn);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<StoredMapRun> mapRuns(String executionArn) {
        return readMapRuns("SELECT map_run_arn, body FROM map_runs WHERE execution_arn = ? ORDER BY start_date, "
                + "map_run_arn", executionArn);
    }

    /** The map runs a query finds; a row that is not one putMapRun wrote is left out, with a WARN naming it. */
    private List<StoredMapRun> readMapRuns(String query, String key) {
        return await(submit(c -> {
            List<StoredMapRun> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(query)) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StoredMapRun run = StoredMapRun.fromJsonText(rs.getString(2));
                        if (run == null) {
                            LOG.warn("The map run {} is left out: its row is not a map run's JSON",
                                    TerminalText.escape(rs.getString(1)));
                        } else {
                            out.add(run);
                        }
                    }
                }
            }
            return out;
        }));
    }

    /** A resource's tags as putTags wrote them, or null when the text is not that. */
    private static Map<String, String> readTags(String json) {
        JsonNode list;
        try {
            list = Json.parse(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
        if (!list.isArray()) {
            return null;
        }
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        for (JsonNode tag : list) {
            if (!tag.path("key").isTextual() || !tag.path("value").isTextual()) {
                return null;
            }
            tags.put(tag.get("key").textValue(), tag.get("value").textValue());
        }
        return tags;
    }

    private void deleteByKey(String table, String keyColumn, String key) {
        await(submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + keyColumn
                    + " = ?")) {
                ps.setString(1, key);
                ps.executeUpdate();
            }
            return null;
        }));
    }

    @Override
    public void putStartedThrough(String executionArn, StartedThrough startedThrough) {
        await(submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO executions_started_through "
                    + "(execution_arn, version_arn, alias_arn) VALUES (?, ?, ?)")) {
                ps.setString(1, executionArn);
                ps.setString(2, startedThrough.versionArn());
                ps.setString(3, startedThrough.aliasArn());
                ps.executeUpdate();
            }
            return null;
        }));
    }

    /** By primary key, a few hundred ARNs a query (SQLite's limit on parameters is 32766 at least). */
    @Override
    public Map<String, StartedThrough> startedThrough(Collection<String> executionArns) {
        List<String> arns = List.copyOf(executionArns);
        return await(submit(c -> {
            Map<String, StartedThrough> out = new java.util.HashMap<>();
            for (int from = 0; from < arns.size(); from += 500) {
                List<String> chunk = arns.subList(from, Math.min(arns.size(), from + 500));
                try (PreparedStatement ps = c.prepareStatement("SELECT execution_arn, version_arn, alias_arn FROM "
                        + "executions_started_through WHERE execution_arn IN ("
                        + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), new StartedThrough(rs.getString(2), rs.getString(3)));
                        }
                    }
                }
            }
            return out;
        }));
    }

    @Override
    public void putStateMachineVersion(StoredStateMachineVersion version) {
        await(submit(c -> {
            String hash = putDefinition(c, version.definition());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO state_machine_versions (state_machine_arn, "
                    + "number, definition_hash, role_arn, description, creation_date) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (state_machine_arn, number) DO UPDATE SET definition_hash = "
                    + "excluded.definition_hash, role_arn = excluded.role_arn, description = excluded.description, "
                    + "creation_date = excluded.creation_date")) {
                ps.setString(1, version.stateMachineArn());
                ps.setInt(2, version.number());
                ps.setString(3, hash);
                ps.setString(4, version.roleArn());
                ps.setString(5, version.description());
                ps.setLong(6, version.creationDate().toEpochMilli());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO state_machine_version_numbers "
                    + "(state_machine_arn, last_number) VALUES (?, ?) ON CONFLICT (state_machine_arn) DO UPDATE SET "
                    + "last_number = MAX(last_number, excluded.last_number)")) {
                ps.setString(1, version.stateMachineArn());
                ps.setInt(2, version.number());
                ps.executeUpdate();
            }
            return null;
        }));
    }

    @Override
    public void deleteStateMachineVersion(String stateMachineArn, int number) {
        await(submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM state_machine_versions "
                    + "WHERE state_machine_arn = ? AND number = ?")) {
                ps.setString(1, stateMachineArn);
                ps.setInt(2, number);
                ps.executeUpdate();
            }
            return null;
        }));
    }

    /** Each state machine's oldest first; one whose definition is lost is left out, with a WARN naming it. */
    @Override
    public List<StoredStateMachineVersion> stateMachineVersions() {
        return await(submit(c -> {
            List<StoredStateMachineVersion> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v.state_machine_arn, "
                    + "v.number, d.definition, v.role_arn, v.description, v.creation_date, v.definition_hash "
                    + "FROM state_machine_versions v LEFT JOIN definitions d ON d.hash = v.definition_hash "
                    + "ORDER BY v.state_machine_arn, v.number")) {
                while (rs.next()) {
                    if (rs.getString(3) == null || rs.getInt(2) < 1) {
                        LOG.warn("Version {} of state machine {} is left out: its number is not positive or no row "
                                + "of the definitions table has its definition's hash {}", rs.getInt(2),
                                TerminalText.escape(rs.getString(1)), rs.getString(7));
                        continue;
                    }
                    out.add(new StoredStateMachineVersion(rs.getString(1), rs.getInt(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))));
                }
            }
            return out;
        }));
    }

    @Override
    public int lastStateMachineVersionNumber(String stateMachineArn) {
        return await(submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT last_number FROM state_machine_version_numbers "
                    + "WHERE state_machine_arn = ?")) {
                ps.setString(1, stateMachineArn);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        }));
    }

    @Override
    public void putStateMachineAlias(StoredStateMachineAlias alias) {
        com.fasterxml.jackson.databind.node.ArrayNode routing = Json.NODES.arrayNode();
        for (StoredStateMachineAlias.Route route : alias.routes()) {
            routing.addObject().put("versionArn", route.versionArn()).put("weight", route.weight());
        }
        await(submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO state_machine_aliases (state_machine_arn, "
                    + "name, description, routing, creation_date, update_date) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (state_machine_arn, name) DO UPDATE SET description = excluded.description, "
                    + "routing = excluded.routing, creation_date = excluded.creation_date, "
                    + "update_date = excluded.update_date")) {
                ps.setString(1, alias.stateMachineArn());
                ps.setString(2, alias.name());
                ps.setString(3, alias.description());
                ps.setString(4, Json.write(routing));
                ps.setLong(5, alias.creationDate().toEpochMilli());
                ps.setLong(6, alias.updateDate().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        }));
    }

    @Override
    public void deleteStateMachineAlias(String stateMachineArn, String name) {
        await(submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM state_machine_aliases "
                    + "WHERE state_machine_arn = ? AND name = ?")) {
                ps.setString(1, stateMachineArn);
                ps.setString(2, name);
                ps.executeUpdate();
            }
            return null;
        }));
    }

    /** One whose routing cannot be read back is left out, with a WARN naming it. */
    @Override
    public List<StoredStateMachineAlias> stateMachineAliases() {
        return await(submit(c -> {
            List<StoredStateMachineAlias> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT state_machine_arn, name, "
                    + "description, routing, creation_date, update_date FROM state_machine_aliases "
                    + "ORDER BY state_machine_arn, name")) {
                while (rs.next()) {
                    try {
                        out.add(new StoredStateMachineAlias(rs.getString(1), rs.getString(2), rs.getString(3),
                                routes(rs.getString(4)), Instant.ofEpochMilli(rs.getLong(5)),
                                Instant.ofEpochMilli(rs.getLong(6))));
                    } catch (UnreadableRecordException e) {
                        LOG.warn("Alias {} of state machine {} is left out: {}", TerminalText.escape(rs.getString(2)),
                                TerminalText.escape(rs.getString(1)), TerminalText.escape(e.getMessage()));
                    }
                }
            }
            return out;
        }));
    }

    private static List<StoredStateMachineAlias.Route> routes(String text) {
        JsonNode routing = parse(text, "an alias's routing");
        List<StoredStateMachineAlias.Route> routes = new ArrayList<>();
        for (JsonNode route : routing) {
            JsonNode arn = route.get("versionArn");
            JsonNode weight = route.get("weight");
            if (arn == null || !arn.isTextual() || weight == null || !weight.canConvertToInt()) {
                throw new UnreadableRecordException("The execution store holds a route without its versionArn or "
                        + "weight: " + route);
            }
            routes.add(new StoredStateMachineAlias.Route(arn.textValue(), weight.asInt()));
        }
        if (!routing.isArray() || routes.isEmpty()) {
            throw new UnreadableRecordException("The execution store holds no routes for an alias");
        }
        return routes;
    }

    /** Keeps a definition's text once, by its hash (executions and state machines share them); returns the hash. */
    private static String putDefinition(Connection c, String definition) throws SQLException {
        String hash = io.github.camelasl.engine.Ids.sha256(definition);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO definitions (hash, definition) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING")) {
            ps.setString(1, hash);
            ps.setString(2, definition);
            ps.executeUpdate();
        }
        return hash;
    }

    // --- reads (on the writer thread, so they follow every write queued before them) ---

    @Override
    public Optional<ExecutionRecord> find(String executionArn) {
        return await(submit(c -> selectExecution(c, executionArn)));
    }

    @Override
    public List<ExecutionRecord> findByName(String executionName) {
        List<ExecutionRecord> named = await(submit(c -> selectExecutions(c, " WHERE e.name = ?", executionName)));
        return named.stream().sorted(java.util.Comparator.comparing(ExecutionRecord::executionArn)).toList();
    }

    /** Every execution; one whose row cannot be read back is left out, with a WARN naming it and why. */
    @Override
    public Collection<ExecutionRecord> list() {
        return await(submit(c -> selectExecutions(c, "", null, row -> LOG.warn(
                "Execution {} is left out of the list: {}", TerminalText.escape(row.executionArn()),
                TerminalText.escape(row.problem())))));
    }

    @Override
    public ExecutionSummary.Page executions(String stateMachineArn, ExecutionStatus status,
            ExecutionSummary.Cursor after, int limit) {
        // newest first through the index (start date, then ARN, both descending): the page after the cursor is a
        // range of it, whatever the store holds before it
        String sql = "SELECT execution_arn, state_machine_arn, name, status, start_date, stop_date FROM executions "
                + "WHERE state_machine_arn = ?" + (status == null ? "" : " AND status = ?")
                + (after == null ? "" : " AND (start_date, execution_arn) < (?, ?)")
                + " ORDER BY start_date DESC, execution_arn DESC LIMIT ?";
        return summaryPage(sql, stateMachineArn, status, after, limit);
    }

    @Override
    public ExecutionSummary.Page executionsStartedThrough(String versionOrAliasArn, ExecutionStatus status,
            ExecutionSummary.Cursor after, int limit) {
        String sql = executionsStartedThroughSql(versionOrAliasArn, status != null, after != null);
        return summaryPage(sql, versionOrAliasArn, status, after, limit);
    }

    /**
     * A page of ListExecutions' summaries by {@code sql}, whose parameters are, in order: {@code arn}, the status when
     * there is one, the cursor's start date and ARN when there is one, then the limit (one more row is read, to tell
     * whether there is a next page).
     */
    private ExecutionSummary.Page summaryPage(String sql, String arn, ExecutionStatus status,
            ExecutionSummary.Cursor after, int limit) {
        return await(submit(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int at = 1;
                ps.setString(at++, arn);
                if (status != null) {
                    ps.setString(at++, status.name());
                }
                if (after != null) {
                    ps.setLong(at++, after.startDate().toEpochMilli());
                    ps.setString(at++, after.executionArn());
                }
                ps.setInt(at, limit + 1);
                List<ExecutionSummary> page = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(readSummary(rs));
                    }
                }
                return ExecutionSummary.Page.of(page, limit);
            }
        }));
    }

    /**
     * The executions of a version ({@code ...:stateMachine:NAME:3}) or alias ({@code ...:NAME:prod}; an alias name
     * is never all digits), found by the index of schema version 13 on the column it is kept in, then sorted: only
     * the page's are kept. CROSS JOIN and the unary + keep SQLite's planner to that order: it would otherwise read
     * every execution of the status through executions_by_status_start.
     */
    static String executionsStartedThroughSql(String versionOrAliasArn, boolean byStatus, boolean afterCursor) {
        String name = versionOrAliasArn.substring(versionOrAliasArn.lastIndexOf(':') + 1);
        boolean version = !name.isEmpty() && name.chars().allMatch(ch -> ch >= '0' && ch <= '9');
        return "SELECT e.execution_arn, e.state_machine_arn, e.name, e.status, e.start_date, e.stop_date "
                + "FROM executions_started_through t CROSS JOIN executions e ON e.execution_arn = t.execution_arn "
                + "WHERE t." + (version ? "version_arn" : "alias_arn") + " = ?"
                + (byStatus ? " AND +e.status = ?" : "")
                + (afterCursor ? " AND (+e.start_date, +e.execution_arn) < (?, ?)" : "")
                + " ORDER BY e.start_date DESC, e.execution_arn DESC LIMIT ?";
    }

    @Override
    public ExecutionListing.Page listExecutions(ExecutionListing.Filter filter, ExecutionListing.Sort sort,
            ExecutionListing.Cursor after, int limit) {
        String sql = listExecutionsSql(filter, sort, after != null);
        return await(submit(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int at = bindListing(ps, filter, sort, after);
                ps.setInt(at, limit + 1);
                List<ExecutionListing> page = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ExecutionSummary summary = readSummary(rs);
                        page.add(new ExecutionListing(summary.executionArn(), summary.stateMachineArn(),
                                summary.name(), summary.status(), summary.startDate(), summary.stopDate(),
                                rs.getString(7), rs.getString(8), rs.getInt(9)));
                    }
                }
                return ExecutionListing.Page.of(page, sort, limit);
            }
        }));
    }

    /**
     * The console's list: each filter a condition, the sort's column then the ARN a range of one of the indexes of
     * schema version 14 (or 11's, for one state machine), so that the first page reads about as many rows as it shows.
     * Its parameters, in order: {@link #bindListing}'s, then the limit.
     */
    static String listExecutionsSql(ExecutionListing.Filter filter, ExecutionListing.Sort sort, boolean afterCursor) {
        StringBuilder sql = new StringBuilder("SELECT execution_arn, state_machine_arn, name, status, start_date, "
                + "stop_date, error, failed_state, redrive_count FROM executions WHERE 1 = 1");
        if (filter.stateMachineArn() != null) {
            sql.append(" AND state_machine_arn = ?");
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
        }
        if (filter.from() != null) {
            sql.append(" AND start_date >= ?");
        }
        if (filter.to() != null) {
            sql.append(" AND start_date < ?");
        }
        if (filter.search() != null) {
            sql.append(" AND (instr(execution_arn, ?) > 0 OR instr(name, ?) > 0)");
        }
        if (filter.error() != null) {
            sql.append(" AND error = ?");
        }
        if (filter.failedState() != null) {
            sql.append(" AND failed_state = ?");
        }
        if (sort.byStopDate()) {
            sql.append(" AND stop_date IS NOT NULL");
        }
        String direction = sort.descending ? " DESC" : "";
        if (afterCursor) {
            sql.append(" AND (").append(sort.column).append(", execution_arn) ").append(sort.descending ? "<" : ">")
                    .append(" (?, ?)");
        }
        sql.append(" ORDER BY ").append(sort.column).append(direction).append(", execution_arn").append(direction)
                .append(" LIMIT ?");
        return sql.toString();
    }

    /** Binds {@link #listExecutionsSql}'s parameters but the limit; returns the limit's position. */
    static int bindListing(PreparedStatement ps, ExecutionListing.Filter filter, ExecutionListing.Sort sort,
            ExecutionListing.Cursor after) throws SQLException {
        int at = 1;
        if (filter.stateMachineArn() != null) {
            ps.setString(at++, filter.stateMachineArn());
        }
        if (filter.status() != null) {
            ps.setString(at++, filter.status().name());
        }
        if (filter.from() != null) {
            ps.setLong(at++, filter.from().toEpochMilli());
        }
        if (filter.to() != null) {
            ps.setLong(at++, filter.to().toEpochMilli());
        }
        if (filter.search() != null) {
            ps.setString(at++, filter.search());
            ps.setString(at++, filter.search());
        }
        if (filter.error() != null) {
            ps.setString(at++, filter.error());
        }
        if (filter.failedState() != null) {
            ps.setString(at++, filter.failedState());
        }
        if (after != null) {
            if (sort == ExecutionListing.Sort.NAME) {
                ps.setString(at++, after.key());
            } else {
                ps.setLong(at++, after.millis());
            }
            ps.setString(at++, after.executionArn());
        }
        return at;
    }

    /** Counted from the covering index executions_by_start: the rows themselves are not read. */
    static final String COUNTS_SQL = "SELECT state_machine_arn, status, COUNT(*) FROM executions "
            + "WHERE start_date >= ? AND start_date < ? GROUP BY state_machine_arn, status";

    @Override
    public List<ExecutionListing.Counts> countsByStateMachine(Instant from, Instant to) {
        return await(submit(c -> {
            Map<String, Map<ExecutionStatus, Long>> counts = new java.util.TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(COUNTS_SQL)) {
                ps.setLong(1, from.toEpochMilli());
                ps.setLong(2, to.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ExecutionStatus status;
                        try {
                            status = ExecutionStatus.valueOf(rs.getString(2));
                        } catch (IllegalArgumentException e) {
                            continue; // not a status: readSummary names such a row where it is listed
                        }
                        counts.computeIfAbsent(rs.getString(1), arn -> new java.util.EnumMap<>(ExecutionStatus.class))
                                .put(status, rs.getLong(3));
                    }
                }
            }
            return counts.entrySet().stream().map(e -> new ExecutionListing.Counts(e.getKey(), e.getValue()))
                    .toList();
        }));
    }

    /**
     * Grouped from the rows executions_by_status_stop finds; SQLite gives the bare execution_arn of the row whose
     * stop date is the MAX (a PostgreSQL store would use DISTINCT ON or a window).
     */
    static String failureGroupsSql(boolean ofOneStateMachine) {
        return "SELECT state_machine_arn, failed_state, error, COUNT(*), MAX(stop_date), execution_arn "
                + "FROM executions WHERE status IN ('FAILED', 'TIMED_OUT') AND stop_date >= ? AND stop_date < ?"
                + (ofOneStateMachine ? " AND state_machine_arn = ?" : "")
                + " GROUP BY state_machine_arn, failed_state, error ORDER BY COUNT(*) DESC, MAX(stop_date) DESC "
                + "LIMIT ?";
    }

    @Override
    public List<ExecutionListing.FailureGroup> failureGroups(Instant from, Instant to, String stateMachineArn,
            int limit) {
        return await(submit(c -> {
            List<ExecutionListing.FailureGroup> groups = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(failureGroupsSql(stateMachineArn != null))) {
                int at = 1;
                ps.setLong(at++, from.toEpochMilli());
                ps.setLong(at++, to.toEpochMilli());
                if (stateMachineArn != null) {
                    ps.setString(at++, stateMachineArn);
                }
                ps.setInt(at, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        groups.add(new ExecutionListing.FailureGroup(rs.getString(1), rs.getString(2),
                                rs.getString(3), rs.getLong(4), Instant.ofEpochMilli(rs.getLong(5)),
                                rs.getString(6)));
                    }
                }
            }
            return groups;
        }));
    }

    @Override
    public List<JsonNode> eventsAfter(String executionArn, long afterId, int limit) {
        return await(submit(c -> {
            List<JsonNode> events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT event FROM events WHERE execution_arn = ? AND id > ? ORDER BY id LIMIT ?")) {
                ps.setString(1, executionArn);
                ps.setLong(2, afterId);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(parse(rs.getString(1), "an event of " + executionArn));
                    }
                }
            }
            return events;
        }));
    }

    private static ExecutionSummary readSummary(ResultSet rs) throws SQLException {
        String arn = rs.getString(1);
        long stop = rs.getLong(6);
        boolean running = rs.wasNull();
        ExecutionStatus status;
        try {
            status = ExecutionStatus.valueOf(rs.getString(4));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnreadableRecordException("The execution store holds the status '" + rs.getString(4) + "' for "
                    + arn + ", which is not an execution status");
        }
        return new ExecutionSummary(arn, rs.getString(2), rs.getString(3), status, Instant.ofEpochMilli(rs.getLong(5)),
                running ? null : Instant.ofEpochMilli(stop));
    }

    @Override
    public List<ExecutionRecord> unfinished(String stateMachineArn) {
        return unfinished(stateMachineArn, row -> LOG.warn("Execution {} is left aside: {}",
                TerminalText.escape(row.executionArn()), TerminalText.escape(row.problem())));
    }

    @Override
    public List<ExecutionRecord> unfinished(String stateMachineArn,
            java.util.function.Consumer<Unreadable> unreadable) {
        List<Unreadable> bad = new ArrayList<>();
        List<ExecutionRecord> found = await(submit(c -> selectExecutions(c, stateMachineArn == null
                ? " WHERE e.status = 'RUNNING'" : " WHERE e.status = 'RUNNING' AND e.state_machine_arn = ?",
                stateMachineArn, bad::add)));
        bad.forEach(unreadable); // here, not on the writer thread: what it does may use the store
        return found;
    }

    @Override
    public List<JsonNode> events(String executionArn) {
        return await(submit(c -> {
            List<JsonNode> events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT event FROM events WHERE execution_arn = ? ORDER BY id")) {
                ps.setString(1, executionArn);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        JsonNode event = parse(rs.getString(1), "an event of " + executionArn);
                        if (!event.isObject()) {
                            throw new UnreadableRecordException("The execution store holds an event of "
                                    + executionArn + " that is not a JSON object: " + abbreviate(event.toString()));
                        }
                        events.add(event);
                    }
                }
            }
            return events;
        }));
    }

    @Override
    public Optional<Checkpoint> lastCheckpoint(String executionArn) {
        return await(submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT state_name, input, last_event_id, variables, "
                    + "wait_until, task_token, retry_attempts, succeeded_runs FROM checkpoints "
                    + "WHERE execution_arn = ?")) {
                ps.setString(1, executionArn);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String variables = rs.getString(4);
                    long waitUntil = rs.getLong(5);
                    boolean waiting = !rs.wasNull();
                    String retryAttempts = rs.getString(7);
                    String succeededRuns = rs.getString(8);
                    return Optional.of(new Checkpoint(Checkpoint.TOP, rs.getString(1),
                            parse(rs.getString(2), "the checkpoint of " + executionArn), rs.getLong(3),
                            variables == null ? null : parseObject(variables, "the variables of " + executionArn),
                            waiting ? Instant.ofEpochMilli(waitUntil) : null, rs.getString(6),
                            retryAttempts == null ? null : parseArray(retryAttempts, "the retry attempts of "
                                    + executionArn),
                            succeededRuns == null ? null : parseArray(succeededRuns, "the succeeded runs of "
                                    + executionArn)));
                }
            }
        }));
    }

    private Optional<ExecutionRecord> selectExecution(Connection c, String executionArn) throws SQLException {
        List<ExecutionRecord> found = selectExecutions(c, " WHERE e.execution_arn = ?", executionArn);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<ExecutionRecord> selectExecutions(Connection c, String where, String parameter)
            throws SQLException {
        return selectExecutions(c, where, parameter, row -> {
            throw new UnreadableRecordException(row.problem());
        });
    }

    /** The rows {@code where} selects; one that cannot be read whole goes to {@code unreadable} instead. */
    private List<ExecutionRecord> selectExecutions(Connection c, String where, String parameter,
            java.util.function.Consumer<Unreadable> unreadable) throws SQLException {
        List<ExecutionRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT e.execution_arn, e.state_machine_arn, e.name, "
                + "e.status, e.input, e.output, e.error, e.cause, e.start_date, e.stop_date, d.definition, "
                + "e.redrive_count, e.redrive_date, e.definition_hash "
                + "FROM executions e LEFT JOIN definitions d ON d.hash = e.definition_hash" + where
                + " ORDER BY e.start_date")) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        out.add(readExecution(rs));
                    } catch (UnreadableRecordException e) {
                        unreadable.accept(new Unreadable(rs.getString(1), rs.getString(2), e.getMessage()));
                    }
                }
            }
        }
        return out;
    }

    private static ExecutionRecord readExecution(ResultSet rs) throws SQLException {
        String arn = rs.getString(1);
        String output = rs.getString(6);
        long stop = rs.getLong(10);
        boolean running = rs.wasNull();
        long redriveDate = rs.getLong(13);
        boolean redriven = !rs.wasNull();
        String definition = rs.getString(11);
        String definitionHash = rs.getString(14);
        if (definition == null && definitionHash != null) {
            throw new UnreadableRecordException("The execution store has lost the definition of " + arn + ": no "
                    + "row of its definitions table has its hash " + definitionHash);
        }
        ExecutionStatus status;
        try {
            status = ExecutionStatus.valueOf(rs.getString(4));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnreadableRecordException("The execution store holds the status '" + rs.getString(4) + "' for "
                    + arn + ", which is not an execution status");
        }
        return new ExecutionRecord(arn, rs.getString(2), rs.getString(3), status,
                parse(rs.getString(5), "the input of " + arn),
                output == null ? null : parse(output, "the output of " + arn), rs.getString(7),
                rs.getString(8), Instant.ofEpochMilli(rs.getLong(9)),
                running ? null : Instant.ofEpochMilli(stop), definition, rs.getInt(12),
                redriven ? Instant.ofEpochMilli(redriveDate) : null);
    }

    // --- the writer thread ---

    private <T> CompletableFuture<T> submit(SqlWork<T> work) {
        return submit(null, work);
    }

    /** Work that writes an execution's state: after a failed commit of it, no later write of it is committed. */
    private <T> CompletableFuture<T> submit(String executionArn, SqlWork<T> work) {
        if (closed) {
            throw new ExecutionStoreException("The execution store " + folder + " is closed");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        queue.add(new Work<>(executionArn, work, result));
        return result;
    }

    /**
     * For tests: the writer runs nothing after this until {@code release} opens, so that what is queued meanwhile
     * is committed as one group.
     */
    void holdWriter(java.util.concurrent.CountDownLatch release) {
        submit(c -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
    }

    private static <T> T await(CompletableFuture<T> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ExecutionStoreException store) {
                throw store;
            }
            throw new ExecutionStoreException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    private void writeLoop() {
        List<Work<?>> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                if (closed && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            queue.drainTo(batch);
            commit(batch);
            batch.clear();
        }
    }

    /**
     * Runs a group of work in one transaction. When one unit's own write is refused (a constraint, a value SQLite
     * will not take, an exception of its own), the group runs again with that unit alone rolled back, so the
     * executions sharing its disk sync go on; when the file fails (full, corrupt, locked), none of it is kept
     * and each waiter is told why.
     */
    private void commit(List<Work<?>> all) {
        // an execution whose earlier write was lost writes nothing more here: its store state stays at the last
        // boundary that was committed (no gap in its history), and it resumes from there
        List<Work<?>> batch = new ArrayList<>(all.size());
        for (Work<?> work : all) {
            if (!failedEarlier(work)) {
                batch.add(work);
            }
        }
        List<Object> results = new ArrayList<>(batch.size());
        try {
            for (Work<?> work : batch) {
                results.add(work.work().run(connection));
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            renewTransaction();
            if (batch.size() > 1 && ownWriteFailure(e)) {
                commitEachAlone(batch);
            } else {
                failAll(batch, e);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i));
        }
    }

    /**
     * The slow path of {@link #commit}: each unit under a savepoint of its own, so one that fails is rolled back
     * alone (with every later unit of its execution) and the others still commit together.
     */
    private void commitEachAlone(List<Work<?>> batch) {
        List<Work<?>> done = new ArrayList<>(batch.size());
        List<Object> results = new ArrayList<>(batch.size());
        try {
            for (Work<?> work : batch) {
                if (failedEarlier(work)) {
                    continue;
                }
                java.sql.Savepoint before = connection.setSavepoint();
                try {
                    results.add(work.work().run(connection));
                    connection.releaseSavepoint(before);
                    done.add(work);
                } catch (SQLException | RuntimeException e) {
                    if (!ownWriteFailure(e)) {
                        throw e;
                    }
                    connection.rollback(before);
                    connection.releaseSavepoint(before);
                    prepareStatements(); // one that failed mid-way is not usable again
                    fail(work, storeFailure(e));
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            renewTransaction();
            List<Work<?>> notFailed = new ArrayList<>(batch.size());
            for (Work<?> work : batch) {
                if (!work.result().isDone()) {
                    notFailed.add(work);
                }
            }
            failAll(notFailed, e);
            return;
        }
        for (int i = 0; i < done.size(); i++) {
            complete(done.get(i), results.get(i));
        }
    }

    /** True (and its waiter told) when an earlier write of the work's execution was lost: see commit(). */
    private boolean failedEarlier(Work<?> work) {
        ExecutionStoreException lost = work.executionArn() == null ? null : failedExecutions.get(work.executionArn());
        if (lost != null) {
            work.result().completeExceptionally(lost);
        }
        return lost != null;
    }

    /**
     * True when the failure is of the unit's own data (a constraint it breaks, a value SQLite refuses, an
     * exception while rendering it), not of the file or the connection, so the other units can still commit.
     */
    private static boolean ownWriteFailure(Exception e) {
        if (e instanceof RuntimeException) {
            return true;
        }
        if (e instanceof org.sqlite.SQLiteException sqlite) {
            String code = sqlite.getResultCode().name();
            return code.startsWith("SQLITE_CONSTRAINT") || code.equals("SQLITE_TOOBIG")
                    || code.equals("SQLITE_MISMATCH") || code.equals("SQLITE_RANGE");
        }
        return false;
    }

    /** After a failure: nothing of the transaction is kept, and the next one starts afresh. */
    private void renewTransaction() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // SQLite rolled it back itself (a failed COMMIT does)
        }
        try {
            // a fresh transaction for the next batch (the driver begins one only after its own rollback), and
            // fresh statements: one that failed mid-way is not usable again
            connection.setAutoCommit(true);
            connection.setAutoCommit(false);
            prepareStatements();
        } catch (SQLException ignored) {
            // the connection is gone: the error the waiters get says why, and every later commit will too
        }
    }

    private void failAll(List<Work<?>> batch, Exception e) {
        ExecutionStoreException failure = storeFailure(e);
        for (Work<?> work : batch) {
            fail(work, failure);
        }
    }

    /**
     * What the waiters of failed work are told: the store's own error as it is, a refusal of the work's own data
     * as such (its execution cannot go on), any other described.
     */
    private ExecutionStoreException storeFailure(Exception e) {
        if (e instanceof ExecutionStoreException store) {
            return store;
        }
        return ownWriteFailure(e) ? new RefusedWriteException(describe(e), e)
                : new ExecutionStoreException(describe(e), e);
    }

    /** The work is not committed: its waiter is told why, and its execution writes nothing more here. */
    private void fail(Work<?> work, ExecutionStoreException failure) {
        if (work.executionArn() != null) {
            failedExecutions.put(work.executionArn(), failure);
        }
        work.result().completeExceptionally(failure);
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Work<T> work, Object result) {
        work.result().complete((T) result);
    }

    /**
     * Commits what is queued, then closes the file and releases the folder. Safe to call again and from several
     * threads at once (the CLI's stop hook and its main thread): one closes, the others return once it has.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        try {
            CompletableFuture<Void> last = submit(c -> null);
            closed = true;
            try {
                last.join();
            } catch (CompletionException e) {
                // told to its waiter already
            }
            writer.interrupt();
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing is left to commit
            }
            releaseLock();
        } finally {
            closedLatch.countDown();
        }
    }

    /** For a second close(): bounded, as the first one's wait for the writer is. */
    private void awaitClosed() {
        try {
            closedLatch.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void releaseLock() {
        try {
            lock.release();
        } catch (IOException | RuntimeException e) {
            // the channel's close below releases it as well
        }
        closeQuietly(lockChannel);
    }

    // --- helpers ---

    /** Says what went wrong with the file, in words an operator can act on. */
    private String describe(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("SQLITE_NOTADB") || message.contains("not a database")
                || message.contains("SQLITE_CORRUPT") || message.contains("malformed")) {
            return "The execution store file " + file + " is not a Camel ASL store or is corrupt (" + message
                    + "); move it away to start an empty store";
        }
        if (message.contains("SQLITE_FULL") || message.contains("disk is full")) {
            return "The execution store file " + file + " cannot grow: the disk is full (" + message
                    + "); what was committed before is kept";
        }
        if (message.contains("SQLITE_BUSY") || message.contains("locked")) {
            return "The execution store file " + file + " is locked by another process (" + message + ")";
        }
        if (message.contains("SQLITE_READONLY") || message.contains("readonly")) {
            return "The execution store file " + file + " cannot be written (" + message + ")";
        }
        return "The execution store " + file + " failed: " + message;
    }

    private static JsonNode parse(String text, String what) {
        if (text == null) {
            throw new UnreadableRecordException("The execution store holds no JSON for " + what);
        }
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new UnreadableRecordException("The execution store holds invalid JSON for " + what + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode parseObject(String text, String what) {
        JsonNode parsed = parse(text, what);
        if (!parsed.isObject()) {
            throw new UnreadableRecordException("The execution store holds " + what + " as "
                    + abbreviate(parsed.toString()) + ", not a JSON object");
        }
        return parsed;
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode parseArray(String text, String what) {
        JsonNode parsed = parse(text, what);
        if (!parsed.isArray()) {
            throw new UnreadableRecordException("The execution store holds " + what + " as "
                    + abbreviate(parsed.toString()) + ", not a JSON array");
        }
        return (com.fasterxml.jackson.databind.node.ArrayNode) parsed;
    }

    /** A stored value in an error message: enough to find it, not the whole payload. */
    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static void setJson(PreparedStatement ps, int index, JsonNode value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, Json.write(value));
        }
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value.toEpochMilli());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing held
            }
        }
    }
}
