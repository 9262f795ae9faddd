package io.github.camelasl.test.coverage;

import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Writes the test run's path coverage ({@link PathCoverage#global()}) once, when the JUnit Platform's launcher
 * session closes (Maven Surefire, Gradle and IDEs open one per run), into {@code target/asl-coverage/} (or the
 * system property {@value CoverageReport#DIRECTORY_PROPERTY}); then, when the system property
 * {@value CoverageReport#MINIMUM_PROPERTY} is set, fails the run if the total is under it, naming what was not
 * covered. Registered through {@code META-INF/services}: on the test classpath with camel-asl-test, nothing to set
 * up. A run that deployed no state machine writes nothing.
 *
 * <p>Why a session listener: it sees the whole run (every engine, every class), and what it throws ends the run in
 * failure (Surefire fails the build: "There was an error in the forked process" with the message), whereas a
 * TestExecutionListener's exceptions are only logged.
 */
public final class CoverageSession implements LauncherSessionListener {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CoverageSession.class);

    private final PathCoverage coverage;
    private final Path directory;
    private final OptionalDouble minimum;

    /** The global coverage, the folder and minimum from the system properties (read when the session closes). */
    public CoverageSession() {
        this(null, null, null);
    }

    /**
     * @param coverage  what to report (null: {@link PathCoverage#global()})
     * @param directory where (null: the system property, else {@link CoverageReport#DEFAULT_DIRECTORY})
     * @param minimum   the least total coverage (null: the system property, if set)
     */
    CoverageSession(PathCoverage coverage, Path directory, OptionalDouble minimum) {
        this.coverage = coverage;
        this.directory = directory;
        this.minimum = minimum;
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        // a bad property fails the run before anything is written: a silent default would hide the threshold
        OptionalDouble least = minimum != null ? minimum : CoverageReport.minimumFromSystemProperty();
        CoverageReport report = CoverageReport.of(coverage != null ? coverage : PathCoverage.global());
        if (report.definitions().isEmpty() && least.isEmpty()) {
            return;
        }
        Path folder = directory != null ? directory : directoryFromSystemProperty();
        try {
            report.writeTo(folder);
            LOG.info("ASL path coverage: {} of {} paths ({}); report in {}", report.coveredItems(),
                    report.totalItems(), CoverageReport.percent(report.ratio()), folder.toAbsolutePath());
        } catch (java.io.UncheckedIOException e) {
            // the tests passed: a report that cannot be written is said, not made a failure of theirs
            LOG.error("ASL path coverage: {} of {} paths ({}); {}", report.coveredItems(), report.totalItems(),
                    CoverageReport.percent(report.ratio()), e.getMessage());
        }
        if (least.isPresent()) {
            report.check(least.getAsDouble());
        }
    }

    private static Path directoryFromSystemProperty() {
        String folder = System.getProperty(CoverageReport.DIRECTORY_PROPERTY);
        return folder == null || folder.isBlank() ? CoverageReport.DEFAULT_DIRECTORY : Path.of(folder);
    }
}
