package io.github.camelasl.bench;

import io.github.camelasl.AslComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.camel.builder.RouteBuilder;

/**
 * W10: STANDARD executions on the default durable store (SQLite, every checkpoint committed with
 * synchronous=FULL before the execution goes on), many at once as an app runs them: the W1 chain of 10 Pass
 * states, started from {@value #CALLERS} threads for a fixed time. Reports state transitions per second and the
 * latency of one execution. Not a JMH benchmark (a store file and its writer thread per run): the suite runs
 * this main in a fresh JVM and reads its RESULT lines.
 */
public final class W10DurableTransitions {

    static final int CALLERS = 64;
    static final int WARMUP_SECONDS = 5;
    static final int MEASURE_SECONDS = 10;
    /** The W1 chain: every execution enters 10 states. */
    static final int TRANSITIONS_PER_EXECUTION = 10;

    record Figures(int callers, long executions, double seconds, double p50Micros, double p99Micros) {

        double executionsPerSecond() {
            return executions / seconds;
        }

        double transitionsPerSecond() {
            return executionsPerSecond() * TRANSITIONS_PER_EXECUTION;
        }

        static Figures from(Map<String, String> results) {
            return new Figures(Integer.parseInt(results.get("callers")), Long.parseLong(results.get("executions")),
                    Double.parseDouble(results.get("seconds")), Double.parseDouble(results.get("p50Micros")),
                    Double.parseDouble(results.get("p99Micros")));
        }
    }

    private W10DurableTransitions() {
    }

    static Figures measure() throws Exception {
        return Figures.from(ChildJvm.run(W10DurableTransitions.class, List.of()));
    }

    public static void main(String[] args) throws Exception {
        int callers = args.length > 0 ? Integer.parseInt(args[0]) : CALLERS;
        Path folder = Files.createTempDirectory("w10-store");
        AslComponent asl = new AslComponent();
        asl.setStore("sqlite");
        asl.setStoreFolder(folder.toString());
        CamelFixture camel = CamelFixture.start(asl, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:w10").to(Workloads.aslUri("w10", W1PassChain.DEFINITION, "STANDARD"));
            }
        });
        String expected = camel.request("direct:w10", W1PassChain.INPUT);

        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            long[] samples = new long[2_000_000 / callers];
            latencies.add(samples);
            Thread thread = new Thread(() -> {
                int n = 0;
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    String output = camel.request("direct:w10", W1PassChain.INPUT);
                    long took = System.nanoTime() - t0;
                    if (!expected.equals(output)) {
                        throw new IllegalStateException("unexpected output " + output);
                    }
                    if (measuring.get() && n < samples.length) {
                        samples[n++] = took;
                    }
                }
                samples[samples.length - 1] = -n - 1; // the count, marked
            }, "w10-caller-" + t);
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(WARMUP_SECONDS * 1000L);
        long t0 = System.nanoTime();
        measuring.set(true);
        Thread.sleep(MEASURE_SECONDS * 1000L);
        measuring.set(false);
        double seconds = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        long[] all = latencies.stream().flatMapToLong(samples -> {
            int count = (int) (-samples[samples.length - 1] - 1);
            return Arrays.stream(samples, 0, count);
        }).sorted().toArray();
        camel.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        ChildJvm.result("callers", callers);
        ChildJvm.result("executions", all.length);
        ChildJvm.result("seconds", seconds);
        ChildJvm.result("p50Micros", all[all.length / 2] / 1e3);
        ChildJvm.result("p99Micros", all[(int) (all.length * 0.99)] / 1e3);
        System.exit(0);
    }
}
