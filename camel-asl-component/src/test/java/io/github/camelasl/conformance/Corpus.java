package io.github.camelasl.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The conformance corpus (Step Functions executions recorded against AWS by the LocalStack project, Apache-2.0).
 * It is read in place and never copied into this project.
 */
final class Corpus {

    /** Surefire sets it (see the parent pom); the default is where the corpus sits next to the checkout. */
    static final String DIR_PROPERTY = "asl.conformance.dir";
    private static final String DEFAULT_DIR = "../../shared/conformance";

    private Corpus() {
    }

    /** The corpus folder, or empty when it is not there (the tests then skip). */
    static Optional<Path> locate() {
        Path dir = Path.of(System.getProperty(DIR_PROPERTY, DEFAULT_DIR)).toAbsolutePath().normalize();
        return Files.isDirectory(dir.resolve("cases")) ? Optional.of(dir) : Optional.empty();
    }

    static String missingMessage() {
        return "conformance corpus not found at " + Path.of(System.getProperty(DIR_PROPERTY, DEFAULT_DIR))
                .toAbsolutePath().normalize() + " (set -D" + DIR_PROPERTY + "=<dir>); skipping";
    }

    /** Every execution case, sorted by name so that reports are stable. */
    static List<ConformanceCase> cases(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("cases"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(Corpus::read).toList();
        }
    }

    private static ConformanceCase read(Path file) {
        try {
            return ConformanceCase.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read conformance case " + file, e);
        }
    }
}
