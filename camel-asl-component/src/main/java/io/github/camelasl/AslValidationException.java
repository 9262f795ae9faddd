package io.github.camelasl;

import io.github.camelasl.validation.Diagnostic;
import java.util.List;
import java.util.stream.Collectors;

/** A definition AWS would refuse: every problem found, each with its code and JSON pointer. */
public class AslValidationException extends IllegalArgumentException {

    private final String source;
    private final List<Diagnostic> diagnostics;

    public AslValidationException(String source, List<Diagnostic> diagnostics) {
        super("Invalid state machine definition " + source + ":\n  " + diagnostics.stream()
                .map(Diagnostic::toString).collect(Collectors.joining("\n  ")));
        this.source = source;
        this.diagnostics = List.copyOf(diagnostics);
    }

    public String source() {
        return source;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
