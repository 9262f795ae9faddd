package io.github.camelasl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite: the JMH workloads (W1-W7, each against its Camel-route and plain-Java baselines, in
 * throughput and sample-time modes with the GC profiler), then the W8-W14 harnesses, and prints the summary
 * table (also written to target/benchmark-summary.md). Run from the benchmarks directory: {@code benchmarks/run}.
 */
public final class BenchmarkSuite {

    /** The workloads, in table order; JMH ones name their class. */
    enum Workload {
        W1(W1PassChain.class, "Pass chain, 10 states"),
        W2(W2ChoiceLoop.class, "Choice loop, 1,000 iterations"),
        W3(W3InlineMap.class, "inline Map, 10,000 items"),
        W4(W4Parallel.class, "Parallel, 4 branches x 2 Pass"),
        W5(W5FlakyTask.class, "Task failing 3 times, Retry"),
        W6(W6TaskChain.class, "10 Tasks on direct:"),
        W7(W7SeedPipeline.class, "seed pipeline (uuid, config, 2 Tasks)"),
        W8(null, "100,000 executions parked on a Wait"),
        W9(null, "cold start to first result"),
        W10(null, "STANDARD on the durable SQLite store: transitions/s"),
        W11(null, "the Step Functions API server (asl serve)"),
        W12(null, "the web console's HTTP side (asl serve)"),
        W13(null, "the console's page of a Map over 10,000 items"),
        W14(null, "a suite of 50 mock test cases on the virtual clock");

        final Class<?> benchmark;
        final String title;

        Workload(Class<?> benchmark, String title) {
            this.benchmark = benchmark;
            this.title = title;
        }
    }

    /**
     * Iteration settings: full (the default, about 28 minutes on 2 cores) or --quick (a few minutes). The full
     * warm-up is 15 s (JMH's own default is 50 s): on 2 cores the JIT takes 12-16 s to compile the engine's paths,
     * where a Camel route, less code, is steady after 4 s. After the 6 s warm-up used before, W7's engine ran
     * 37,800 executions/s and its Camel route 66,800; after 16 s, 50,600 and 63,900 (W6: 10,600 then 17,800, its
     * Camel route 22,400 then 22,000). A shorter warm-up measured the compiler more than the engine.
     */
    record Settings(boolean quick, int warmups, TimeValue warmupTime, int measurements, TimeValue measurementTime) {

        static Settings of(boolean quick) {
            return quick ? new Settings(true, 1, TimeValue.seconds(1), 1, TimeValue.seconds(2))
                    : new Settings(false, 5, TimeValue.seconds(3), 4, TimeValue.seconds(2));
        }

