package io.github.camelasl.server.console;

import io.github.camelasl.engine.ExecutionStatus;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** A request's query parameters, each read with a clear error naming it when it is not what it must be. */
final class QueryParams {

    /** The longest text a parameter may have: an ARN is at most 2,048 characters. */
    static final int MAX_LENGTH = 2_048;

    private final MultiMap params;

    QueryParams(MultiMap params) {
        this.params = params;
    }

    /**
     * The request's query parameters; a 400 for a query string Vert.x cannot decode (a broken percent-escape as
     * {@code %zz}), which it reports as an IllegalArgumentException that would otherwise be a bare 500.
     */
    static QueryParams of(HttpServerRequest request) {
        try {
            return new QueryParams(request.params());
        } catch (IllegalArgumentException e) {
            throw ConsoleError.validation("The query string of " + request.path() + " is not well formed: "
                    + e.getMessage());
        }
    }

    /** The parameter's text, or null when it is absent or empty. */
    String text(String name) {
        List<String> values = params.getAll(name);
        if (values.size() > 1) {
            throw ConsoleError.validation("The parameter " + name + " is given " + values.size() + " times; give it "
                    + "once");
        }
        String value = values.isEmpty() ? null : values.get(0);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_LENGTH) {
            throw ConsoleError.validation("The parameter " + name + " is longer than " + MAX_LENGTH + " characters");
        }
        return value;
    }

    String required(String name) {
        String value = text(name);
        if (value == null) {
            throw ConsoleError.validation("The parameter " + name + " is required");
        }
        return value;
    }

    /** An ISO-8601 instant (2026-03-01T00:00:00Z), or {@code otherwise} when absent. */
    Instant instant(String name, Instant otherwise) {
        String value = text(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ConsoleError.validation("The parameter " + name + " must be an ISO-8601 date and time in UTC as "
                    + "2026-03-01T00:00:00Z, but was '" + value + "'");
        }
    }

    /** A whole number in [min, max], or {@code otherwise} when absent. */
    int integer(String name, int min, int max, int otherwise) {
        String value = text(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ConsoleError.validation("The parameter " + name + " must be a whole number from " + min + " to " + max
                + ", but was '" + value + "'");
    }

    ExecutionStatus status(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return ExecutionStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ConsoleError.validation("The parameter " + name + " must be one of "
                    + Arrays.toString(ExecutionStatus.values()) + ", but was '" + value + "'");
        }
    }

    /** [from, to): both given or defaulted, from before to. */
    static void checkRange(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw ConsoleError.validation("The parameter from (" + from + ") must be before to (" + to + ")");
        }
    }
}
