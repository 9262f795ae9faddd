package io.github.camelasl;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.store.ExecutionSummary;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * ListExecutions' {@code nextToken}: where the next page starts (the last execution given, by start date and ARN),
 * opaque to the caller as AWS's is. A token names a place in the order, not an offset, so executions started
 * between two pages shift nothing.
 */
final class ListTokens {

    private static final String VERSION = "1";
    private static final int MAX_TOKEN = 1024; // AWS's limit on nextToken

    private ListTokens() {
    }

    static String token(ExecutionSummary.Cursor cursor) {
        String plain = VERSION + "|" + cursor.startDate().toEpochMilli() + "|" + cursor.executionArn();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The request's nextToken as a cursor, or null when it has none. */
    static ExecutionSummary.Cursor cursor(JsonNode request) {
        JsonNode value = request.get("nextToken");
        if (value == null || value.isNull()) {
            return null;
        }
        String token = value.asText();
        try {
            if (token.length() <= MAX_TOKEN) {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                        .split("\\|", 3);
                if (parts.length == 3 && parts[0].equals(VERSION) && !parts[2].isEmpty()) {
                    return new ExecutionSummary.Cursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]);
                }
            }
        } catch (IllegalArgumentException e) {
            // said below (NumberFormatException is one)
        }
        throw new AslError("InvalidToken", "Invalid Token: '" + (token.length() > 64 ? token.substring(0, 64) + "..."
                : token) + "' is not a nextToken ListExecutions gave");
    }
}
