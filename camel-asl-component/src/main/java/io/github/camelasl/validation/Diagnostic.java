package io.github.camelasl.validation;

/**
 * One problem found in a definition, shaped as AWS's ValidateStateMachineDefinition diagnostics.
 *
 * @param severity ERROR or WARNING
 * @param code     AWS's code, for example SCHEMA_VALIDATION_FAILED or MISSING_TRANSITION_TARGET
 * @param message  the message, in AWS's wording where known
 * @param location where the problem is, written as AWS writes it: field names from the root, array elements as
 *                 {@code [i]}, for example /States/Train/Retry[0]/BackoffRate; "/" is the root; null when
 *                 there is no place (the text is not a JSON object, the machine has no terminal state)
 */
public record Diagnostic(Severity severity, String code, String message, String location) {

    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(String code, String message, String location) {
        return new Diagnostic(Severity.ERROR, code, message, location);
    }

    public static Diagnostic warning(String code, String message, String location) {
        return new Diagnostic(Severity.WARNING, code, message, location);
    }

    /** The one-line form AWS uses in exceptions: {@code CODE: message at /pointer}. */
    @Override
    public String toString() {
        return code + ": " + message + (location == null || location.isEmpty() ? "" : " at " + location);
    }
}
