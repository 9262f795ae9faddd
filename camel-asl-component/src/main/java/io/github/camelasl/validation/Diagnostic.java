package io.github.camelasl.validation;

/**
 * One problem found in a definition, shaped as AWS's ValidateStateMachineDefinition diagnostics.
 *
 * @param severity ERROR or WARNING
 * @param code     AWS's code, for example SCHEMA_VALIDATION_FAILED or MISSING_TRANSITION_TARGET
 * @param message  the message, in AWS's wording where known
 * @param location JSON pointer of the offending place, for example /States/Train/Retry/0/BackoffRate
 */
public record Diagnostic(Severity severity, String code, String message, String location) {

    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(String code, String message, String location) {
        return new Diagnostic(Severity.ERROR, code, message, location);
    }

    /** The one-line form AWS uses in exceptions: {@code CODE: message at /pointer}. */
    @Override
    public String toString() {
        return code + ": " + message + (location == null || location.isEmpty() ? "" : " at " + location);
    }
}
