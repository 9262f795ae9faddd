package io.github.camelasl.aws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.aws.testing.LambdaFunction;
import io.github.camelasl.aws.testing.LambdaFunction.Outcome;
import io.github.camelasl.dataflow.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Python handlers for the Lambda stand-in, run by the machine's {@code python3}: one process, started once, runs
 * every invocation on a thread of its own (as warm execution environments do), with a small runtime that
 * serialises results and errors as the AWS Python runtime does. A process per invocation would pay the
 * interpreter's start-up each time, which on a busy machine outlasts a Task's TimeoutSeconds of 1.
 */
public final class PythonLambdaRuntime implements AutoCloseable {

    /** The interpreter: python3 on the PATH unless -Dasl.python names another. */
    private static final String PYTHON = System.getProperty("asl.python", "python3");

    private final Path dir;
    private final Duration timeout;
    private final Process process;
    private final Writer requests;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public PythonLambdaRuntime(Duration timeout) throws IOException {
        this.timeout = timeout;
        this.dir = Files.createTempDirectory("lambda-python");
        Path runtime = dir.resolve("lambda_runtime.py");
        try (InputStream in = PythonLambdaRuntime.class.getResourceAsStream("/python/lambda_runtime.py")) {
            Files.copy(in, runtime);
        }
        this.process = new ProcessBuilder(PYTHON, "-u", runtime.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread answers = new Thread(this::readAnswers, "python-lambda-runtime");
        answers.setDaemon(true);
        answers.start();
    }

    /** Why Python handlers cannot run here, or null when {@code python3} answers. */
    public static String unavailableReason() {
        try {
            Process p = new ProcessBuilder(PYTHON, "--version").redirectErrorStream(true).start();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return null;
            }
            p.destroyForcibly();
            return PYTHON + " --version did not succeed";
        } catch (IOException e) {
            return PYTHON + " is not installed (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** A function running {@code handlerSource} (a module defining {@code handler(event, context)}). */
    public LambdaFunction function(String handlerSource) {
        Path source;
        try {
            source = Files.createTempFile(dir, "handler", ".py");
            Files.writeString(source, handlerSource, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (event, invocation) -> run(source, event, invocation);
    }

    private Outcome run(Path source, String event, LambdaFunction.Invocation invocation) throws Exception {
        long id = ids.incrementAndGet();
        ObjectNode request = Json.NODES.objectNode().put("id", id).put("source", source.toString())
                .put("event", event).put("requestId", invocation.requestId())
                .put("functionName", invocation.functionName()).put("version", invocation.executedVersion())
                .put("functionArn", invocation.functionArn()).put("timeoutSeconds", timeout.toSeconds());
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (requests) {
                requests.write(Json.write(request) + "\n");
                requests.flush();
            }
            JsonNode result = answer.get(timeout.toSeconds(), TimeUnit.SECONDS);
            return new Outcome(Base64.getDecoder().decode(result.path("payload").asText()),
                    result.path("failed").asBoolean(), result.path("log").asText());
        } catch (TimeoutException e) {
            return Outcome.raising("Sandbox.Timedout", "Task timed out after " + timeout.toSeconds() + ".00 seconds",
                    invocation.requestId());
        } finally {
            pending.remove(id);
        }
    }

    private void readAnswers() {
        try (BufferedReader answers = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = answers.readLine(); line != null; line = answers.readLine()) {
                JsonNode answer = Json.parse(line);
                CompletableFuture<JsonNode> waiting = pending.get(answer.path("id").asLong());
                if (waiting != null) {
                    waiting.complete(answer);
                }
            }
        } catch (IOException e) {
            // the process ended: the invocations still waiting fail below
        }
        pending.values().forEach(f -> f.completeExceptionally(new IOException("the Python runtime ended")));
    }

    /** Ends the runtime, and with it the invocations still running (a function sleeping past its TimeoutSeconds). */
    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
