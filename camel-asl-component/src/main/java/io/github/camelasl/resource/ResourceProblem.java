package io.github.camelasl.resource;

import java.util.Objects;

/**
 * Something wrong with how a Task state uses its Resource, found at deployment by the resolver that runs the
 * Resource (a required parameter missing, for example). Validation reports it as AWS's SCHEMA_VALIDATION_FAILED
 * at the state's {@code field}.
 *
 * @param field   the field of the Task state the problem is in ({@code Parameters}, {@code Arguments}, ...), or
 *                null for the state itself
 * @param message what is wrong, naming the parameter: {@code The field 'FunctionName' is required but was missing}
 */
public record ResourceProblem(String field, String message) {

    public ResourceProblem {
        Objects.requireNonNull(message, "message");
    }

    /** AWS's wording for a required parameter that is missing from {@code field} (Parameters or Arguments). */
    public static ResourceProblem missing(String field, String parameter) {
        return new ResourceProblem(field, "The field '" + parameter + "' is required but was missing");
    }
}
