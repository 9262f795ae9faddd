package io.github.camelasl.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.model.QueryLanguage;
import io.github.camelasl.validation.Schema.Kind;
import io.github.camelasl.validation.Schema.ObjectSchema;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Validates an ASL definition statically, as AWS Step Functions does when a state machine is created or
 * its definition validated. Every problem is reported, not only the first, with AWS's code, a location
 * such as {@code /States/Train/Retry[0]/BackoffRate}, and AWS's wording where it is known.
 *
 * <p>The rules are grouped by concern: {@link StructureRules} (fields and types, per {@link Schema}),
 * {@link StateRules} and {@link ChoiceRules} (per state type), {@link ErrorHandlingRules} (Retry, Catch),
 * {@link DataFlowRules} (paths, payload templates, JSONata), {@link ResourceRules},
 * {@link HeaderRules} (the request headers a Task's template names), {@link UnsupportedFeatureRules} (what
 * this engine does not run yet) and {@link TransitionRules} (targets, reachability, terminal state).
 */
public final class DefinitionValidator {

    private DefinitionValidator() {
    }

    /**
     * Validates definition text: malformed JSON gives INVALID_JSON_DESCRIPTION with line/column. Never throws on
     * bad input.
     */
    public static List<Diagnostic> validate(String definitionText, ValidationOptions options) {
        if (definitionText == null || definitionText.isBlank()) {
            return List.of(Diagnostic.error(Problems.SCHEMA, Problems.notJsonObject(), null));
        }
        JsonNode definition;
        try {
            definition = Json.parse(definitionText);
        } catch (JsonProcessingException e) {
            // Jackson's message and location are AWS's own: AWS parses definitions with Jackson too.
            JsonLocation location = e.getLocation();
            return List.of(Diagnostic.error(Problems.INVALID_JSON, e.getMessage(),
                    location == null ? null : location.toString()));
        }
        List<Diagnostic> diagnostics = validate(definition, options);
        Problems duplicates = new Problems();
        DuplicateStateNames.check(definitionText, duplicates);
        if (duplicates.list().isEmpty()) {
            return diagnostics;
        }
        return Stream.concat(diagnostics.stream(), duplicates.list().stream()).toList();
    }

    /** Validates a parsed definition. Never throws on bad input. */
    public static List<Diagnostic> validate(JsonNode definition, ValidationOptions options) {
        if (definition == null || !definition.isObject()) {
            return List.of(Diagnostic.error(Problems.SCHEMA, Problems.notJsonObject(), null));
        }
        Walk walk = new Walk(options == null ? ValidationOptions.defaults() : options);
        walk.machine(definition);
        return walk.problems.list();
    }

    /** One pass over the definition, state by state, into Parallel branches and Map item processors. */
    private static final class Walk {

        private static final BigDecimal MAX_TIMEOUT = BigDecimal.valueOf(99_999_999);

        private final ValidationOptions options;
        private final Problems problems = new Problems();
        /** State names must be unique in the whole machine, nested ones included. */
        private final Set<String> stateNames = new HashSet<>();
        /** States that declare no QueryLanguage use the machine's, wherever they are nested. */
        private QueryLanguage machineLanguage = QueryLanguage.JSONPath;

        Walk(ValidationOptions options) {
            this.options = options;
        }

        void machine(JsonNode root) {
            Map<String, JsonNode> fields = StructureRules.checkObject(root, "", Schema.MACHINE,
                    QueryLanguage.JSONPath, true, problems);
            machineLanguage = StructureRules.queryLanguage(root, "", QueryLanguage.JSONPath, problems);
            StructureRules.checkRange(fields, "TimeoutSeconds", BigDecimal.ZERO, MAX_TIMEOUT, "", problems);
            states(fields, "", true);
        }

