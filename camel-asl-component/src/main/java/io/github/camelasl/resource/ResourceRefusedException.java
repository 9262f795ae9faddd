package io.github.camelasl.resource;

/**
 * A resolver knows the Resource but will not give an endpoint for it: a part of it would change the endpoint URI
 * it goes into (see {@link UriSafeText}), or it is not a valid ARN of the kind the resolver runs. Thrown by
 * {@link ResourceResolver#resolve}; validation reports the message, which names the Resource and what is wrong
 * with it, as SCHEMA_VALIDATION_FAILED at the state's Resource, so the definition is refused at deployment.
 */
public class ResourceRefusedException extends IllegalArgumentException {

    public ResourceRefusedException(String message) {
        super(message);
    }
}