        String describe() {
            return (quick ? "quick" : "full") + ": 1 fork, " + warmups + " x " + warmupTime + " warm-up, "
                    + measurements + " x " + measurementTime + " measurement, per benchmark and mode";
        }
    }

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Set<Workload> selected = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--only" -> {
                    if (i + 1 >= args.length) {
                        usage("--only needs a list, e.g. --only W1,W6");
                    }
                    for (String id : args[++i].split(",")) {
                        try {
                            selected.add(Workload.valueOf(id.trim().toUpperCase(Locale.ROOT)));
                        } catch (IllegalArgumentException e) {
                            usage("no workload " + id);
                        }
                    }
                }
                case "-h", "--help" -> usage(null);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (selected.isEmpty()) {
            selected.addAll(List.of(Workload.values()));
        }
        Settings settings = Settings.of(quick);
        Path target = Path.of("target").toAbsolutePath();
        Path meta = Workloads.metaDir();
        clean(meta);

        SummaryTable summary = new SummaryTable(settings, selected);
        long started = System.nanoTime();

        List<Workload> jmh = selected.stream().filter(w -> w.benchmark != null).toList();
        if (!jmh.isEmpty()) {
            summary.expect(jmh);
            summary.addJmhResults(runJmh(jmh, settings, target, meta));
        }
        if (selected.contains(Workload.W2)) {
            System.out.println("# W2: heap after GC as executions accumulate (fresh JVM)");
            summary.heapFlatness(W2HeapFlatness.measure());
        }
        if (selected.contains(Workload.W8)) {
            for (String store : List.of("memory", "sqlite")) {
                System.out.println("# W8: " + W8ParkedExecutions.EXECUTIONS + " executions parked on a Wait, " + store
                        + " store (fresh JVM)");
                summary.parked(W8ParkedExecutions.measure(W8ParkedExecutions.EXECUTIONS, store));
            }
        }
        if (selected.contains(Workload.W9)) {
            System.out.println("# W9: cold start, " + W9ColdStart.RUNS + " fresh JVMs per app and launch");
            summary.coldStart(W9ColdStart.measureAll(W9ColdStart.RUNS));
        }
        if (selected.contains(Workload.W10)) {
            System.out.println("# W10: STANDARD executions on the SQLite store, " + W10DurableTransitions.CALLERS
                    + " callers (fresh JVM)");
            summary.durable(W10DurableTransitions.measure());
        }
        if (selected.contains(Workload.W11)) {
            System.out.println("# W11: the Step Functions API server, " + W11ApiServer.CALLERS
                    + " SDK client threads; ListExecutions over " + W11ApiServer.STORED + " executions (fresh JVM)");
            summary.apiServer(W11ApiServer.measure());
        }
        if (selected.contains(Workload.W12)) {
            System.out.println("# W12: the console's queries over " + W12Console.STORED + " executions, and the engine "
                    + "with " + W12Console.VIEWERS + " live viewers (fresh JVM)");
            summary.console(W12Console.measure());
        }
        if (selected.contains(Workload.W13)) {
            System.out.println("# W13: the console's page of a Map over " + W13ConsoleMapPage.ITEMS
                    + " items, server time and in headless Chromium (fresh JVM)");
            summary.mapPage(W13ConsoleMapPage.measure());
        }
        if (selected.contains(Workload.W14)) {
            System.out.println("# W14: " + W14MockSuite.CASES + " mock test cases through the suite runner, on the "
                    + "virtual clock (fresh JVM)");
            summary.mockSuite(W14MockSuite.measure());
        }
        summary.finished((System.nanoTime() - started) / 1e9);

        String table = summary.toMarkdown();
        Path file = target.resolve("benchmark-summary.md");
        Files.createDirectories(target);
        Files.writeString(file, table);
        System.out.println();
        System.out.println(table);
        System.out.println("(written to " + file + ")");
    }

    private static Collection<RunResult> runJmh(List<Workload> workloads, Settings settings, Path target, Path meta)
            throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .mode(Mode.Throughput)
                .mode(Mode.SampleTime)
                .forks(1)
                .warmupIterations(settings.warmups())
                .warmupTime(settings.warmupTime())
                .measurementIterations(settings.measurements())
                .measurementTime(settings.measurementTime())
                .addProfiler(GCProfiler.class)
                // the forks write each workload's transitions per execution here (see Workloads.verify)
                .jvmArgsAppend("-D" + Workloads.META_DIR_PROPERTY + "=" + meta)
                // a failing benchmark (a setup check, an OutOfMemoryError) is reported; the others still run
                .shouldFailOnError(false)
                .resultFormat(ResultFormatType.JSON)
                .result(target.resolve("jmh-result.json").toString());
        for (Workload workload : workloads) {
            options.include("^" + workload.benchmark.getName().replace(".", "\\.") + "\\.");
        }
        return new Runner(options.build()).run();
    }

    private static void clean(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println(problem);
        }
        List<String> ids = new ArrayList<>();
        for (Workload w : Workload.values()) {
            ids.add("  " + w + "  " + w.title);
        }
        System.err.println("usage: benchmarks/run [--quick] [--only W1,W2,...]\n"
                + "  --quick   1 s warm-up, 2 s measurement per benchmark (a few minutes in all)\n"
                + "  --only    run only these workloads:\n" + String.join("\n", ids));
        System.exit(problem == null ? 0 : 2);
    }
}