        /** The states of a machine, branch or item processor, then the transitions between them. */
        private void states(Map<String, JsonNode> owner, String pointer, boolean top) {
            JsonNode states = owner.get("States");
            JsonNode startAt = owner.get("StartAt");
            if (states != null) {
                String statesPointer = Locations.field(pointer, "States");
                states.fields().forEachRemaining(entry ->
                        state(entry.getKey(), entry.getValue(), Locations.field(statesPointer, entry.getKey())));
            }
            TransitionRules.check(pointer, states, startAt == null ? null : startAt.asText(), top, problems);
        }

        private void state(String name, JsonNode node, String pointer) {
            if (name.length() > 80) {
                problems.add(Problems.INVALID_STATE_NAME, Problems.stateNameTooLong(name), pointer);
            }
            if (!stateNames.add(name)) {
                problems.add(Problems.DUPLICATE_STATE, Problems.duplicateState(name), pointer);
            }
            if (!node.isObject()) {
                problems.schema(Problems.expectedType(Kind.OBJECT), pointer);
                return;
            }
            String type = type(node, pointer);
            if (type == null) {
                return;
            }
            QueryLanguage language = StructureRules.queryLanguage(node, pointer, machineLanguage, problems);
            // A JSONata machine cannot step back to JSONPath in one of its states.
            boolean downgraded = machineLanguage == QueryLanguage.JSONata
                    && "JSONPath".equals(node.path("QueryLanguage").asText(null));
            if (downgraded) {
                problems.schema(Problems.downgradedQueryLanguage(), pointer);
            }
            Map<String, JsonNode> fields = StructureRules.checkObject(node, pointer, Schema.STATES.get(type),
                    language, !downgraded, problems);
            StateContext state = new StateContext(name, pointer, type, node, fields, language, options, problems);
            StateRules.check(state);
            ErrorHandlingRules.check(state);
            DataFlowRules.check(state);
            ResourceRules.check(state);
            HeaderRules.check(state);
            UnsupportedFeatureRules.check(state);
            nested(state);
        }

        /** The state's Type, or null (reported) when it is missing or unknown. */
        private String type(JsonNode node, String pointer) {
            JsonNode type = node.get("Type");
            if (type == null) {
                problems.schema(Problems.required(List.of("Type")), pointer);
                return null;
            }
            if (!type.isTextual()) {
                problems.schema(Problems.expectedType(Kind.STRING), Locations.field(pointer, "Type"));
                return null;
            }
            if (!Schema.STATE_TYPES.contains(type.asText())) {
                problems.schema(Problems.oneOf(Schema.STATE_TYPES), Locations.field(pointer, "Type"));
                return null;
            }
            return type.asText();
        }

        private void nested(StateContext state) {
            JsonNode branches = state.field("Branches");
            if (branches != null) {
                for (int i = 0; i < branches.size(); i++) {
                    subMachine(branches.get(i), Locations.element(state.at("Branches"), i), Schema.BRANCH);
                }
            }
            for (String name : List.of("ItemProcessor", "Iterator")) {
                JsonNode processor = state.field(name);
                if (processor != null) {
                    subMachine(processor, state.at(name), Schema.ITEM_PROCESSOR);
                }
            }
        }

        private void subMachine(JsonNode node, String pointer, ObjectSchema schema) {
            if (!node.isObject()) {
                problems.schema(Problems.expectedType(Kind.OBJECT), pointer);
                return;
            }
            Map<String, JsonNode> fields = StructureRules.checkObject(node, pointer, schema, machineLanguage, true,
                    problems);
            JsonNode config = fields.get("ProcessorConfig");
            if (config != null) {
                String configPointer = Locations.field(pointer, "ProcessorConfig");
                Map<String, JsonNode> configFields = StructureRules.checkObject(config, configPointer,
                        Schema.PROCESSOR_CONFIG, machineLanguage, true, problems);
                StructureRules.checkEnum(configFields, "Mode", List.of("INLINE", "DISTRIBUTED"), configPointer,
                        problems);
                StructureRules.checkEnum(configFields, "ExecutionType", List.of("STANDARD", "EXPRESS"),
                        configPointer, problems);
            }
            states(fields, pointer, false);
        }
    }
}
