package io.github.camelasl.bench;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.engine.TaskTokens;
import io.github.camelasl.resource.ResourcePolicy;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.route.AllowedCamelHeaders;
import io.github.camelasl.server.StepFunctionsApiRoutes;
import io.github.camelasl.server.StepFunctionsServer;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.InMemoryExecutionStore;
import io.github.camelasl.store.SqliteExecutionStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * W11: the Step Functions API server ({@code asl serve}'s, in this JVM) driven by the AWS SDK for Java's SfnClient,
 * as a user's tests or tools drive it:
 * <ol>
 * <li>StartSyncExecution of an EXPRESS state machine (W1's 10-Pass chain) from {@value #CALLERS} client threads:
 * round trips per second, p50/p99;</li>
 * <li>STANDARD on the SQLite store: StartExecution then DescribeExecution, from {@value #CALLERS} threads: p50/p99 of
 * each;</li>
 * <li>ListExecutions on a store holding {@value #STORED} executions of one state machine: the first page, pages
 * deep in the list (following nextToken), and pages of a rare status, p50/p99 of a page of 100.</li>
 * </ol>
 * Client and server share the machine's cores. A harness, not JMH: the suite runs this main in a fresh JVM.
 */
public final class W11ApiServer {

    static final int CALLERS = 16;
    static final int WARMUP_SECONDS = 5;
    static final int MEASURE_SECONDS = 10;
    static final int STORED = 1_000_000;
    static final int PAGE = 100;
    private static final String ROLE = "arn:aws:iam::123456789012:role/bench";

    record Latencies(long count, double seconds, double p50Micros, double p99Micros) {

        double perSecond() {
            return count / seconds;
        }

        static Latencies of(long[] nanos, double seconds) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Latencies(sorted.length, seconds, sorted[sorted.length / 2] / 1e3,
                    sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e3);
        }

        void print(String name) {
            ChildJvm.result(name + ".count", count);
            ChildJvm.result(name + ".seconds", seconds);
            ChildJvm.result(name + ".p50Micros", p50Micros);
            ChildJvm.result(name + ".p99Micros", p99Micros);
        }

        static Latencies read(Map<String, String> results, String name) {
            return new Latencies(Long.parseLong(results.get(name + ".count")),
                    Double.parseDouble(results.get(name + ".seconds")),
                    Double.parseDouble(results.get(name + ".p50Micros")),
                    Double.parseDouble(results.get(name + ".p99Micros")));
        }
    }

    record Figures(Latencies startSync, Latencies start, Latencies describe, double seedSeconds, Latencies firstPage,
            Latencies deepPage, Latencies statusPage) {

        static Figures from(Map<String, String> results) {
            return new Figures(Latencies.read(results, "startSync"), Latencies.read(results, "start"),
                    Latencies.read(results, "describe"), Double.parseDouble(results.get("seedSeconds")),
                    Latencies.read(results, "firstPage"), Latencies.read(results, "deepPage"),
                    Latencies.read(results, "statusPage"));
        }
    }

    private W11ApiServer() {
    }

    static Figures measure() throws Exception {
        // HttpURLConnection keeps 5 idle connections a host by default: one a client thread
        return Figures.from(ChildJvm.run(W11ApiServer.class, List.of("-Dhttp.maxConnections=" + (CALLERS * 2))));
    }

    public static void main(String[] args) throws Exception {
        String definition = definition();
        String input = W1PassChain.INPUT;

        try (Server server = Server.start(new InMemoryExecutionStore())) {
            String arn = server.sfn.createStateMachine(r -> r.name("w11-express").type(StateMachineType.EXPRESS)
                    .definition(definition).roleArn(ROLE)).stateMachineArn();
            Latencies startSync = load(server, (sfn) -> {
                var result = sfn.startSyncExecution(r -> r.stateMachineArn(arn).input(input));
                if (result.status() != software.amazon.awssdk.services.sfn.model.SyncExecutionStatus.SUCCEEDED) {
                    throw new IllegalStateException("StartSyncExecution answered " + result);
                }
                return null;
            })[0];
            startSync.print("startSync");
        }

        Path folder = Files.createTempDirectory("w11-store");
        try {
            String machineArn;
            try (Server server = Server.start(SqliteExecutionStore.open(folder))) {
                machineArn = server.sfn.createStateMachine(r -> r.name("w11-standard")
                        .type(StateMachineType.STANDARD).definition(definition).roleArn(ROLE)).stateMachineArn();
                Latencies[] pair = load(server, (sfn) -> {
                    long t0 = System.nanoTime();
                    String executionArn = sfn.startExecution(r -> r.stateMachineArn(machineArn).input(input))
                            .executionArn();
                    long t1 = System.nanoTime();
                    sfn.describeExecution(r -> r.executionArn(executionArn));
                    return new long[] {t1 - t0, System.nanoTime() - t1};
                });
                pair[1].print("start");
                pair[2].print("describe");
            }

            long t0 = System.nanoTime();
            seed(folder.resolve(SqliteExecutionStore.FILE_NAME), machineArn, STORED);
            ChildJvm.result("seedSeconds", (System.nanoTime() - t0) / 1e9);

            try (Server server = Server.start(SqliteExecutionStore.open(folder))) {
                SfnClient sfn = server.sfn;
                List<String> tokens = new ArrayList<>(); // nextTokens deep in the list, to start pages from
                String token = null;
                for (int page = 0; page < 500; page++) {
                    String next = token;
                    ListExecutionsResponse response = sfn.listExecutions(r -> r.stateMachineArn(machineArn)
                            .maxResults(PAGE).nextToken(next));
                    if (response.executions().size() != PAGE) {
                        throw new IllegalStateException("a page of " + response.executions().size());
                    }
                    token = response.nextToken();
                    if (page % 5 == 4) {
                        tokens.add(token);
                    }
                }
                time(100, () -> sfn.listExecutions(r -> r.stateMachineArn(machineArn).maxResults(PAGE)));
                time(1000, () -> sfn.listExecutions(r -> r.stateMachineArn(machineArn).maxResults(PAGE)))
                        .print("firstPage");
                int[] at = {0};
                time(1000, () -> {
                    String from = tokens.get(at[0]++ % tokens.size());
                    sfn.listExecutions(r -> r.stateMachineArn(machineArn).maxResults(PAGE).nextToken(from));
                }).print("deepPage");
                time(1000, () -> {
                    var response = sfn.listExecutions(r -> r.stateMachineArn(machineArn).maxResults(PAGE)
                            .statusFilter(ExecutionStatus.FAILED));
                    if (response.executions().isEmpty()) {
                        throw new IllegalStateException("no FAILED execution listed");
                    }
                }).print("statusPage");
            }
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    /**
     * {@code call} from {@value #CALLERS} threads, after a warm-up: the latency of each whole call, then of the parts
     * it returns (nanoseconds; null for none).
     */
    static Latencies[] load(Server server, Function<SfnClient, long[]> call) throws Exception {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<List<long[]>> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < CALLERS; t++) {
            List<long[]> mine = new ArrayList<>();
            samples.add(mine);
            SfnClient sfn = server.client();
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    long[] parts = call.apply(sfn);
                    long took = System.nanoTime() - t0;
                    if (measuring.get()) {
                        long[] sample = new long[1 + (parts == null ? 0 : parts.length)];
                        sample[0] = took;
                        if (parts != null) {
                            System.arraycopy(parts, 0, sample, 1, parts.length);
                        }
                        mine.add(sample);
                    }
                }
                sfn.close();
            }, "w11-caller-" + t);
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(WARMUP_SECONDS * 1000L);
        measuring.set(true);
        long t0 = System.nanoTime();
        Thread.sleep(MEASURE_SECONDS * 1000L);
        measuring.set(false);
        double seconds = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        List<long[]> all = samples.stream().flatMap(List::stream).toList();
        Latencies[] out = new Latencies[all.get(0).length];
        for (int i = 0; i < out.length; i++) {
            int part = i;
            out[i] = Latencies.of(all.stream().mapToLong(s -> s[part]).toArray(), seconds);
        }
        return out;
    }

    static Latencies time(int times, Runnable call) {
        long[] nanos = new long[times];
        long t0 = System.nanoTime();
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        return Latencies.of(nanos, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Writes {@code count} finished executions of {@code stateMachineArn} into the store's file in one transaction,
     * one in a hundred FAILED: starting a million through the API would take the benchmark's hour. The rows are as
     * the store writes them (its own schema, made when the server first opened the folder).
     */
    private static void seed(Path file, String stateMachineArn, int count) throws Exception {
        String executionPrefix = stateMachineArn.replace(":stateMachine:", ":execution:") + ":seeded-";
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO executions (execution_arn, "
                    + "state_machine_arn, name, status, input, output, error, cause, start_date, stop_date, "
                    + "definition_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
                long start = 1_700_000_000_000L;
                for (int i = 0; i < count; i++) {
                    boolean failed = i % 100 == 7;
                    String name = "seeded-" + i;
                    ps.setString(1, executionPrefix + i);
                    ps.setString(2, stateMachineArn);
                    ps.setString(3, name);
                    ps.setString(4, failed ? "FAILED" : "SUCCEEDED");
                    ps.setString(5, W1PassChain.INPUT);
                    ps.setString(6, failed ? null : "{\"done\":true}");
                    ps.setString(7, failed ? "States.TaskFailed" : null);
                    ps.setString(8, failed ? "seeded" : null);
                    ps.setLong(9, start + i * 37L); // a few executions share a millisecond's neighbourhood
                    ps.setLong(10, start + i * 37L + 12);
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

    static String definition() throws IOException {
        try (InputStream in = W11ApiServer.class.getResourceAsStream("/workloads/" + W1PassChain.DEFINITION)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A CamelContext with the API server on a free loopback port, as asl serve has, and a client for it. */
    record Server(DefaultCamelContext camel, ScheduledExecutorService timers, ExecutionStore store,
            StepFunctionsServer server, SfnClient sfn) implements AutoCloseable {

        static Server start(ExecutionStore store) throws Exception {
            DefaultCamelContext camel = new DefaultCamelContext();
            camel.start();
            ScheduledExecutorService timers = Executors.newScheduledThreadPool(1); // AslDeployer drops cancelled timers
            TaskTokens tokens = new TaskTokens();
            AslDeployer deployer = new AslDeployer(camel, store, new ResourceResolvers(camel, List.of()), timers,
                    tokens, ResourcePolicy.defaults(), AllowedCamelHeaders.NONE);
            StepFunctionsServer server = StepFunctionsServer.start(camel, deployer, store, tokens, "127.0.0.1", 0,
                    StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES);
            return new Server(camel, timers, store, server, client(server.url()));
        }

        SfnClient client() {
            return client(server.url());
        }

        static SfnClient client(String url) {
            return SfnClient.builder()
                    .endpointOverride(URI.create(url))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.putAdvancedOption(
                            SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                    .build();
        }

        @Override
        public void close() throws Exception {
            sfn.close();
            server.close();
            camel.stop();
            timers.shutdownNow();
            store.close();
        }
    }
}
