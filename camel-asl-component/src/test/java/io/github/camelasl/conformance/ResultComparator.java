package io.github.camelasl.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.conformance.ConformanceCase.Outcome;
import io.github.camelasl.conformance.ConformanceCase.Replacement;
import io.github.camelasl.dataflow.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compares our normalised result with AWS's: the status, then the output of a success or the error and cause of a
 * failure. A cause that is JSON text on both sides compares as JSON.
 *
 * <p>Numbers compare by their text ({@code 1.0} differs from {@code 1}), although the corpus README says to compare
 * them by value: AWS writes a number as it came in (its recordings keep {@code 0.0} as {@code 0.0}), and comparing
 * by value let the engine write {@code 60.0} as {@code 6E+1} unnoticed. The expected text is the case file's own (the
 * engine's parser is not the one reading it: see {@link ConformanceCase#parseRecorded}), which is AWS's where the
 * recording kept it; where the recording went through Python, a float is Python's shortest text for it, which is
 * AWS's for every number the cases in scope hold.
 *
 * <p>A placeholder of the expectation that none of the case's normalisers can produce (say {@code <json-input:1>},
 * put in by a transformer the recording does not list) stands for any text, as the corpus README says.
 */
final class ResultComparator {

    private static final int SHOWN = 240;
    private static final Pattern REFERENCE = Pattern.compile("<([^<>:]+):\\d+>");

    private final ConformanceCase recorded;
    private final List<String> wildcards;

    ResultComparator(ConformanceCase recorded) {
        this.recorded = recorded;
        this.wildcards = recorded.placeholders().stream().filter(p -> !producible(p)).toList();
    }

    /** A one-line description of the first difference, or empty when our result matches AWS's. */
    Optional<String> difference(Outcome actual) {
        Outcome expected = recorded.expected();
        if (!expected.status().equals(actual.status())) {
            return Optional.of("status: expected " + describe(expected) + ", got " + describe(actual));
        }
        if ("SUCCEEDED".equals(expected.status())) {
            return compared("output", expected.output(), actual.output());
        }
        Optional<String> error = compared("error", expected.error(), actual.error());
        return error.isPresent() ? error : compared("cause", expected.cause(), actual.cause());
    }

    private Optional<String> compared(String field, JsonNode expected, JsonNode actual) {
        if (recorded.maskedFields().contains(field)) {
            return Optional.empty();
        }
        return firstDifference(orNull(expected), orNull(actual), "").map(where -> field + where);
    }

    private Optional<String> compared(String field, String expected, String actual) {
        if (recorded.maskedFields().contains(field) || stringsMatch(expected, actual)) {
            return Optional.empty();
        }
        JsonNode expectedJson = parseOrNull(expected, true);
        JsonNode actualJson = parseOrNull(actual, false);
        if (expectedJson != null && actualJson != null && expectedJson.isContainerNode()) {
            return compared(field, expectedJson, actualJson);
        }
        return Optional.of(field + ": expected " + quote(expected) + ", got " + quote(actual));
    }

    /** Where the two first differ (a JSON pointer) and how, or empty when they are equal. */
    private Optional<String> firstDifference(JsonNode expected, JsonNode actual, String at) {
        boolean same;
        if (expected.isNumber() && actual.isNumber()) {
            same = Json.write(expected).equals(Json.write(actual));
        } else if (expected.isTextual() && actual.isTextual()) {
            same = stringsMatch(expected.asText(), actual.asText());
        } else if (expected.getNodeType() != actual.getNodeType()) {
            same = false;
        } else if (expected.isObject()) {
            return objectDifference(expected, actual, at);
        } else if (expected.isArray()) {
            return arrayDifference(expected, actual, at);
        } else {
            same = expected.equals(actual);
        }
        return same ? Optional.empty() : Optional.of(valuesAt(at, expected, actual));
    }

    private Optional<String> objectDifference(JsonNode expected, JsonNode actual, String at) {
        for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!actual.has(name)) {
                return Optional.of(valuesAt(at, expected, actual) + " (missing key '" + name + "')");
            }
            Optional<String> inner = firstDifference(expected.get(name), actual.get(name), at + "/" + name);
            if (inner.isPresent()) {
                return inner;
            }
        }
        for (Iterator<String> names = actual.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!expected.has(name)) {
                return Optional.of(valuesAt(at, expected, actual) + " (unexpected key '" + name + "')");
            }
        }
        return Optional.empty();
    }

    private Optional<String> arrayDifference(JsonNode expected, JsonNode actual, String at) {
        if (expected.size() != actual.size()) {
            return Optional.of(valuesAt(at, expected, actual));
        }
        for (int i = 0; i < expected.size(); i++) {
            Optional<String> inner = firstDifference(expected.get(i), actual.get(i), at + "/" + i);
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.empty();
    }

    private static String valuesAt(String at, JsonNode expected, JsonNode actual) {
        return (at.isEmpty() ? "" : " at " + at) + ": expected " + shorten(Json.write(expected)) + ", got "
                + shorten(Json.write(actual));
    }

    private boolean stringsMatch(String expected, String actual) {
        if (Objects.equals(expected, actual)) {
            return true;
        }
        if (expected == null || actual == null || wildcards.stream().noneMatch(expected::contains)) {
            return false;
        }
        return wildcardPattern(expected).matcher(actual).matches();
    }

    /** The expected text as a regex in which each unproducible placeholder matches anything. */
    private Pattern wildcardPattern(String expected) {
        List<String> parts = new ArrayList<>(List.of(Pattern.quote(expected)));
        for (String wildcard : wildcards) {
            List<String> split = new ArrayList<>();
            for (String part : parts) {
                split.add(part.replace(wildcard, "\\E.*\\Q"));
            }
            parts = split;
        }
        return Pattern.compile(String.join("", parts), Pattern.DOTALL);
    }

    /** True when one of the case's normalisers writes this placeholder into our result as well. */
    private boolean producible(String placeholder) {
        for (Replacement r : recorded.regexes()) {
            if (r.replacement().contains(placeholder)) {
                return true;
            }
        }
        var reference = REFERENCE.matcher(placeholder);
        for (JsonNode t : recorded.transformers()) {
            String replacement = t.path("replacement").asText();
            if (replacement.equals(placeholder) || reference.matches() && reference.group(1).equals(replacement)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Outcome outcome) {
        return switch (outcome.status()) {
            case "SUCCEEDED" -> "SUCCEEDED with " + shorten(Json.write(orNull(outcome.output())));
            case "FAILED", "TIMED_OUT", "ABORTED" -> outcome.status()
                    + (outcome.error() == null && outcome.cause() == null ? ""
                    : " (" + outcome.error() + ": " + shorten(String.valueOf(outcome.cause())) + ")");
            default -> outcome.status();
        };
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null ? Json.NODES.nullNode() : node;
    }

    private static JsonNode parseOrNull(String text, boolean recorded) {
        if (text == null) {
            return null;
        }
        try {
            return recorded ? ConformanceCase.parseRecorded(text) : Json.parse(text);
        } catch (Exception e) {
            return null;
        }
    }

    private static String quote(String text) {
        return text == null ? "null" : "\"" + shorten(text) + "\"";
    }

    static String shorten(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= SHOWN ? oneLine : oneLine.substring(0, SHOWN) + "...";
    }
}
