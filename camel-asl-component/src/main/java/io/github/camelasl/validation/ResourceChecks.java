package io.github.camelasl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.resource.ResourceProblem;
import java.util.List;

/**
 * What the runtime that will run the Tasks says about their Resources at validation: the problems of a Task's
 * use of a Resource it can call (a required parameter missing), and how to word a Resource it cannot call.
 */
public interface ResourceChecks {

    /** No checks, and AWS's wording for an unknown Resource. */
    ResourceChecks NONE = (resource, taskState) -> List.of();

    /**
     * The problems of the Task state {@code taskState} (its JSON object as written) with {@code resource}, which
     * the runtime supports; each is reported as SCHEMA_VALIDATION_FAILED at the state's problem field.
     */
    List<ResourceProblem> check(String resource, JsonNode taskState);

    /**
     * The message for a Resource the runtime cannot call, naming it; null (the default) for AWS's own wording
     * ("The resource provided ... is not recognized ...").
     */
    default String unsupported(String resource) {
        return null;
    }

    /**
     * Why the resource policy refuses {@code resource}, which the runtime supports, or null (the default) when it
     * may be called. Reported as RESOURCE_NOT_ALLOWED at the Resource field.
     */
    default String notAllowed(String resource) {
        return null;
    }

    /**
     * Why the endpoint serving {@code resource}, which the policy allows, cannot serve it, or null (the default) when
     * it can. Reported as RESOURCE_UNRESOLVED at the Resource field, with the given severity.
     */
    default Unresolved unresolved(String resource) {
        return null;
    }

    /**
     * @param severity ERROR when the deployment fails on it (Camel cannot create the endpoint), WARNING when it may
     *                 still be served when the Task runs (no route consumes it yet)
     * @param reason   what is wrong and what happens at run time
     */
    record Unresolved(Diagnostic.Severity severity, String reason) {
    }
}
