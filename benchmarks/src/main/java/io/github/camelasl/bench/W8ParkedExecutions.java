package io.github.camelasl.bench;

import io.github.camelasl.AslComponent;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.store.ExecutionRecord;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceHelper;

/**
 * W8: 100,000 executions parked on a one-hour Wait, started as StartExecution starts them (the caller does not
 * wait for the end). Reports the heap each parked execution holds and the live threads before and after: a Wait
 * must hold memory, not a thread. Run twice: on the in-memory store (a wait that long leaves the engine, and only
 * the store's record, checkpoint and history stay, in memory) and on the durable SQLite store (they stay on
 * disk): see parkInMemorySeconds. Not a JMH
 * benchmark: the suite runs this main in a fresh JVM and reads its RESULT lines.
 */
public final class W8ParkedExecutions {

    static final int EXECUTIONS = 100_000;
    /** No start returning for this long means starting blocks. */
    private static final long STALL_NANOS = 10_000_000_000L;

    /** What the suite reports; bytes and counts as the child measured them. */
    record Figures(String store, int executions, int started, boolean stalled, long parked, long failed,
            long heapBefore, long heapAfter, int threadsBefore, int threadsAfter, double startSeconds,
            double stopSeconds) {

        /** Heap per execution started (returned from its start); all of them, unless starting stalled. */
        double bytesPerExecution() {
            return (heapAfter - heapBefore) / (double) Math.max(1, started);
        }

        static Figures from(Map<String, String> results) {
            return new Figures(results.get("store"), Integer.parseInt(results.get("executions")),
                    Integer.parseInt(results.get("started")), Boolean.parseBoolean(results.get("stalled")),
                    Long.parseLong(results.get("parked")), Long.parseLong(results.get("failed")),
                    Long.parseLong(results.get("heapBefore")), Long.parseLong(results.get("heapAfter")),
                    Integer.parseInt(results.get("threadsBefore")), Integer.parseInt(results.get("threadsAfter")),
                    Double.parseDouble(results.get("startSeconds")), Double.parseDouble(results.get("stopSeconds")));
        }
    }

    /** Starting threads: a durable store commits each start before answering, so starts go side by side. */
    static final int STARTERS = 32;

    private W8ParkedExecutions() {
    }

    /** Runs the harness in a fresh JVM; {@code store} is "memory" or "sqlite". */
    static Figures measure(int executions, String store) throws Exception {
        return Figures.from(ChildJvm.run(W8ParkedExecutions.class, List.of(), Integer.toString(executions), store));
    }

    public static void main(String[] args) throws Exception {
        int executions = args.length > 0 ? Integer.parseInt(args[0]) : EXECUTIONS;
        String storeType = args.length > 1 ? args[1] : "memory";
        // STANDARD: AWS caps EXPRESS executions at 5 minutes, so an hour's wait is a STANDARD machine's. Started as
        // AWS's StartExecution starts them: the caller has the ARN at once, and nothing of it waits for the end
        String uri = Workloads.aslUri("w8", "w8-park.asl.json", "STANDARD") + "&operation=startExecution";
        Path folder = Files.createTempDirectory("w8-store");
        AslComponent asl = new AslComponent();
        asl.setStore(storeType);
        asl.setStoreFolder(folder.toString());
        CamelFixture camel = CamelFixture.start(asl);
        Endpoint endpoint = camel.context().getEndpoint(uri);
        AsyncProducer producer = endpoint.createAsyncProducer();
        ServiceHelper.startService(producer);
        AtomicInteger failed = new AtomicInteger();
        // one parked first, so the deployment's lazily made parts (driver producer, timers, store) count in "before"
        start(producer, endpoint, -1, failed);

        // the starts run on threads of their own: if the engine ever makes a start wait out the Wait (a scheduler
        // refusing more delayed tasks, say), the harness sees it stall and reports it instead of hanging an hour
        AtomicInteger next = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        int starters = "memory".equals(storeType) ? 1 : STARTERS;
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < starters; t++) {
            Thread starter = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = next.getAndIncrement(); i < executions; i = next.getAndIncrement()) {
                    start(producer, endpoint, i, failed);
                    started.incrementAndGet();
                }
            }, "w8-starter-" + t);
            starter.setDaemon(true);
            starter.start();
            threads.add(starter);
        }

        var threadBean = ManagementFactory.getThreadMXBean();
        long heapBefore = ChildJvm.usedHeapAfterGc();
        int threadsBefore = threadBean.getThreadCount();
        long t0 = System.nanoTime();
        go.countDown();
        long lastProgress = t0;
        int seen = 0;
        boolean stalled = false;
        while (threads.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(500);
            int now = started.get();
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                stalled = true;
                break;
            }
        }
        double startSeconds = ((stalled ? lastProgress : System.nanoTime()) - t0) / 1e9;
        Thread.sleep(1000); // the last starts' executions reach their Wait
        long heapAfter = ChildJvm.usedHeapAfterGc();
        int threadsAfter = threadBean.getThreadCount();
        long parked = asl.executionStore("STANDARD").list().stream().map(ExecutionRecord::status)
                .filter(ExecutionStatus.RUNNING::equals).count() - 1;

        long t1 = System.nanoTime();
        ServiceHelper.stopService(producer);
        camel.close();
        double stopSeconds = (System.nanoTime() - t1) / 1e9;

        ChildJvm.result("store", storeType);
        ChildJvm.result("executions", executions);
        ChildJvm.result("started", started.get());
        ChildJvm.result("stalled", stalled);
        ChildJvm.result("parked", parked);
        ChildJvm.result("failed", failed.get());
        ChildJvm.result("heapBefore", heapBefore);
        ChildJvm.result("heapAfter", heapAfter);
        ChildJvm.result("threadsBefore", threadsBefore);
        ChildJvm.result("threadsAfter", threadsAfter);
        ChildJvm.result("startSeconds", startSeconds);
        ChildJvm.result("stopSeconds", stopSeconds);
        System.exit(0); // whatever the stop left behind (a stalled starter), the figures are out
    }

    /** Starts one execution; StartExecution answers at once with its ARN. */
    private static void start(AsyncProducer producer, Endpoint endpoint, int i, AtomicInteger failed) {
        Exchange exchange = endpoint.createExchange();
        exchange.getMessage().setBody("{\"order\":" + i + ",\"note\":\"waiting for approval\"}");
        CountDownLatch answered = new CountDownLatch(1);
        producer.process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                failed.incrementAndGet();
            }
            answered.countDown();
        });
        try {
            answered.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
