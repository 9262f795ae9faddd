package io.github.camelasl.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the diagnostics of one validation and holds their wording in one place.
 *
 * <p>Texts marked "AWS" were recorded from AWS Step Functions (conformance corpus, or reported verbatim from
 * AWS responses); the others follow AWS's style but their exact wording is ours.
 */
final class Problems {

    static final String SCHEMA = "SCHEMA_VALIDATION_FAILED";
    static final String INVALID_JSON = "INVALID_JSON_DESCRIPTION";
    static final String MISSING_TARGET = "MISSING_TRANSITION_TARGET";
    static final String MISSING_END = "MISSING_END_STATE";
    static final String DUPLICATE_STATE = "DUPLICATE_STATE_NAME";
    static final String INVALID_STATE_NAME = "INVALID_STATE_NAME";
    static final String HEADER_NOT_ALLOWED = "HEADER_NOT_ALLOWED";
    static final String HEADERS_NOT_LITERAL = "HEADERS_NOT_LITERAL";
    /** Ours: the resource policy refuses the Resource. */
    static final String RESOURCE_NOT_ALLOWED = "RESOURCE_NOT_ALLOWED";
    /**
     * Ours: Camel cannot create the Resource's endpoint (an error: the deployment fails on it), or nothing consumes
     * it yet (a warning: it may by the time the Task runs).
     */
    static final String RESOURCE_UNRESOLVED = "RESOURCE_UNRESOLVED";
    /** Ours: AWS accepts it, this engine does not run it yet. */
    static final String UNSUPPORTED_FEATURE = "UNSUPPORTED_FEATURE";

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    void add(String code, String message, String location) {
        diagnostics.add(Diagnostic.error(code, message, location));
    }

    void warning(String code, String message, String location) {
        diagnostics.add(Diagnostic.warning(code, message, location));
    }

    void schema(String message, String location) {
        add(SCHEMA, message, location);
    }

    List<Diagnostic> list() {
        return List.copyOf(diagnostics);
    }

    // ---- wording ----

    /** AWS. */
    static String notJsonObject() {
        return "Definition must be a valid JSON object";
    }

    /** AWS, for the top level ("These fields are required: [States, StartAt]"). */
    static String required(List<String> fields) {
        return "These fields are required: " + fields;
    }

    /** AWS, for a nested object's field (Credentials' RoleArn). */
    static String requiredField(String field) {
        return "The field '" + field + "' is required but was missing";
    }

    /** AWS. */
    static String notSupported(String field) {
        return "Field '" + field + "' is not supported";
    }

    /** AWS: a field of the other query language. */
    static String otherLanguage(String stateLanguage, String field, String fieldLanguage) {
        return "The QueryLanguage is set to '" + stateLanguage + "', but field '" + field
                + "' is only supported for the '" + fieldLanguage + "' QueryLanguage";
    }

    /** AWS. */
    static String downgradedQueryLanguage() {
        return "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine";
    }

    /** AWS (for example "Expected value of type [STRING]"). */
    static String expectedType(Schema.Kind kind) {
        String name = switch (kind) {
            case NULLABLE_STRING -> "STRING";
            default -> kind.name();
        };
        return "Expected value of type [" + name + "]";
    }

    /** AWS. */
    static String oneOf(List<String> values) {
        return "Value should be one of the following: " + values;
    }

    static String exactlyOne(List<String> fields) {
        return "Exactly one of these fields must be set: " + fields;
    }

    static String atMostOne(List<String> fields) {
        return "At most one of these fields may be set: " + fields;
    }

    static String nonEmpty(String field) {
        return "The field '" + field + "' must not be empty";
    }

    static String atLeast(String field, String minimum) {
        return "The value for the field '" + field + "' must be greater than or equal to " + minimum;
    }

    static String atMost(String field, String maximum) {
        return "The value for the field '" + field + "' must be less than or equal to " + maximum;
    }

    static String lessThan(String field, String other) {
        return "The value for the field '" + field + "' must be less than the value for the field '" + other + "'";
    }

