package io.github.camelasl.validation;

import io.github.camelasl.route.AllowedCamelHeaders;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a definition is validated against.
 *
 * @param stateMachineType  STANDARD or EXPRESS (null means STANDARD); EXPRESS machines refuse activities,
 *                          {@code .sync} and {@code .waitForTaskToken} resources
 * @param resourceSupported true for a Task {@code Resource} the runtime can call; a resource it rejects is
 *                          reported as AWS reports an unknown resource (or as {@code resourceChecks} words it)
 * @param resourceChecks    the runtime's checks of the Tasks whose Resource it supports (required parameters),
 *                          and its wording for the Resources it does not (null means {@link ResourceChecks#NONE})
 * @param allowedCamelHeaders the Camel* headers a Task's template may name (null means none)
 */
public record ValidationOptions(String stateMachineType, Predicate<String> resourceSupported,
        ResourceChecks resourceChecks, AllowedCamelHeaders allowedCamelHeaders) {

    public ValidationOptions {
        stateMachineType = stateMachineType == null ? "STANDARD" : stateMachineType;
        resourceSupported = Objects.requireNonNullElse(resourceSupported, resource -> true);
        resourceChecks = Objects.requireNonNullElse(resourceChecks, ResourceChecks.NONE);
        allowedCamelHeaders = Objects.requireNonNullElse(allowedCamelHeaders, AllowedCamelHeaders.NONE);
    }

    /** No Camel header allowed in Task templates. */
    public ValidationOptions(String stateMachineType, Predicate<String> resourceSupported,
            ResourceChecks resourceChecks) {
        this(stateMachineType, resourceSupported, resourceChecks, AllowedCamelHeaders.NONE);
    }

    /** Without resource checks: only whether each Resource is supported. */
    public ValidationOptions(String stateMachineType, Predicate<String> resourceSupported) {
        this(stateMachineType, resourceSupported, ResourceChecks.NONE);
    }

    /** A STANDARD machine whose every resource is supported. */
    public static ValidationOptions defaults() {
        return new ValidationOptions("STANDARD", resource -> true);
    }

    boolean express() {
        return "EXPRESS".equals(stateMachineType);
    }
}
