package io.github.camelasl.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.history.ExecutionHistory;
import io.github.camelasl.history.HistoryEventType;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.InMemoryExecutionStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live streams' pollers: one per watched execution whatever its viewers, none once they left. */
class LiveUpdatesTest {

    private static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:m:live";

    /** Counts the pollers' reads of events. */
    private static final class CountingStore extends InMemoryExecutionStore {
        final AtomicInteger eventReads = new AtomicInteger();

        @Override
        public List<com.fasterxml.jackson.databind.JsonNode> eventsAfter(String executionArn, long afterId,
                int limit) {
            eventReads.incrementAndGet();
            return super.eventsAfter(executionArn, afterId, limit);
        }
    }

    private final CountingStore store = new CountingStore();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    private final LiveUpdates live = new LiveUpdates(store, poller);
    private Vertx vertx;
    private int port;
    private ExecutionHistory history;

    @BeforeEach
    void start() throws Exception {
        store.create(new ExecutionRecord(ARN, "m", null, ExecutionStatus.RUNNING, Json.NODES.objectNode(), null, null,
                null, Instant.now(), null, "{}"));
        history = new ExecutionHistory(List.of(), store.recorder(ARN)::appendEvent);
        history.append(HistoryEventType.ExecutionStarted, 0, Json.NODES.objectNode());
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> live.watchExecution(request.response(),
                ARN, 0));
        port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get().actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        poller.shutdownNow();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void fiftyViewersShareOnePollerThatStopsWhenTheLastLeaves() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Stream<String>> streams = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + port + "/")).build(), HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            streams.add(response.body());
        }
        // each viewer has its first history, with the one event there is
        for (Stream<String> stream : streams) {
            var lines = stream.iterator();
            String line;
            do {
                line = lines.next();
            } while (!line.startsWith("data: "));
            assertTrue(line.contains("\"ExecutionStarted\""), line);
        }
        assertEquals(1, live.watchedExecutions());
        // one poller: about four reads a second, not fifty viewers' worth
        int before = store.eventReads.get();
        Thread.sleep(1_000);
        int reads = store.eventReads.get() - before;
        assertTrue(reads <= 8, reads + " reads of the events in a second");

        streams.forEach(Stream::close);
        await(() -> live.watchedExecutions() == 0, "the poller stopped once its viewers left");
        int stopped = store.eventReads.get();
        Thread.sleep(600);
        assertEquals(stopped, store.eventReads.get(), "no reads once stopped");
    }

    @Test
    void aViewerThatDoesNotReadIsDroppedNotBufferedFor() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setReceiveBufferSize(4096);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            in.read(new byte[256]); // the response has begun; nothing more is read
            await(() -> live.watchedExecutions() == 1, "the viewer is watching");
            String big = "x".repeat(10_000);
            for (int i = 0; i < 2_000; i++) {
                history.append(HistoryEventType.StateEntered, "PassStateEntered", i + 1,
                        Json.NODES.objectNode().put("name", "S" + i).put("input", big));
            }
            await(() -> live.watchedExecutions() == 0, "the viewer that did not read was dropped");
        }
    }

    @Test
    void bigEventsGoOverSeveralMessagesOfBoundedSize() throws Exception {
        String big = "x".repeat(200_000);
        for (int i = 0; i < 20; i++) {
            history.append(HistoryEventType.StateEntered, "PassStateEntered", i + 1,
                    Json.NODES.objectNode().put("name", "S" + i).put("input", big));
        }
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            var iterator = lines.iterator();
            long lastEventId = 0;
            int messages = 0;
            while (lastEventId < 21) {
                String line = iterator.next();
                if (line.startsWith("data: ")) {
                    // one event may go over the limit, never a second one
                    assertTrue(line.length() < LiveUpdates.MAX_MESSAGE_CHARS + 210_000, line.length() + " chars");
                    long next = Json.parse(line.substring("data: ".length())).path("lastEventId").asLong();
                    assertTrue(next > lastEventId, "each message carries on from the last");
                    lastEventId = next;
                    messages++;
                }
            }
            assertTrue(messages >= 4, messages + " messages for 4 MB of events");
        }
    }

    @Test
    void aViewerGoneBeforeItsStreamOpensIsNotKept() throws Exception {
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            request.connection().closeHandler(v -> closed.countDown());
            live.watchExecution(request.response(), ARN, 0);
        });
        int otherPort = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get().actualPort();
        // the pollers' thread is busy (a slow read of the store) while the viewer comes and goes
        java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
        poller.execute(() -> {
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (Socket socket = new Socket("127.0.0.1", otherPort)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        assertTrue(closed.await(10, java.util.concurrent.TimeUnit.SECONDS), "the server saw the viewer go");
        busy.countDown();
        await(() -> live.watchedExecutions() == 0, "no poller for a viewer that had gone before its stream opened");
    }

    @Test
    void anExecutionThatIsNotThereIsA404() throws Exception {
        Vertx other = vertx;
        HttpServer server = other.createHttpServer().requestHandler(request -> live.watchExecution(request.response(),
                "arn:nothing", 0));
        int otherPort = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get().actualPort();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + otherPort + "/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
        assertEquals("ResourceNotFound", Json.parse(response.body()).get("__type").asText());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
    }
}
