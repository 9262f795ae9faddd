package io.github.camelasl.bench;

import io.github.camelasl.bench.BenchmarkSuite.Settings;
import io.github.camelasl.bench.BenchmarkSuite.Workload;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The summary: the machine (JDK, CPUs, load average) and per workload and implementation the executions and
 * transitions per second, latency percentiles, bytes allocated per transition and the ratios to the baselines;
 * then W8's and W9's figures. Markdown, so it pastes into an issue as is.
 */
final class SummaryTable {

    static final String ENGINE = "engine";
    static final String CAMEL = "camelRoute";
    static final String JAVA = "plainJava";
    private static final List<String> IMPLEMENTATIONS = List.of(ENGINE, CAMEL, JAVA);
    private static final String TWO_THREADS = "TwoThreads";
    private static final double W7_P99_TARGET_MICROS = 200;

    /** One workload x implementation x threads (x parameter): its two JMH runs merged. */
    static final class Row {
        final Workload workload;
        final String implementation;
        final int threads;
        final String parameter;
        final String transitionsKey;
        Integer transitions;
        Workloads.Recorded recorded;
        Double executionsPerSecond;
        Double meanMicros;
        Double p50Micros;
        Double p99Micros;
        Double allocatedBytesPerExecution;

        Row(Workload workload, String implementation, int threads, String parameter, String transitionsKey) {
            this.workload = workload;
            this.implementation = implementation;
            this.threads = threads;
            this.parameter = parameter;
            this.transitionsKey = transitionsKey;
        }

        String key() {
            return workload + "/" + parameter + "/" + threads + "/" + implementation;
        }
    }

    private final Settings settings;
    private final Set<Workload> selected;
    private final Instant startedAt = Instant.now();
    private final String loadAtStart = loadAverage();
    private final String jarAtStart = componentJar();
    private String loadAtEnd;
    private double seconds;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private W2HeapFlatness.Figures flatness;
    private final List<W8ParkedExecutions.Figures> parked = new java.util.ArrayList<>();
    private W10DurableTransitions.Figures durable;
    private W11ApiServer.Figures apiServer;
    private W12Console.Figures console;
    private W13ConsoleMapPage.Figures mapPage;
    private W14MockSuite.Figures mockSuite;
    private List<W9ColdStart.Figures> coldStart;

    SummaryTable(Settings settings, Set<Workload> selected) {
        this.settings = settings;
        this.selected = selected;
    }

    /**
     * Adds an empty row for each benchmark of the workloads, so that one that failed (a setup check, an
     * OutOfMemoryError) shows as "no result" rather than vanishing; JMH goes on with the others.
     */
    void expect(Collection<Workload> workloads) {
        for (Workload workload : workloads) {
            List<String> parameters = new ArrayList<>(List.of(""));
            for (Field field : workload.benchmark.getFields()) {
                Param param = field.getAnnotation(Param.class);
                if (param != null) {
                    parameters = Arrays.stream(param.value()).map(v -> field.getName() + "=" + v).toList();
                }
            }
            for (Method method : workload.benchmark.getMethods()) {
                if (method.isAnnotationPresent(Benchmark.class)) {
                    Threads threads = method.getAnnotation(Threads.class);
                    for (String parameter : parameters) {
                        Row row = new Row(workload, method.getName().replace(TWO_THREADS, ""),
                                threads == null ? 1 : threads.value(), parameter, null);
                        rows.putIfAbsent(row.key(), row);
                    }
                }
            }
        }
    }

