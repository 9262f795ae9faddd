package io.github.camelasl.server.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's logins, kept on the server: a cookie holds only a random key to one. At most {@link #MAX_SESSIONS}
 * (the oldest gives way to a new one), each for {@link #LIFETIME}.
 */
final class ConsoleSessions {

    static final int MAX_SESSIONS = 1_000;
    static final Duration LIFETIME = Duration.ofHours(12);

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    /** Key to expiry, oldest first. */
    private final Map<String, Instant> expiries = new LinkedHashMap<>();

    ConsoleSessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session's key: 256 random bits, URL-safe. */
    synchronized String create() {
        Instant now = clock.instant();
        expiries.values().removeIf(expiry -> !expiry.isAfter(now));
        Iterator<String> oldest = expiries.keySet().iterator();
        while (expiries.size() >= MAX_SESSIONS && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiries.put(key, now.plus(LIFETIME));
        return key;
    }

    /** True when {@code key} is a session's that has not expired. */
    synchronized boolean isLive(String key) {
        if (key == null) {
            return false;
        }
        Instant expiry = expiries.get(key);
        if (expiry == null) {
            return false;
        }
        if (!expiry.isAfter(clock.instant())) {
            expiries.remove(key);
            return false;
        }
        return true;
    }

    synchronized void end(String key) {
        if (key != null) {
            expiries.remove(key);
        }
    }

    synchronized int size() {
        return expiries.size();
    }
}
