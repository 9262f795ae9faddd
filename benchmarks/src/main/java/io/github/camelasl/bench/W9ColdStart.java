package io.github.camelasl.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;

/**
 * W9: cold start, from launching a JVM to the first execution's result, with one asl: route (W1's definition).
 * The parent times from just before the launch to reading the child's result line; the child also reports its
 * own figure from the JVM's recorded start time (which misses the launcher's first milliseconds).
 */
public final class W9ColdStart {

    static final int RUNS = 5;

    /** Per run: the parent's and the child's milliseconds. */
    record Figures(List<Double> parentMillis, List<Double> childMillis) {

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

    static Figures measure(int runs) throws Exception {
        String expected = Workloads.write(Workloads.parse(expectedOutput()));
        List<Double> parent = new ArrayList<>();
        List<Double> child = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            ProcessBuilder builder = ChildJvm.builder(W9ColdStart.class, List.of());
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
                throw new IllegalStateException("W9: the child exited with " + process.exitValue());
            }
            System.out.printf("  [W9ColdStart] run %d: %.0f ms (child's own figure %.0f ms)%n", run + 1,
                    parent.get(run), child.get(run));
        }
        return new Figures(parent, child);
    }

    /** W1's output for its input, worked out with plain Jackson (the child checks nothing itself). */
    private static String expectedOutput() {
        var document = Workloads.parseObject(W1PassChain.INPUT);
        W1PassChain.pass(document, 10);
        return Workloads.write(document);
    }

    /** The child: what an application does to run its first execution. */
    public static void main(String[] args) throws Exception {
        try (CamelFixture camel = CamelFixture.start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:w9").to(Workloads.aslUri("w9", W1PassChain.DEFINITION));
            }
        })) {
            String output = camel.request("direct:w9", W1PassChain.INPUT);
            long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println(ChildJvm.RESULT + sinceJvmStart + " " + output);
            System.out.flush();
        }
    }
}
