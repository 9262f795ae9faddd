package io.github.camelasl.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.camel.builder.RouteBuilder;

/**
 * W9: cold start, from launching a JVM to the first execution's result, with one asl: route (W1's definition),
 * beside its floor: a bare CamelContext whose one route does W1's JSON work with Jackson. Each runs on a default
 * JVM and again with an application class-data archive (AppCDS, JDK 17: one training run writes it with
 * {@code -XX:ArchiveClassesAtExit}, later launches map it with {@code -XX:SharedArchiveFile}), the JVM's own
 * remedy for class loading, which is most of a Camel application's start. The parent times from just before the
 * launch to reading the child's result line; the child also reports its own figure from the JVM's recorded start
 * time (which misses the launcher's first milliseconds).
 */
public final class W9ColdStart {

    static final int RUNS = 5;

    /** What the child starts: the engine's route, or the Camel floor. */
    enum App {
        ENGINE("asl: route"), CAMEL("bare Camel route");

        final String label;

        App(String label) {
            this.label = label;
        }
    }

    /** Per run: the parent's and the child's milliseconds; {@code launch} says how the JVM was started. */
    record Figures(App app, String launch, List<Double> parentMillis, List<Double> childMillis) {

        double parentMedian() {
            return median(parentMillis);
        }

        double childMedian() {
            return median(childMillis);
        }

        private static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }

    private W9ColdStart() {
    }

    /** Each app on a default JVM, then with an AppCDS archive when the class path allows one (jars only). */
    static List<Figures> measureAll(int runs) throws Exception {
        List<Figures> all = new ArrayList<>();
        String directory = directoryOnClassPath();
        for (App app : App.values()) {
            all.add(measure(app, "default JVM", List.of(), runs));
            if (directory != null) {
                System.out.println("  [W9ColdStart] no AppCDS run: the class path holds a directory (" + directory
                        + "), and a class-data archive takes only jars");
                continue;
            }
            Path archive = Workloads.metaDir().resolve("w9-" + app.name().toLowerCase(Locale.ROOT) + ".jsa");
            Files.deleteIfExists(archive);
            measure(app, "training run", List.of("-XX:ArchiveClassesAtExit=" + archive), 1);
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("W9: the training run wrote no class-data archive; see its log in "
                        + Workloads.metaDir());
            }
            all.add(measure(app, "AppCDS archive", List.of("-XX:SharedArchiveFile=" + archive), runs));
        }
        return all;
    }

    private static String directoryOnClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> Files.isDirectory(Path.of(entry))).findFirst().orElse(null);
    }

    static Figures measure(App app, String launch, List<String> jvmArgs, int runs) throws Exception {
        String expected = Workloads.write(Workloads.parse(expectedOutput()));
        List<Double> parent = new ArrayList<>();
        List<Double> child = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            ProcessBuilder builder = ChildJvm.builder(W9ColdStart.class, jvmArgs, app.name());
            long t0 = System.nanoTime();
            Process process = builder.start();
            String line;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                line = out.readLine();
                long t1 = System.nanoTime();
                if (line == null || !line.startsWith(ChildJvm.RESULT)) {
                    throw new IllegalStateException("W9: the child printed " + line + "; see its log in "
                            + Workloads.metaDir());
                }
                String[] parts = line.substring(ChildJvm.RESULT.length()).split(" ", 2);
                if (!expected.equals(Workloads.write(Workloads.parse(parts[1])))) {
                    throw new IllegalStateException("W9: unexpected output " + parts[1]);
                }
                parent.add((t1 - t0) / 1e6);
                child.add(Double.parseDouble(parts[0]));
                out.transferTo(java.io.Writer.nullWriter());
            }
            if (process.waitFor() != 0) {
                throw new IllegalStateException("W9: the child exited with " + process.exitValue() + "; see its log in "
                        + Workloads.metaDir());
            }
            System.out.printf("  [W9ColdStart] %s, %s, run %d: %.0f ms (child's own figure %.0f ms)%n", app.label,
                    launch, run + 1, parent.get(run), child.get(run));
        }
        return new Figures(app, launch, parent, child);
    }

    /** W1's output for its input, worked out with plain Jackson (the child checks nothing itself). */
    private static String expectedOutput() {
        return W1PassChain.passChain(W1PassChain.INPUT);
    }

    /** The child: what an application does to run its first execution (args[0]: ENGINE or CAMEL). */
    public static void main(String[] args) throws Exception {
        App app = App.valueOf(args[0]);
        try (CamelFixture camel = CamelFixture.start(new RouteBuilder() {
            @Override
            public void configure() {
                if (app == App.ENGINE) {
                    from("direct:w9").to(Workloads.aslUri("w9", W1PassChain.DEFINITION));
                } else {
                    from("direct:w9").process(e -> e.getMessage().setBody(
                            W1PassChain.passChain(e.getMessage().getBody(String.class))));
                }
            }
        })) {
            String output = camel.request("direct:w9", W1PassChain.INPUT);
            long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println(ChildJvm.RESULT + sinceJvmStart + " " + output);
            System.out.flush();
        }
    }
}
