package io.github.camelasl.test;

import static io.github.camelasl.test.AslAssertions.assertThat;
import static io.github.camelasl.test.AslAssertions.assertThatThrownBy;

import io.github.camelasl.engine.ExecutionLimits;
import io.github.camelasl.engine.StateMachineConfig;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A loop that never ends fails fast and says where it is, and times do not depend on the wall clock. */
class RunawayLoopTest {

    private static final String FOREVER = """
            {"StartAt": "Pause",
             "States": {
               "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Done?"},
               "Done?": {"Type": "Choice", "Choices": [{"Variable": "$.done", "IsPresent": true, "Next": "End"}],
                         "Default": "Pause"},
               "End": {"Type": "Succeed"}}}
            """;

    @Test
    void aRunawayLoopEndsAtAwssHistoryLimit() {
        try (AslTestKit kit = AslTestKit.create()) {
            ExecutionRun run = kit.deploy("Forever", FOREVER).run("{}");

            assertThat(run).failed();
            org.assertj.core.api.Assertions.assertThat(run.history()).hasSizeLessThanOrEqualTo(
                    ExecutionLimits.AWS_MAX_HISTORY_EVENTS);
        }
    }

    @Test
    void theClocksBoundIsAnAssertionNamingTheExecutionAndWhereItIs() {
        try (AslTestKit kit = AslTestKit.create()) {
            StateMachineUnderTest forever = kit.deploy(StateMachineConfig.of("Forever"), FOREVER);
            kit.clock().maxTimers(50);

            assertThatThrownBy(() -> forever.run("{}")).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("arn:aws:states:").hasMessageContaining("Forever")
                    .hasMessageContaining("Pause").hasMessageContaining("maxTimers");
        }
    }

    @Test
    void aKitsClockStartsAtAFixedInstantOrTheOneGiven() {
        try (AslTestKit kit = AslTestKit.create(); AslTestKit later = AslTestKit.create(
                Instant.parse("2030-01-02T03:04:05Z"))) {
            org.assertj.core.api.Assertions.assertThat(kit.clock().now()).isEqualTo(AslTestKit.DEFAULT_START);
            org.assertj.core.api.Assertions.assertThat(later.clock().now())
                    .isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
        }
    }
}
