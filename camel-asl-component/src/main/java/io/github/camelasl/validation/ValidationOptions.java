package io.github.camelasl.validation;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a definition is validated against.
 *
 * @param stateMachineType  STANDARD or EXPRESS (null means STANDARD); EXPRESS machines refuse activities,
 *                          {@code .sync} and {@code .waitForTaskToken} resources
 * @param resourceSupported true for a Task {@code Resource} the runtime can call; a resource it rejects is
 *                          reported as AWS reports an unknown resource
 */
public record ValidationOptions(String stateMachineType, Predicate<String> resourceSupported) {

    public ValidationOptions {
        stateMachineType = stateMachineType == null ? "STANDARD" : stateMachineType;
        resourceSupported = Objects.requireNonNullElse(resourceSupported, resource -> true);
    }

    /** A STANDARD machine whose every resource is supported. */
    public static ValidationOptions defaults() {
        return new ValidationOptions("STANDARD", resource -> true);
    }

    boolean express() {
        return "EXPRESS".equals(stateMachineType);
    }
}
