package io.github.camelasl.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.github.camelasl.dataflow.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One execution recorded against AWS Step Functions (a {@code cases/*.json} file of the corpus): the definition,
 * the input, what AWS answered, and how the recorded values were normalised.
 */
record ConformanceCase(
        String name,
        JsonNode definition,
        JsonNode input,
        String type,
        Outcome expected,
        List<String> features,
        List<String> services,
        List<String> externalActions,
        List<Replacement> regexes,
        List<JsonNode> transformers,
        List<String> placeholders,
        Set<String> maskedFields) {

    /** How an execution ended, as DescribeExecution reports it: what AWS recorded, or what our engine did. */
    record Outcome(String status, JsonNode output, String error, String cause) {
    }

    /** One {@code normalization.regex_in_order} entry (a Python regex; the ones recorded mean the same in Java). */
    record Replacement(String patternText, Pattern pattern, String replacement) {
    }

    /** Used when the recorded setup names no role. */
    static final String DEFAULT_ROLE_ARN = "arn:aws:iam::111111111111:role/test-sfn-role-fake";

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    /**
     * Reads the case files and AWS's recorded texts, keeping number text as exact decimals do ({@code 0.0} stays
     * {@code 0.0}): the harness's own mapper, so that what the expectation says cannot change with the engine's parser,
     * the one under test. (A BigDecimal writes an exponent its own way, {@code 1E+16} for Python's {@code 1e+16}: the
     * case files hold no such number.)
     */
    private static final ObjectMapper RECORDED = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    static ConformanceCase read(Path file) throws IOException {
        return of(parseRecorded(Files.readString(file)));
    }

    /** A case file's or a recorded value's JSON text, read as {@link #RECORDED} reads. */
    static JsonNode parseRecorded(String text) throws JsonProcessingException {
        return RECORDED.readTree(text);
    }

    /** The case a corpus file's JSON describes. */
    static ConformanceCase of(JsonNode json) {
        JsonNode expected = json.path("expected");
        JsonNode normalization = json.path("normalization");
        List<Replacement> regexes = new ArrayList<>();
        for (JsonNode r : normalization.path("regex_in_order")) {
            String pattern = r.path("pattern").asText();
            regexes.add(new Replacement(pattern, Pattern.compile(pattern), r.path("replacement").asText()));
        }
        List<String> actions = new ArrayList<>();
        for (JsonNode action : json.path("external_actions_during_execution")) {
            actions.add(action.path("op").asText(action.toString()));
        }
        return new ConformanceCase(
                json.path("name").asText(),
                json.get("definition"),
                input(json),
                json.path("state_machine_type").asText("STANDARD"),
                new Outcome(expected.path("status").asText(), expected.get("output"), text(expected.get("error")),
                        text(expected.get("cause"))),
                strings(json.path("features")),
                strings(json.path("services")),
                actions,
                regexes,
                list(normalization.path("other_transformers")),
                strings(json.path("placeholders_in_expected")),
                new LinkedHashSet<>(strings(json.path("expected_masked_fields"))));
    }

    /** Why this case cannot run yet, or empty when it is in scope. */
    Optional<String> skipReason() {
        return skipReason(Set.of());
    }

    /** As {@link #skipReason()}, where a connector's test provides {@code provided} services (say "lambda"). */
    Optional<String> skipReason(Set<String> provided) {
        if (!provided.containsAll(services)) {
            return Optional.of("needs service " + String.join(", ", services));
        }
        if (!externalActions.isEmpty()) {
            return Optional.of("needs an external action: " + String.join(", ", externalActions));
        }
        return Optional.empty();
    }

    /** The service groups the report counts by: none, lambda, s3, sqs, sns, other. */
    Set<String> serviceGroups() {
        Set<String> groups = new LinkedHashSet<>();
        for (String service : services) {
            groups.add(switch (service) {
                case "lambda", "s3", "sqs", "sns" -> service;
                default -> "other";
            });
        }
        return groups.isEmpty() ? Set.of("none") : groups;
    }

    // AWS's recorded values name the state machine, execution and role it ran with; naming ours the same lets
    // the recorded replacements turn our values into the very placeholders of the expectation.

    /** The recorded state machine name, or empty when the recording does not give it. */
    Optional<String> stateMachineName() {
        return recordedName("<ArnPart_0idx>");
    }

    /** The recorded execution name, or empty when the recording does not give it. */
    Optional<String> executionName() {
        return recordedName("<ExecArnPart_0idx>");
    }

    String roleArn() {
        // the recordings spell it both ways
        return regexes.stream()
                .filter(r -> r.replacement().equals("snf_role_arn") || r.replacement().equals("sfn_role_arn"))
                .map(Replacement::patternText)
                .findFirst().orElse(DEFAULT_ROLE_ARN);
    }

    private Optional<String> recordedName(String placeholder) {
        return regexes.stream()
                .filter(r -> r.replacement().equals(placeholder))
                .map(Replacement::patternText)
                .filter(p -> PLAIN_NAME.matcher(p).matches())
                .findFirst();
    }

    /**
     * The execution input, read from the text AWS was given ({@code input_raw}) by the engine's parser, as an input
     * arrives: its number text is the engine's to keep.
     */
    private static JsonNode input(JsonNode json) {
        JsonNode raw = json.get("input_raw");
        if (raw != null && raw.isTextual()) {
            try {
                return Json.parse(raw.textValue());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the recorded input_raw is not JSON: " + e.getOriginalMessage(), e);
            }
        }
        JsonNode input = json.get("input");
        return input == null ? NullNode.getInstance() : input;
    }

    /** A recorded text; a cause the recording stored parsed (an object) is its JSON text. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isContainerNode() ? Json.write(node) : node.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> values = new ArrayList<>();
        array.forEach(values::add);
        return values;
    }
}
