package io.github.camelasl.aws.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real DynamoDB for tests: dynalite (an emulator that validates as strictly as AWS and answers AWS's error texts)
 * in a node process, on a free loopback port, in memory, with tables ACTIVE as soon as they are created. dynalite is
 * installed by the repository's {@code ./install-test-tools} ({@code npm ci} from the package-lock.json pinned in
 * {@code connectors/camel-asl-aws-test-support/dynalite}); when it or node is missing, the constructor throws saying
 * so (a test that needs it fails rather than skips).
 *
 * <pre>{@code
 * try (Dynalite dynamo = new Dynalite()) {
 *     DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynamo.endpoint())...build();
 * }
 * }</pre>
 */
public final class Dynalite implements AutoCloseable {

    /** Where the install is, relative to the repository's root. */
    static final String INSTALL = "connectors/camel-asl-aws-test-support/dynalite/node_modules/dynalite/cli.js";
    private static final String LISTENING = "Dynalite listening at";
    private static final long START_SECONDS = 30;
    private static final int PORT_ATTEMPTS = 3;

    private final Process process;
    private final URI endpoint;

    public Dynalite() {
        Path cli = cli(Path.of(System.getProperty("user.dir")));
        IllegalStateException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port = freePort();
            Process started = start(cli, port);
            try {
                awaitListening(started, port);
            } catch (IllegalStateException e) {
                stop(started);
                last = e; // most likely the port was taken between freePort() and node's listen: try another
                continue;
            }
            process = started;
            endpoint = URI.create("http://127.0.0.1:" + port);
            return;
        }
        throw last;
    }

    /** The endpoint to give an SDK client ({@code endpointOverride}) or the DynamoDB connector. */
    public URI endpoint() {
        return endpoint;
    }

    /** Ends dynalite and anything it started. */
    @Override
    public void close() {
        stop(process);
    }

    /** dynalite's cli.js, looked for from the working directory (a module's folder under Maven) up to the root. */
    static Path cli(Path from) {
        for (Path folder = from.toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path cli = folder.resolve(INSTALL);
            if (Files.isRegularFile(cli)) {
                return cli;
            }
            if (Files.isRegularFile(folder.resolve("install-test-tools"))) {
                throw new IllegalStateException("dynalite is not installed (no " + cli + "): run ./install-test-tools"
                        + " in " + folder + " (it runs npm ci; needs node 20 or later)");
            }
        }
        throw new IllegalStateException("dynalite is not installed: no " + INSTALL + " above " + from
                + "; run ./install-test-tools in the repository's root (it runs npm ci; needs node 20 or later)");
    }

    private static Process start(Path cli, int port) {
        List<String> command = List.of("node", cli.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0");
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start dynalite (" + String.join(" ", command) + "): " + e.getMessage()
                    + "; node 20 or later must be on the PATH (then run ./install-test-tools)", e);
        }
    }

    /** Waits for dynalite's "listening" line; its output goes on being drained (and dropped) so it never blocks. */
    private static void awaitListening(Process process, int port) {
        CountDownLatch listening = new CountDownLatch(1);
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (listening.getCount() > 0) {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                        if (line.startsWith(LISTENING)) {
                            listening.countDown();
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "dynalite-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
            while (!listening.await(50, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    synchronized (output) {
                        throw new IllegalStateException((process.isAlive()
                                ? "dynalite did not listen on port " + port + " within " + START_SECONDS + " s"
                                : "dynalite ended (exit " + process.exitValue() + ")") + ": " + output);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dynalite started", e);
        }
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
