package io.github.camelasl.bench;

import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.store.ExecutionRecord;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceHelper;

/**
 * W8: 100,000 executions parked on a one-hour Wait, started without waiting for them. Reports the heap each
 * parked execution holds and the live threads before and after: a Wait must hold memory, not a thread. Not a
 * JMH benchmark: the suite runs this main in a fresh JVM and reads its RESULT lines.
 */
public final class W8ParkedExecutions {

    static final int EXECUTIONS = 100_000;
    /** No start returning for this long means starting blocks. */
    private static final long STALL_NANOS = 10_000_000_000L;

    /** What the suite reports; bytes and counts as the child measured them. */
    record Figures(int executions, int started, boolean stalled, long parked, long failed, long heapBefore,
            long heapAfter, int threadsBefore, int threadsAfter, double startSeconds, double stopSeconds) {

        /** Heap per execution started (returned from its start); all of them, unless starting stalled. */
        double bytesPerExecution() {
            return (heapAfter - heapBefore) / (double) Math.max(1, started);
        }

        static Figures from(Map<String, String> results) {
            return new Figures(Integer.parseInt(results.get("executions")), Integer.parseInt(results.get("started")),
                    Boolean.parseBoolean(results.get("stalled")), Long.parseLong(results.get("parked")),
                    Long.parseLong(results.get("failed")), Long.parseLong(results.get("heapBefore")),
                    Long.parseLong(results.get("heapAfter")), Integer.parseInt(results.get("threadsBefore")),
                    Integer.parseInt(results.get("threadsAfter")), Double.parseDouble(results.get("startSeconds")),
                    Double.parseDouble(results.get("stopSeconds")));
        }
    }

    private W8ParkedExecutions() {
    }

    /** Runs the harness in a fresh JVM. */
    static Figures measure(int executions) throws Exception {
        return Figures.from(ChildJvm.run(W8ParkedExecutions.class, List.of(), Integer.toString(executions)));
    }

    public static void main(String[] args) throws Exception {
        int executions = args.length > 0 ? Integer.parseInt(args[0]) : EXECUTIONS;
        // STANDARD: AWS caps EXPRESS executions at 5 minutes, so an hour's wait is a STANDARD machine's
        String uri = Workloads.aslUri("w8", "w8-park.asl.json", "STANDARD");
        CamelFixture camel = CamelFixture.start();
        Endpoint endpoint = camel.context().getEndpoint(uri);
        AsyncProducer producer = endpoint.createAsyncProducer();
        ServiceHelper.startService(producer);
        AtomicInteger failed = new AtomicInteger();
        // one parked first, so the deployment's lazily made parts (driver producer, timers) count in "before"
        start(producer, endpoint, -1, failed);

        // the starts run on their own thread: if the engine ever makes a start wait out the Wait (a scheduler
        // refusing more delayed tasks, say), the harness sees it stall and reports it instead of hanging an hour
        AtomicInteger started = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        Thread starter = new Thread(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < executions; i++) {
                start(producer, endpoint, i, failed);
                started.incrementAndGet();
            }
        }, "w8-starter");
        starter.setDaemon(true);
        starter.start();

        var threads = ManagementFactory.getThreadMXBean();
        long heapBefore = ChildJvm.usedHeapAfterGc();
        int threadsBefore = threads.getThreadCount();
        long t0 = System.nanoTime();
        go.countDown();
        long lastProgress = t0;
        int seen = 0;
        boolean stalled = false;
        while (starter.isAlive()) {
            starter.join(500);
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
        long heapAfter = ChildJvm.usedHeapAfterGc();
        int threadsAfter = threads.getThreadCount();
        long parked = camel.store().list().stream().map(ExecutionRecord::status)
                .filter(ExecutionStatus.RUNNING::equals).count() - 1;

        long t1 = System.nanoTime();
        ServiceHelper.stopService(producer);
        camel.close();
        double stopSeconds = (System.nanoTime() - t1) / 1e9;

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

    /** Starts one execution; the callback runs only when it ends (after the context stops, if ever). */
    private static void start(AsyncProducer producer, Endpoint endpoint, int i, AtomicInteger failed) {
        Exchange exchange = endpoint.createExchange();
        exchange.getMessage().setBody("{\"order\":" + i + ",\"note\":\"waiting for approval\"}");
        producer.process(exchange, doneSync -> {
            if (exchange.getException() != null && doneSync) {
                failed.incrementAndGet(); // failed at once (not started), rather than stopped later
            }
        });
    }
}
