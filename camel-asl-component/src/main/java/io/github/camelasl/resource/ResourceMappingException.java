package io.github.camelasl.resource;

import java.util.List;

/**
 * Resource mappings that cannot be used: a pattern that is not a valid glob, an empty URI, a file that is not
 * valid JSON or cannot be read. Each problem names where it is ({@code orders.properties line 3: ...}); the
 * message lists them all, one a line.
 */
public class ResourceMappingException extends IllegalArgumentException {

    private final List<String> problems;

    public ResourceMappingException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public ResourceMappingException(String problem) {
        this(List.of(problem));
    }

    /** Each problem, with where it is: {@code SOURCE line N: WHAT} or {@code SOURCE mappings[I]: WHAT}. */
    public List<String> problems() {
        return problems;
    }
}