    /** AWS. */
    static String notTimestamp() {
        return "String does not match RFC3339 timestamp";
    }

    /** AWS. */
    static String invalidPayloadPath(String key) {
        return "The value for the field '" + key + "' must be a valid JSONPath or a valid intrinsic function call";
    }

    static String invalidPath(String field) {
        return "The value for the field '" + field + "' must be a valid JSONPath";
    }

    static String invalidReferencePath(String field) {
        return "The value for the field '" + field + "' must be a valid reference path";
    }

    static String invalidPathOrIntrinsic(String field) {
        return "The value for the field '" + field + "' must be a valid reference path or a valid intrinsic "
                + "function call";
    }

    static String invalidJsonataDelimiters() {
        return "A JSONata expression must start with '{%' and end with '%}'";
    }

    static String emptyJsonata() {
        return "The JSONata expression must not be empty";
    }

    static String invalidVariableName(String name) {
        return "The variable name '" + name + "' is not valid";
    }

    static String statesAllNotAlone() {
        return "'States.ALL' must appear alone in 'ErrorEquals'";
    }

    static String statesAllNotLast(String field) {
        return "A '" + field + "' entry with 'States.ALL' must be the last one";
    }

    static String choiceRuleWithoutComparison() {
        return "A choice rule must have exactly one comparison operator, or one of 'And', 'Or' and 'Not'";
    }

    /** AWS (all of StartAt, Next, Default and Catch's Next are reported as 'Next'). */
    static String missingTarget(String target) {
        return "Missing 'Next' target: " + target;
    }

    /** AWS. */
    static String unreachable(String state) {
        return "State \"" + state + "\" is not reachable.";
    }

    /** AWS (no location). */
    static String noTerminalState() {
        return "Workflow has no terminal state";
    }

    /** As AWS Step Functions Local words it. */
    static String duplicateState(String state) {
        return "Duplicate State name: " + state;
    }

    static String stateNameTooLong(String state) {
        return "State name '" + state + "' is longer than 80 characters";
    }

    /** AWS. */
    static String expressActivity() {
        return "Express state machine does not support Activity ARN";
    }

    /** AWS. The '.waitForTaskToken' text ends with a space in AWS's own message; kept as AWS has it. */
    static String expressIntegration(String pattern) {
        return "Express state machine does not support '" + pattern + "' service integration"
                + (pattern.equals(".waitForTaskToken") ? " " : "");
    }

    /** AWS. */
    static String unrecognizedResource(String resource) {
        return "The resource provided " + resource + " is not recognized. The value is not a valid resource ARN, "
                + "or the resource is not available in this region.";
    }

    static String headerNotAllowed(String header) {
        return "The header '" + header + "' is not allowed: Camel's components act on headers named Camel* (they "
                + "run commands, redirect calls, rewrite queries), so a Task sets one only when the app allows it by "
                + "name with the asl component's allowedCamelHeaders option";
    }

    static String dynamicHeaders(String field) {
        return "The field '" + field + "' is not allowed: it would let data name the request's headers; write "
                + "the header names as the keys of a 'CamelAslHeaders' object (their values may be paths)";
    }

    static String headersNotObject(String field) {
        return "The field '" + field + "' must be an object whose keys, written in the definition, name the "
                + "request's headers (their values may be paths or expressions)";
    }

    static String resourceUnresolved(String state, String resource, String reason) {
        return "State '" + state + "': the resource " + resource + ": " + reason;
    }

    static String unsupportedField(String stateType, String field) {
        return "The " + stateType + " field '" + field + "' is not supported yet";
    }

    static String unsupportedInputType(String inputType) {
        return "The ItemReader InputType '" + inputType + "' is not supported yet (CSV, JSON and JSONL are)";
    }

    static String resourceNotAllowed(String state, String resource, String reason) {
        return "State '" + state + "': the resource " + resource + " is not allowed by the resource policy: " + reason;
    }
}
