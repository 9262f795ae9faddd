package io.github.camelasl.harness;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.AslDeployer;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.InMemoryExecutionStore;
import io.github.camelasl.store.SqliteExecutionStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A harness, not a test (it takes a minute): one STANDARD execution of an inline Map over {@code {"Items": [0, 1,
 * ..., N-1]}} with a Pass in its ItemProcessor, on the in-memory or the SQLite store, under the default limits. It
 * prints the status, the time and the heap's peak use. Run it in a JVM of the heap to check, e.g.
 *
 * <pre>
 * mvn -B -q -o -pl camel-asl-component test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp camel-asl-component/target/classes:camel-asl-component/target/test-classes:$(cat camel-asl-component/target/cp.txt) \
 *     io.github.camelasl.harness.MillionItemMap memory|sqlite [ITEMS]
 * </pre>
 */
public final class MillionItemMap {

    private static final String DEFINITION = """
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.Items",
              "ItemProcessor": {"StartAt": "Keep", "States": {"Keep": {"Type": "Pass", "End": true}}},
              "End": true}}}""";

    private MillionItemMap() {
    }

    public static void main(String[] args) throws Exception {
        String storeKind = args.length > 0 ? args[0] : "memory";
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path folder = Files.createTempDirectory("million-item-map"); // about 3.5 GB on SQLite: delete it after
        ExecutionStore store = "sqlite".equals(storeKind) ? SqliteExecutionStore.open(folder)
                : new InMemoryExecutionStore();
        ObjectNode input = Json.NODES.objectNode();
        ArrayNode array = input.putArray("Items");
        for (int i = 0; i < items; i++) {
            array.add(i);
        }
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            StateMachineRuntime runtime = new AslDeployer(camel, store, new ResourceResolvers(camel, List.of()), timers)
                    .deploy("million-item-map", DEFINITION, StateMachineConfig.of("million"));
            long start = System.nanoTime();
            ExecutionResult result = runtime.start(input, null, Map.of(), List.of()).get(30, TimeUnit.MINUTES);
            long millis = (System.nanoTime() - start) / 1_000_000;
            long events = result.history().size(); // the store's, parsed back whole, would not fit in the heap
            System.out.printf("store=%s items=%,d status=%s %s output items=%,d events=%,d time=%,d ms "
                    + "peak heap=%,d MB max heap=%,d MB%n", storeKind, items, result.status(),
                    result.error() == null ? "" : result.error() + ": " + result.cause(),
                    result.output() == null ? 0 : result.output().size(), events, millis, peakHeap() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            timers.shutdownNow();
            store.close();
        }
    }

    /** The most heap in use at once, by the collector's pools. */
    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
