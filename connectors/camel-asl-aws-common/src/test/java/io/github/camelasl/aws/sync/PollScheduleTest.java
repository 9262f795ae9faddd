package io.github.camelasl.aws.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.engine.AslError;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** How often a .sync job is described, and which failed describe calls are tried again. */
class PollScheduleTest {

    @Test
    void waitsGrowByTheMultiplierUpToTheMax() {
        PollSchedule schedule = new PollSchedule(Duration.ofMillis(100), 2, Duration.ofMillis(350));
        Duration wait = schedule.initial();
        StringBuilder waits = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            wait = schedule.next(wait);
            waits.append(wait.toMillis()).append(' ');
        }
        assertEquals("200 350 350 350 ", waits.toString());
        assertEquals(Duration.ofSeconds(1), PollSchedule.DEFAULT.initial());
        assertEquals(Duration.ofSeconds(30), PollSchedule.DEFAULT.max());
    }

    @Test
    void aScheduleThatCannotWorkIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PollSchedule(Duration.ZERO, 2, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new PollSchedule(Duration.ofSeconds(2), 2,
                Duration.ofSeconds(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PollSchedule(
                Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("multiplier"), e.getMessage());
    }

    @Test
    void aThrottledCallIsToldAlsoWhenTheConnectorNamedIt() {
        AwsServiceException throttled = AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build();
        assertTrue(SyncJobs.throttled(throttled));
        assertTrue(SyncJobs.throttled(new AslError("Glue.ThrottlingException", "Rate exceeded", throttled)));
        AwsServiceException missing = AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("EntityNotFoundException").build()).build();
        assertFalse(SyncJobs.throttled(new AslError("Glue.EntityNotFoundException", "no", missing)));
    }
}
