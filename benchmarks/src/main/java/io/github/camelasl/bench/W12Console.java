package io.github.camelasl.bench;

import io.github.camelasl.store.SqliteExecutionStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * W12: the web console's HTTP side on {@code asl serve}'s server (in this JVM), over a SQLite store holding
 * 1,000,000 executions of {@value #MACHINES} state machines (1 in 100 FAILED, in one of a few states):
 * <ol>
 * <li>the first page of {@code C/api/executions} (every state machine, newest first), of {@code ?status=FAILED}, and
 * {@code C/api/failures} over the whole seeded range and over its last hour: p50/p99 of {@value #CALLS} calls
 * each;</li>
 * <li>the engine's StartExecution throughput (W1's chain, STANDARD on SQLite, {@value W11ApiServer#CALLERS}
 * client threads) with 0 and with {@value #VIEWERS} live viewers ({@code C/api/live/execution}) of a running
 * execution that writes events every second.</li>
 * </ol>
 * A harness, not JMH: the suite runs this main in a fresh JVM. It only prints figures.
 */
public final class W12Console {

    /** The executions seeded; -Dw12.stored=N for a quick check of the harness itself. */
    static final int STORED = Integer.getInteger("w12.stored", 1_000_000);
    static final int MACHINES = 10;
    static final int CALLS = 500;
    static final int VIEWERS = 50;
    private static final String ROLE = "arn:aws:iam::123456789012:role/bench";
    private static final long FIRST_START = 1_700_000_000_000L;
    private static final long STEP_MILLIS = 37;
    /** A Wait of a second in a loop: a running execution whose history grows while it is watched. */
    private static final String TICKING = """
            {"StartAt": "Tick", "States": {"Tick": {"Type": "Wait", "Seconds": 1, "Next": "Tock"},
              "Tock": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}],
                       "Default": "Tick"},
              "Done": {"Type": "Succeed"}}}""";

    record Figures(double seedSeconds, W11ApiServer.Latencies firstPage, W11ApiServer.Latencies statusPage,
            W11ApiServer.Latencies failures, W11ApiServer.Latencies failuresHour, W11ApiServer.Latencies starts,
            W11ApiServer.Latencies startsWatched, long eventsSeen) {

        static Figures from(Map<String, String> results) {
            return new Figures(Double.parseDouble(results.get("seedSeconds")),
                    W11ApiServer.Latencies.read(results, "firstPage"),
                    W11ApiServer.Latencies.read(results, "statusPage"),
                    W11ApiServer.Latencies.read(results, "failures"),
                    W11ApiServer.Latencies.read(results, "failuresHour"),
                    W11ApiServer.Latencies.read(results, "starts"),
                    W11ApiServer.Latencies.read(results, "startsWatched"),
                    Long.parseLong(results.get("eventsSeen")));
        }
    }

    private W12Console() {
    }

    static Figures measure() throws Exception {
        return Figures.from(ChildJvm.run(W12Console.class, List.of("-Dhttp.maxConnections="
                + (W11ApiServer.CALLERS * 2))));
    }

    public static void main(String[] args) throws Exception {
        Path folder = Files.createTempDirectory("w12-store");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            // the schema, as the store makes it, then the seeded rows
            SqliteExecutionStore.open(folder).close();
            long t0 = System.nanoTime();
            seed(folder.resolve(SqliteExecutionStore.FILE_NAME), STORED);
            ChildJvm.result("seedSeconds", (System.nanoTime() - t0) / 1e9);

            try (W11ApiServer.Server server = W11ApiServer.Server.start(SqliteExecutionStore.open(folder))) {
                String console = server.server().consoleUrl().orElseThrow();
                long lastStop = FIRST_START + (STORED - 1) * STEP_MILLIS + 5_000;
                String all = "from=" + Instant.ofEpochMilli(FIRST_START) + "&to=" + Instant.ofEpochMilli(lastStop + 1);
                String hour = "from=" + Instant.ofEpochMilli(lastStop - 3_600_000) + "&to="
                        + Instant.ofEpochMilli(lastStop + 1);
                Runnable firstPage = () -> get(http, console + "api/executions?maxResults=100", "\"executions\"");
                Runnable statusPage = () -> get(http, console + "api/executions?maxResults=100&status=FAILED",
                        "\"FAILED\"");
                Runnable failures = () -> get(http, console + "api/failures?" + all, "\"groups\"");
                Runnable failuresHour = () -> get(http, console + "api/failures?" + hour, "\"groups\"");
                for (Runnable warm : List.of(firstPage, statusPage, failures, failuresHour)) {
                    W11ApiServer.time(50, warm);
                }
                W11ApiServer.time(CALLS, firstPage).print("firstPage");
                W11ApiServer.time(CALLS, statusPage).print("statusPage");
                W11ApiServer.time(CALLS / 10, failures).print("failures");
                W11ApiServer.time(CALLS, failuresHour).print("failuresHour");

                String chain = W11ApiServer.definition();
                String machine = server.sfn().createStateMachine(r -> r.name("w12-chain")
                        .type(StateMachineType.STANDARD).definition(chain).roleArn(ROLE)).stateMachineArn();
                java.util.function.Function<software.amazon.awssdk.services.sfn.SfnClient, long[]> start = sfn -> {
                    sfn.startExecution(r -> r.stateMachineArn(machine).input(W1PassChain.INPUT));
                    return null;
                };
                // the watched execution runs through every round, so that the rounds differ by the viewers only;
                // rounds alternate (none, 50, none, 50) and the second of each is kept: the first pair warms up
                String ticking = server.sfn().createStateMachine(r -> r.name("w12-ticking")
                        .type(StateMachineType.STANDARD).definition(TICKING).roleArn(ROLE)).stateMachineArn();
                String watched = server.sfn().startExecution(r -> r.stateMachineArn(ticking)).executionArn();
                java.util.concurrent.atomic.AtomicLong eventsSeen = new java.util.concurrent.atomic.AtomicLong();
                W11ApiServer.Latencies unwatched = null;
                W11ApiServer.Latencies viewed = null;
                for (int round = 0; round < 2; round++) {
                    unwatched = W11ApiServer.load(server, start)[0];
                    List<HttpResponse<Stream<String>>> viewers = watch(http, console, watched, eventsSeen);
                    viewed = W11ApiServer.load(server, start)[0];
                    viewers.forEach(v -> v.body().close());
                }
                unwatched.print("starts");
                viewed.print("startsWatched");
                ChildJvm.result("eventsSeen", eventsSeen.get());
                server.sfn().stopExecution(r -> r.executionArn(watched));
            }
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    /** {@value #VIEWERS} live viewers of {@code executionArn}, each read on a thread of its own. */
    private static List<HttpResponse<Stream<String>>> watch(HttpClient http, String console, String executionArn,
            java.util.concurrent.atomic.AtomicLong eventsSeen) throws Exception {
        List<HttpResponse<Stream<String>>> viewers = new ArrayList<>();
        for (int i = 0; i < VIEWERS; i++) {
            HttpResponse<Stream<String>> viewer = http.send(HttpRequest.newBuilder(URI.create(console
                    + "api/live/execution?executionArn=" + URLEncoder.encode(executionArn, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofLines());
            if (viewer.statusCode() != 200) {
                throw new IllegalStateException("a live viewer was answered " + viewer.statusCode());
            }
            viewers.add(viewer);
            Thread reader = new Thread(() -> {
                try {
                    viewer.body().filter(line -> line.startsWith("event: history"))
                            .forEach(line -> eventsSeen.incrementAndGet());
                } catch (RuntimeException closed) {
                    // closed at the end of the round
                }
            }, "w12-viewer-" + i);
            reader.setDaemon(true);
            reader.start();
        }
        return viewers;
    }

    static void get(HttpClient http, String url, String expected) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("X-Asl-Console", "1").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains(expected)) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": "
                        + response.body().substring(0, Math.min(300, response.body().length())));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code count} finished executions of {@value #MACHINES} state machines into the store's file in one
     * transaction, one in a hundred FAILED in one of three states: starting a million through the API would take the
     * benchmark's hour. The rows are as the store writes them (its own schema).
     */
    private static void seed(Path file, int count) throws Exception {
        String[] states = {"Charge", "Ship", "Notify"};
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO executions (execution_arn, "
                    + "state_machine_arn, name, status, input, output, error, cause, start_date, stop_date, "
                    + "definition_hash, failed_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)")) {
                for (int i = 0; i < count; i++) {
                    boolean failed = i % 100 == 7;
                    String machine = "w12-seeded-" + (i % MACHINES);
                    String name = "seeded-" + i;
                    ps.setString(1, "arn:aws:states:us-east-1:123456789012:execution:" + machine + ":" + name);
                    ps.setString(2, "arn:aws:states:us-east-1:123456789012:stateMachine:" + machine);
                    ps.setString(3, name);
                    ps.setString(4, failed ? "FAILED" : "SUCCEEDED");
                    ps.setString(5, W1PassChain.INPUT);
                    ps.setString(6, failed ? null : "{\"done\":true}");
                    ps.setString(7, failed ? (i % 300 == 7 ? "States.Timeout" : "States.TaskFailed") : null);
                    ps.setString(8, failed ? "seeded" : null);
                    ps.setLong(9, FIRST_START + i * STEP_MILLIS);
                    ps.setLong(10, FIRST_START + i * STEP_MILLIS + 12);
                    ps.setString(11, failed ? states[i % states.length] : null);
                    ps.addBatch();
                    if (i % 10_000 == 9_999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }
}
