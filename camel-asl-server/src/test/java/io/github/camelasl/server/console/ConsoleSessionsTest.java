package io.github.camelasl.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-03-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void aSessionLastsTwelveHours() {
        MovingClock clock = new MovingClock();
        ConsoleSessions sessions = new ConsoleSessions(clock);
        String key = sessions.create();
        assertTrue(key.matches("[A-Za-z0-9_-]{43}"), key);
        assertNotEquals(key, sessions.create());
        clock.now = clock.now.plus(Duration.ofHours(12)).minusSeconds(1);
        assertTrue(sessions.isLive(key));
        clock.now = clock.now.plusSeconds(1);
        assertFalse(sessions.isLive(key));
        assertFalse(sessions.isLive(null));
        assertFalse(sessions.isLive("made-up"));
    }

    @Test
    void theOldestSessionGivesWayWhenTheyAreAsManyAsAllowed() {
        MovingClock clock = new MovingClock();
        ConsoleSessions sessions = new ConsoleSessions(clock);
        String first = sessions.create();
        String second = sessions.create();
        for (int i = 2; i < ConsoleSessions.MAX_SESSIONS; i++) {
            sessions.create();
        }
        assertEquals(ConsoleSessions.MAX_SESSIONS, sessions.size());
        String newest = sessions.create();
        assertEquals(ConsoleSessions.MAX_SESSIONS, sessions.size());
        assertFalse(sessions.isLive(first));
        assertTrue(sessions.isLive(second));
        assertTrue(sessions.isLive(newest));
        sessions.end(newest);
        assertFalse(sessions.isLive(newest));
    }

    @Test
    void expiredSessionsMakeRoomFirst() {
        MovingClock clock = new MovingClock();
        ConsoleSessions sessions = new ConsoleSessions(clock);
        for (int i = 0; i < 10; i++) {
            sessions.create();
        }
        clock.now = clock.now.plus(Duration.ofHours(13));
        sessions.create();
        assertEquals(1, sessions.size());
    }
}
