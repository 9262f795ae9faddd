package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.TaskTokens;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** GetActivityTask's long polls are bounded: past the limit one is refused at once, as AWS refuses one. */
class ActivityWorkerLimitTest {

    @Test
    void aPollOverTheLimitIsRefusedAndTheLimitFreesWhenAPollEnds() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            ActivityActions activities = new ActivityActions(() -> camel, new TaskTokens(),
                    new InMemoryExecutionStore(), "us-east-1",
                    "123456789012", Clock.systemUTC(), Duration.ofMillis(800), 1);
            activities.tags(new ResourceTags(arn -> true, new InMemoryExecutionStore()));
            String arn = activities.create(Json.parse("{\"name\": \"busy\"}")).get("activityArn").asText();
            String poll = "{\"activityArn\": \"" + arn + "\"}";

            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return activities.getActivityTask(Json.parse(poll)).toString();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < 400 && activities.pollsWaiting() == 0; i++) {
                Thread.sleep(5);
            }
            assertEquals(1, activities.pollsWaiting());
            AslError refused = assertThrows(AslError.class, () -> activities.getActivityTask(Json.parse(poll)));
            assertEquals("ActivityWorkerLimitExceeded", refused.error());
            assertEquals("{}", first.get(10, TimeUnit.SECONDS), "the first poll answers no task when none came");
            // its end frees the limit: the next poll waits for a task again, and answers none
            assertEquals("{}", activities.getActivityTask(Json.parse(poll)).toString());
            assertThrows(AslError.class, () -> activities.getActivityTask(Json.parse("{\"activityArn\": \""
                    + arn.replace("busy", "other") + "\"}")));
        }
    }
}
