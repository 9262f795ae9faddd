package io.github.camelasl.harness;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.InMemoryExecutionStore;
import io.github.camelasl.store.SqliteExecutionStore;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A harness, not a test: one execution of an endless Pass/Choice loop under the default limits, which must end it
 * FAILED at maxHistoryEvents rather than run out of heap. Run as {@link MillionItemMap} is, with {@code
 * io.github.camelasl.harness.EndlessLoop memory|sqlite}.
 */
public final class EndlessLoop {

    private static final String DEFINITION = """
            {"StartAt": "Again", "States": {
              "Again": {"Type": "Pass", "Next": "Loop"},
              "Loop": {"Type": "Choice", "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "Again"}],
                       "Default": "Done"},
              "Done": {"Type": "Succeed"}}}""";

    private EndlessLoop() {
    }

    public static void main(String[] args) throws Exception {
        String storeKind = args.length > 0 ? args[0] : "memory";
        ExecutionStore store = "sqlite".equals(storeKind)
                ? SqliteExecutionStore.open(Files.createTempDirectory("endless-loop")) : new InMemoryExecutionStore();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            StateMachineRuntime runtime = new AslDeployer(camel, store, new ResourceResolvers(camel, List.of()), timers)
                    .deploy("endless-loop", DEFINITION, StateMachineConfig.of("endless"));
            long start = System.nanoTime();
            ExecutionResult result = runtime.start(Json.parse("{\"go\": true}"), null, Map.of(), List.of())
                    .get(60, TimeUnit.MINUTES);
            System.out.printf("store=%s status=%s %s: %s events=%,d time=%,d ms peak heap=%,d MB max heap=%,d MB%n",
                    storeKind, result.status(), result.error(), result.cause(), result.history().size(),
                    (System.nanoTime() - start) / 1_000_000, MillionItemMap.peakHeap() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            timers.shutdownNow();
            store.close();
        }
    }
}