    void addJmhResults(Collection<RunResult> results) {
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            String benchmark = params.getBenchmark();
            String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            Workload workload = workloadOf(className);
            String implementation = method.replace(TWO_THREADS, "");
            String parameter = params.getParamsKeys().stream().map(k -> k + "=" + params.getParam(k))
                    .collect(Collectors.joining(","));
            String transitionsKey = className.substring(className.lastIndexOf('.') + 1) + params.getParamsKeys()
                    .stream().map(k -> "-" + params.getParam(k)).collect(Collectors.joining());
            Row row = new Row(workload, implementation, params.getThreads(), parameter, transitionsKey);
            row = rows.compute(row.key(), (k, old) -> old == null || old.transitionsKey == null
                    ? new Row(workload, implementation, params.getThreads(), parameter, transitionsKey) : old);
            row.recorded = Workloads.recorded(transitionsKey);
            row.transitions = row.recorded == null ? null : row.recorded.transitions();
            Result<?> primary = result.getPrimaryResult();
            Result<?> allocated = result.getSecondaryResults().get("gc.alloc.rate.norm");
            if (params.getMode() == Mode.Throughput) {
                row.executionsPerSecond = perSecond(primary.getScore(), primary.getScoreUnit());
                if (allocated != null) {
                    row.allocatedBytesPerExecution = allocated.getScore();
                }
            } else if (params.getMode() == Mode.SampleTime) {
                String unit = primary.getScoreUnit();
                row.meanMicros = micros(primary.getScore(), unit);
                row.p50Micros = micros(primary.getStatistics().getPercentile(50), unit);
                row.p99Micros = micros(primary.getStatistics().getPercentile(99), unit);
                if (row.allocatedBytesPerExecution == null && allocated != null) {
                    row.allocatedBytesPerExecution = allocated.getScore();
                }
            }
        }
    }

    void heapFlatness(W2HeapFlatness.Figures figures) {
        this.flatness = figures;
    }

    void parked(W8ParkedExecutions.Figures figures) {
        this.parked.add(figures);
    }

    void durable(W10DurableTransitions.Figures figures) {
        this.durable = figures;
    }

    void apiServer(W11ApiServer.Figures figures) {
        this.apiServer = figures;
    }

    void console(W12Console.Figures figures) {
        this.console = figures;
    }

    void mapPage(W13ConsoleMapPage.Figures figures) {
        this.mapPage = figures;
    }

    void mockSuite(W14MockSuite.Figures figures) {
        this.mockSuite = figures;
    }

    void coldStart(List<W9ColdStart.Figures> figures) {
        this.coldStart = figures;
    }

    void finished(double seconds) {
        this.seconds = seconds;
        this.loadAtEnd = loadAverage();
    }

    String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Camel ASL benchmarks\n\n");
        out.append("| | |\n| --- | --- |\n");
        out.append("| date | ").append(startedAt.truncatedTo(ChronoUnit.SECONDS)).append(" |\n");
        out.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" (").append(System.getProperty("java.vendor"))
                .append(") |\n");
        out.append("| CPUs | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
        out.append("| load average (1, 5, 15 min) | at start ").append(loadAtStart).append("; at end ")
                .append(loadAtEnd).append(" |\n");
        out.append("| engine | ").append(jarAtStart).append(" |\n");
        if (!jarAtStart.equals(componentJar())) {
            out.append("| **engine changed during the run** | now ").append(componentJar())
                    .append(": later figures may be of the newer jar |\n");
        }
        out.append("| settings | ").append(settings.describe()).append(" |\n");
        out.append("| workloads | ").append(selected.stream().map(Enum::name).collect(Collectors.joining(", ")))
                .append(String.format(Locale.ROOT, ", in %.1f min", seconds / 60)).append(" |\n\n");

        if (!rows.isEmpty()) {
            jmhTable(out);
        }
        if (flatness != null) {
            flatnessTable(out);
        }
        if (!parked.isEmpty()) {
            parkedTable(out);
        }
        if (coldStart != null) {
            coldStartTable(out);
        }
        if (durable != null) {
            durableTable(out);
        }
        if (apiServer != null) {
            apiServerTable(out);
        }
        if (console != null) {
            consoleTable(out);
        }
        if (mapPage != null) {
            mapPageTable(out);
        }
        if (mockSuite != null) {
            mockSuiteTable(out);
        }
        return out.toString();
    }

    private void jmhTable(StringBuilder out) {
        out.append("## Executions (JMH)\n\n");
        out.append("| workload | implementation | threads | engine/Camel route | engine/plain Java | 2 threads/1 "
                + "| transitions/exec | executions/s | transitions/s | mean/exec | p50 | p99 | B allocated/transition |\n");
        out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        List<Row> ordered = new ArrayList<>(rows.values());
        ordered.sort(Comparator.<Row>comparingInt(r -> r.workload.ordinal()).thenComparing(r -> r.parameter)
                .thenComparingInt(r -> r.threads).thenComparingInt(r -> IMPLEMENTATIONS.indexOf(r.implementation)));
        for (Row row : ordered) {
            String title = row.workload + " " + row.workload.title
                    + (row.parameter.isEmpty() ? "" : " (" + row.parameter.replace("maxConcurrency", "MaxConcurrency ")
                    .replace("=", "") + ")");
            out.append("| ").append(title)
                    .append(" | ").append(label(row.implementation))
                    .append(" | ").append(row.threads)
                    .append(" | ").append(ENGINE.equals(row.implementation) ? ratioTo(row, CAMEL) : "")
                    .append(" | ").append(ENGINE.equals(row.implementation) ? ratioTo(row, JAVA) : "")
                    .append(" | ").append(row.threads > 1 ? scaling(row) : "")
                    .append(" | ").append(row.transitions == null ? "?" : String.format(Locale.ROOT, "%,d", row.transitions))
                    .append(" | ").append(row.executionsPerSecond == null && row.meanMicros == null
                            ? "**no result** (failed: see the JMH output)" : rate(row.executionsPerSecond))
                    .append(" | ").append(row.executionsPerSecond == null || row.transitions == null ? "" :
                            rate(row.executionsPerSecond * row.transitions))
                    .append(" | ").append(time(row.meanMicros))
                    .append(" | ").append(time(row.p50Micros))
                    .append(" | ").append(time(row.p99Micros))
                    .append(" | ").append(row.allocatedBytesPerExecution == null || row.transitions == null ? "" :
                            String.format(Locale.ROOT, "%,.0f", row.allocatedBytesPerExecution / row.transitions))
                    .append(" |\n");
        }
        out.append('\n');
        out.append("executions/s: JMH throughput (all threads together). mean, p50, p99: time per execution from "
                + "JMH's sample-time run. B allocated/transition: JMH's gc.alloc.rate.norm (bytes allocated per "
                + "execution, all threads of the JVM) divided by transitions/exec. engine/baseline: the engine's "
                + "executions/s over the baseline's at the same thread count (0.7× = the engine does 70 % of the "
                + "baseline's executions in the same time). 2 threads/1: throughput at 2 threads over 1.\n\n");
        out.append("History is recorded for every execution (the setup counts each workload's events through a "
                + "history listener). These workloads run EXPRESS, whose history stays with the execution and its "
                + "listeners and is not kept in the store once it ends, as AWS keeps none for EXPRESS.\n\n");
        Row w7 = rows.get(Workload.W7 + "//1/" + ENGINE);
        if (w7 != null && w7.p99Micros != null) {
            out.append(String.format(Locale.ROOT, "W7 engine p99: %s (target at most %.0f µs): %s.%n%n",
                    time(w7.p99Micros), W7_P99_TARGET_MICROS, w7.p99Micros <= W7_P99_TARGET_MICROS ? "met" : "NOT met"));
        }
    }

    private void flatnessTable(StringBuilder out) {
        W2HeapFlatness.Figures f = flatness;
        out.append("## W2: heap after GC as Choice-loop executions accumulate\n\n");
        out.append("| executions (after " + W2HeapFlatness.WARM_UP + " warm-up) | heap after GC | executions in the store |\n");
        out.append("| ---: | ---: | ---: |\n");
        for (int i = 0; i < f.executions().size(); i++) {
            out.append(String.format(Locale.ROOT, "| %,d | %s | %,d |%n", f.executions().get(i),
                    megabytes(f.heap().get(i)), f.stored().get(i)));
        }
        out.append(String.format(Locale.ROOT, "%nHeap after GC grew by %,.0f B per execution over the first %d "
                + "executions and by %,.0f B per execution (%,.1f B per transition, %,d transitions each) over the "
                + "later ones. Growth that goes on after the first round would be a leak.%n%n", f.firstRoundBytesPerExecution(), W2HeapFlatness.PER_ROUND, f.laterBytesPerExecution(),
                f.laterBytesPerExecution() / f.transitions(), f.transitions()));
    }

    private void parkedTable(StringBuilder out) {
        out.append("## W8: executions parked on a Wait (target: at most 1 KiB each, no thread each)\n\n");
        out.append("| store | asked | started | parked (RUNNING) | failed | time to start them | heap before | heap after "
                + "| heap per started execution | live threads before | live threads after | context stop |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (W8ParkedExecutions.Figures f : parked) {
            out.append(String.format(Locale.ROOT, "| %s | %,d | %,d%s | %,d | %,d | %.2f s (%,.0f/s) | %s | %s | %,.0f B "
                    + "| %d | %d | %.2f s |%n", f.store(), f.executions(), f.started(), f.stalled() ? " (stalled)" : "",
                    f.parked(), f.failed(), f.startSeconds(), f.started() / f.startSeconds(), megabytes(f.heapBefore()),
                    megabytes(f.heapAfter()), f.bytesPerExecution(), f.threadsBefore(), f.threadsAfter(),
                    f.stopSeconds()));
        }
        out.append("\nHeap: used heap after System.gc() in a fresh JVM, before and after starting the executions "
                + "with operation=startExecution (the harness's starter threads are counted in both thread figures). "
                + "A wait longer than parkInMemorySeconds (30 s) leaves the engine: a timer and what the store holds stay "
                + "(on the durable store a row on disk; in memory the record, checkpoint, history events and input).");
        for (W8ParkedExecutions.Figures f : parked) {
            if (f.stalled()) {
                out.append(String.format(Locale.ROOT, " **Starting stalled on the %s store after %,d executions**: "
                        + "a start did not return for 10 s; the figures are for the executions started until then.",
                        f.store(), f.started()));
            }
        }
        out.append("\n\n");
    }

    private void durableTable(StringBuilder out) {
        W10DurableTransitions.Figures f = durable;
        out.append("## W10: STANDARD executions on the durable SQLite store (target: at least 10,000 transitions/s)\n\n");
        out.append("| callers | executions/s | transitions/s | p50 | p99 |\n");
        out.append("| ---: | ---: | ---: | ---: | ---: |\n");
        out.append(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %.1f ms | %.1f ms |%n%n", f.callers(),
                f.executionsPerSecond(), f.transitionsPerSecond(), f.p50Micros() / 1000, f.p99Micros() / 1000));
        out.append("W1's 10-state chain, as STANDARD executions on the default store: every boundary is committed "
                + "with synchronous=FULL before it is acknowledged (a Task called, a Wait parked, the reply sent), many "
                + "executions sharing each commit.\n\n");
    }

    private void apiServerTable(StringBuilder out) {
        W11ApiServer.Figures f = apiServer;
        out.append("## W11: the Step Functions API server, driven by the AWS SDK for Java (target: ListExecutions "
                + "p99 under 50 ms a page)\n\n");
        out.append("| what | calls | calls/s | p50 | p99 |\n");
        out.append("| --- | ---: | ---: | ---: | ---: |\n");
        row(out, "StartSyncExecution, EXPRESS (W1's chain), " + W11ApiServer.CALLERS + " client threads",
                f.startSync());
        row(out, "StartExecution, STANDARD on SQLite, " + W11ApiServer.CALLERS + " client threads", f.start());
        row(out, "DescribeExecution right after it", f.describe());
        String stored = String.format(Locale.ROOT, "%,d", W11ApiServer.STORED);
        row(out, "ListExecutions, first page of " + W11ApiServer.PAGE + ", " + stored + " executions stored",
                f.firstPage());
        row(out, "ListExecutions, pages 5 to 500 (by nextToken)", f.deepPage());
        row(out, "ListExecutions, statusFilter FAILED (1 in 100)", f.statusPage());
        out.append(String.format(Locale.ROOT, "%nThe %s executions were written into the store file in %.0f s "
                + "(one transaction). Client and server share the machine's cores; ListExecutions from one thread."
                + "%n%n", stored, f.seedSeconds()));
    }

    private void mockSuiteTable(StringBuilder out) {
        W14MockSuite.Figures f = mockSuite;
        out.append(String.format(Locale.ROOT, "## W14: a suite of %d mock test cases in one JVM (target: under 5 s)%n%n",
                W14MockSuite.CASES));
        out.append("| what | ms |\n| --- | ---: |\n");
        out.append(String.format(Locale.ROOT, "| the JVM, start to exit | %.0f |%n", f.processMillis()));
        out.append(String.format(Locale.ROOT, "| set-up: CamelContext, deployment, reading the suite | %.0f |%n",
                f.setupMillis()));
        out.append(String.format(Locale.ROOT, "| the %d cases (%d passed; %,d s of virtual time) | %.0f |%n",
                W14MockSuite.CASES, f.passed(), f.virtualSeconds(), f.suiteMillis()));
        out.append(String.format(Locale.ROOT, "| one case: p50 / max | %.2f / %.2f |%n%n", f.caseP50Millis(),
                f.caseMaxMillis()));
    }

    private void mapPageTable(StringBuilder out) {
        W13ConsoleMapPage.Figures f = mapPage;
        out.append("## W13: the console's page of a Map over ")
                .append(String.format(Locale.ROOT, "%,d items (%,d history events; target: usable in under 1 s)\n\n",
                        W13ConsoleMapPage.ITEMS, f.events()));
        out.append("| what | calls | calls/s | p50 | p99 |\n");
        out.append("| --- | ---: | ---: | ---: | ---: |\n");
        row(out, "C/api/execution-graph (the coloured graph, the Map's run counts)", f.graph());
        row(out, "C/api/timeline", f.timeline());
        row(out, "C/api/state-detail of the Map state", f.mapDetail());
        out.append(String.format(Locale.ROOT, "%nIn headless Chromium, from the navigation's start to the Map drawn "
                + "with its status, %d loads: median %.0f ms (each: %s ms)%n%n", f.pageMillis().size(),
                f.pageMedian(), f.pageMillis().stream().map(ms -> String.format(Locale.ROOT, "%.0f", ms))
                        .collect(Collectors.joining(", "))));
    }

    private void consoleTable(StringBuilder out) {
        W12Console.Figures f = console;
        String stored = String.format(Locale.ROOT, "%,d", W12Console.STORED);
        out.append("## W12: the web console's HTTP side (target: the first page of executions under 100 ms over "
                + stored + " executions)\n\n");
        out.append("| what | calls | calls/s | p50 | p99 |\n");
        out.append("| --- | ---: | ---: | ---: | ---: |\n");
        row(out, "C/api/executions, first page of 100, every state machine", f.firstPage());
        row(out, "C/api/executions?status=FAILED (1 in 100)", f.statusPage());
        row(out, "C/api/failures over the whole range (10,000 failures)", f.failures());
        row(out, "C/api/failures over its last hour", f.failuresHour());
        row(out, "StartExecution, STANDARD on SQLite, " + W11ApiServer.CALLERS + " client threads, no viewer",
                f.starts());
        row(out, "the same with " + W12Console.VIEWERS + " live viewers of a running execution", f.startsWatched());
        out.append(String.format(Locale.ROOT, "%nThe %s executions (%d state machines) were written into the store "
                + "file in %.0f s (one transaction). The viewers received %,d history messages while they watched."
                + "%n%n", stored, W12Console.MACHINES, f.seedSeconds(), f.eventsSeen()));
    }

    private static void row(StringBuilder out, String what, W11ApiServer.Latencies l) {
        out.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %.2f ms | %.2f ms |%n", what, l.count(),
                l.perSecond(), l.p50Micros() / 1000, l.p99Micros() / 1000));
    }

    private void coldStartTable(StringBuilder out) {
        out.append("## W9: cold start to the first result (one asl: route, W1's definition; its floor, a bare Camel "
                + "route doing W1's JSON work)\n\n");
        out.append("| app | launch | runs | median, launch to result line (parent) | median, JVM start to result "
                + "(child) | runs (parent, ms) |\n");
        out.append("| --- | --- | ---: | ---: | ---: | --- |\n");
        for (W9ColdStart.Figures f : coldStart) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f ms | %.0f ms | %s |%n", f.app().label,
                    f.launch(), f.parentMillis().size(), f.parentMedian(), f.childMedian(), f.parentMillis().stream()
                            .map(v -> String.format(Locale.ROOT, "%.0f", v)).collect(Collectors.joining(", "))));
        }
        out.append("\nAppCDS: one training run writes the archive (`-XX:ArchiveClassesAtExit=app.jsa`), later "
                + "launches map it (`-XX:SharedArchiveFile=app.jsa`); JDK 17, jars only on the class path.\n\n");
    }

    private String ratioTo(Row engine, String baseline) {
        Row other = rows.get(engine.workload + "/" + engine.parameter + "/" + engine.threads + "/" + baseline);
        if (other == null || other.executionsPerSecond == null || engine.executionsPerSecond == null) {
            return "";
        }
        double ratio = engine.executionsPerSecond / other.executionsPerSecond;
        return String.format(Locale.ROOT, ratio < 0.1 ? "%.3f×" : "%.2f×", ratio);
    }

    private String scaling(Row row) {
        Row single = rows.get(row.workload + "/" + row.parameter + "/1/" + row.implementation);
        if (single == null || single.executionsPerSecond == null || row.executionsPerSecond == null) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f", row.executionsPerSecond / single.executionsPerSecond);
    }

    private static Workload workloadOf(String className) {
        for (Workload w : Workload.values()) {
            if (w.benchmark != null && w.benchmark.getName().equals(className)) {
                return w;
            }
        }
        throw new IllegalArgumentException("not a workload of the suite: " + className);
    }

    private static String label(String implementation) {
        return switch (implementation) {
            case ENGINE -> "**engine**";
            case CAMEL -> "Camel route";
            case JAVA -> "plain Java";
            default -> implementation;
        };
    }

    /** JMH units are "ops/s", "ops/ms", ... for throughput and "us/op", "ms/op", ... for times. */
    static double perSecond(double score, String unit) {
        return score / secondsIn(unit.substring(unit.indexOf('/') + 1));
    }

    static double micros(double score, String unit) {
        return score * secondsIn(unit.substring(0, unit.indexOf('/'))) * 1e6;
    }

    private static double secondsIn(String unit) {
        return switch (unit) {
            case "ns" -> 1e-9;
            case "us", "µs" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            case "hr" -> 3600;
            default -> throw new IllegalArgumentException("unknown JMH time unit " + unit);
        };
    }

    private static String rate(Double value) {
        if (value == null) {
            return "";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    static String time(Double micros) {
        if (micros == null) {
            return "";
        }
        if (micros < 100) {
            return String.format(Locale.ROOT, "%.1f µs", micros);
        }
        if (micros < 1000) {
            return String.format(Locale.ROOT, "%.0f µs", micros);
        }
        if (micros < 1e6) {
            double ms = micros / 1000;
            return String.format(Locale.ROOT, ms < 10 ? "%.2f ms" : ms < 100 ? "%.1f ms" : "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, "%.2f s", micros / 1e6);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    /** The component jar measured (the engine may change between runs): its path and when it was built. */
    private static String componentJar() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("camel-asl-component")) {
                Path path = Path.of(entry);
                try {
                    return path.getFileName() + ", built " + Files.getLastModifiedTime(path).toInstant()
                            .truncatedTo(ChronoUnit.SECONDS) + " (" + path + ")";
                } catch (Exception e) {
                    return path.toString();
                }
            }
        }
        return "camel-asl-component not on the classpath";
    }
}
