package io.github.camelasl.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a harness main in a fresh JVM (same java binary, same classpath), so W8's heap and thread figures and
 * W9's start-up time are not those of the JVM that ran JMH. Children print {@code RESULT name value} lines.
 */
final class ChildJvm {

    static final String RESULT = "RESULT ";

    private ChildJvm() {
    }

    static ProcessBuilder builder(Class<?> main, List<String> jvmArgs, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Path log = Workloads.metaDir().resolve(main.getSimpleName() + ".log");
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    /** Runs the child to its end and returns its RESULT lines as name to value; a failing child throws. */
    static Map<String, String> run(Class<?> main, List<String> jvmArgs, String... args) throws Exception {
        Process process = builder(main, jvmArgs, args).start();
        Map<String, String> results = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.out.println("  [" + main.getSimpleName() + "] " + line);
                if (line.startsWith(RESULT)) {
                    String[] parts = line.substring(RESULT.length()).split(" ", 2);
                    results.put(parts[0], parts.length > 1 ? parts[1] : "");
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(main.getSimpleName() + " exited with " + exit + "; see "
                    + Workloads.metaDir().resolve(main.getSimpleName() + ".log"));
        }
        return results;
    }

    /** Used heap after full collections: what is still reachable. */
    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void result(String name, Object value) {
        System.out.println(RESULT + name + " " + value);
    }
}
