package io.github.camelasl.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.github.camelasl.conformance.ConformanceCase.Outcome;
import io.github.camelasl.conformance.ConformanceCase.Replacement;
import io.github.camelasl.dataflow.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts our result through the normalisation AWS's recorded values went through (the case's
 * {@code normalization}), so that both can be compared as they are. It follows the LocalStack snapshot library
 * the corpus was recorded with: the tree transformers run first, then the text replacements over the JSON text,
 * the recorded regexes in order and then the references the tree transformers collected.
 *
 * <p>The recordings are execution histories: references ({@code <uuid:N>}) are numbered in the order they first
 * appear in the history, so ours are numbered along our history first. And the snapshot library looks into string
 * values that hold JSON (a cause's {@code requestId}), so the reference transformers do too.
 */
final class ResultNormaliser {

    private static final Configuration JSONPATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ConformanceCase recorded;
    /** Values to replace everywhere in the text ("reference" transformers), with their {@code <name:N>}. */
    private final Map<String, String> references = new LinkedHashMap<>();
    private final Map<String, Integer> referenceCounts = new LinkedHashMap<>();

    private ResultNormaliser(ConformanceCase recorded) {
        this.recorded = recorded;
    }

    static Outcome normalise(ConformanceCase recorded, Outcome actual) {
        return normalise(recorded, actual, List.of());
    }

    /** As {@link #normalise(ConformanceCase, Outcome)}, numbering references along {@code history} first. */
    static Outcome normalise(ConformanceCase recorded, Outcome actual, List<JsonNode> history) {
        ResultNormaliser normaliser = new ResultNormaliser(recorded);
        history.forEach(normaliser::collectReferences);
        return normaliser.apply(actual);
    }

    /** The references a history event holds, as the tree transformers would find them there. */
    private void collectReferences(JsonNode event) {
        JsonNode copy = withJsonTextParsed(event.deepCopy());
        DocumentContext context = JsonPath.using(JSONPATH).parse(copy);
        for (JsonNode t : recorded.transformers()) {
            if ("jsonpath".equals(t.path("kind").asText())) {
                String path = t.path("path").asText();
                List<JsonNode> matches = matches(context, path);
                if (t.path("reference").asBoolean()) {
                    matches.forEach(v -> reference(v.isTextual() ? v.asText() : Json.write(v),
                            t.path("replacement").asText()));
                } else if (!matches.isEmpty()) {
                    context.set(path, t.path("replacement").asText());
                }
            }
        }
        if (recorded.transformers().stream().anyMatch(t -> "key_value_fn".equals(t.path("kind").asText())
                && "uuid".equals(t.path("replacement").asText()))) {
            collectUuids(copy);
        }
    }

    private Outcome apply(Outcome actual) {
        ObjectNode doc = Json.NODES.objectNode();
        doc.set("output", actual.output());
        doc.put("error", actual.error());
        doc.put("cause", actual.cause());
        applyJsonPaths(doc);
        applyKeyValueTransformers(doc);
        JsonNode normalised = applyTextReplacements(doc);
        return new Outcome(actual.status(), normalised.get("output"), text(normalised.get("error")),
                text(normalised.get("cause")));
    }

    /**
     * The recorded jsonpath transformers address the snapshot the expectation was taken from: a DescribeExecution
     * response ({@code $.output}) or an execution history ({@code $.events[*].executionSucceededEventDetails
     * .output}). Our output is put at both places (the same node) so that either kind of path reaches it.
     */
    private void applyJsonPaths(ObjectNode doc) {
        if (recorded.transformers().stream().noneMatch(t -> "jsonpath".equals(t.path("kind").asText()))) {
            return;
        }
        JsonNode output = doc.get("output");
        ObjectNode succeeded = Json.NODES.objectNode().set("output", output);
        doc.putArray("events").addObject().set("executionSucceededEventDetails", succeeded);

        DocumentContext context = JsonPath.using(JSONPATH).parse(doc);
        for (JsonNode t : recorded.transformers()) {
            if (!"jsonpath".equals(t.path("kind").asText())) {
                continue;
            }
            String path = t.path("path").asText();
            String replacement = t.path("replacement").asText();
            List<JsonNode> matches = matches(context, path);
            if (t.path("reference").asBoolean()) {
                matches.forEach(value -> reference(value.isTextual() ? value.asText() : Json.write(value), replacement));
            } else if (!matches.isEmpty()) {
                // (Jayway's set throws a ClassCastException for a path that matches nothing)
                context.set(path, replacement);
            }
        }
        // a path may have replaced the whole output at its history place
        if (succeeded.get("output") != output) {
            doc.set("output", succeeded.get("output"));
        }
        doc.remove("events");
    }

    private static List<JsonNode> matches(DocumentContext context, String path) {
        JsonNode found = context.read(path);
        if (found == null) {
            return List.of();
        }
        if (found.isArray() && !JsonPath.compile(path).isDefinite()) {
            List<JsonNode> all = new ArrayList<>();
            found.forEach(all::add);
            return all;
        }
        return List.of(found);
    }

    /** The snapshot library's basic transformers, which every recording went through. */
    private void applyKeyValueTransformers(ObjectNode doc) {
        for (JsonNode t : recorded.transformers()) {
            if (!"key_value_fn".equals(t.path("kind").asText())) {
                continue;
            }
            switch (t.path("replacement").asText()) {
                // values of keys ending in "id" that are UUIDs -> <uuid:N>, everywhere they occur
                case "uuid" -> collectUuids(withJsonTextParsed(doc.deepCopy()));
                case "timestamp" -> replaceTimestamps(doc);
                // "datetime" replaces Python datetime objects, which JSON does not have
                default -> {
                }
            }
        }
        // other kinds (opaque, utility, generic) reshape history events or service responses, not outputs
    }

    /**
     * Values of keys containing "timestamp" become "timestamp" (lists are left alone), except ISO-8601 dates: the
     * recordings show those as "date", the recorded date regex's replacement.
     */
    private void replaceTimestamps(JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (field.getKey().toLowerCase(Locale.ROOT).contains("timestamp") && value.isValueNode()
                        && !value.isNull() && !isRecordedDate(value.asText())) {
                    field.setValue(Json.NODES.textNode("timestamp"));
                } else {
                    replaceTimestamps(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(this::replaceTimestamps);
        }
    }

    private boolean isRecordedDate(String value) {
        return recorded.regexes().stream()
                .anyMatch(r -> "date".equals(r.replacement()) && r.pattern().matcher(value).matches());
    }

    private JsonNode applyTextReplacements(ObjectNode doc) {
        String text = Json.write(doc);
        for (Replacement r : recorded.regexes()) {
            text = r.pattern().matcher(text).replaceAll(Matcher.quoteReplacement(r.replacement()));
        }
        for (Map.Entry<String, String> reference : references.entrySet()) {
            String value = reference.getKey();
            if (!text.contains(value)) {
                // the regexes changed it (an execution ARN holding the recorded machine name): the recording
                // replaced the reference first, so its regex-normalised form stands for it too
                for (Replacement r : recorded.regexes()) {
                    value = r.pattern().matcher(value).replaceAll(Matcher.quoteReplacement(r.replacement()));
                }
            }
            text = text.replace(value, reference.getValue());
        }
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the recorded replacements made our result invalid JSON: " + text, e);
        }
    }

    private void collectUuids(JsonNode node) {
        visit(node, (key, value) -> {
            if (key.toLowerCase(Locale.ROOT).endsWith("id") && value.isTextual()
                    && UUID.matcher(value.asText()).matches()) {
                reference(value.asText(), "uuid");
            }
        });
    }

    /** {@code node} with every string value that holds a JSON object or array replaced by that JSON, recursively. */
    private static JsonNode withJsonTextParsed(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText().strip();
            if (text.startsWith("{") || text.startsWith("[")) {
                try {
                    return withJsonTextParsed(Json.parse(text));
                } catch (JsonProcessingException e) {
                    return node;
                }
            }
            return node;
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> object.set(name, withJsonTextParsed(object.get(name))));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, withJsonTextParsed(node.get(i)));
            }
        }
        return node;
    }

    /** Numbers values by first appearance per name, as {@code <uuid:1>}, {@code <uuid:2>}, ... */
    private void reference(String value, String name) {
        if (!value.isEmpty() && !references.containsKey(value)) {
            int n = referenceCounts.merge(name, 1, Integer::sum);
            references.put(value, "<" + name + ":" + n + ">");
        }
    }

    private static void visit(JsonNode node, BiConsumer<String, JsonNode> fieldVisitor) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                fieldVisitor.accept(field.getKey(), field.getValue());
                visit(field.getValue(), fieldVisitor);
            });
        } else if (node.isArray()) {
            node.forEach(child -> visit(child, fieldVisitor));
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
