package io.github.camelasl.conformance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the executions AWS Step Functions recorded (the conformance corpus) on the engine and compares the results.
 * Fails on a failure that {@code conformance-known-failures.txt} does not list, and when fewer than
 * {@value #REQUIRED_PASS_RATE_PERCENT}% of the cases in scope pass. The full report goes to
 * {@code target/conformance-report.txt}.
 */
class ConformanceTest {

    static final int REQUIRED_PASS_RATE_PERCENT = 97;
    private static final String CAMEL_CONTEXT_LOG =
            "org.slf4j.simpleLogger.log.org.apache.camel.impl.engine.AbstractCamelContext";
    /** Executions are asynchronous and some Wait for seconds: this many run at once. */
    private static final int CONCURRENCY = Integer.getInteger("asl.conformance.concurrency", 16);
    /** Longer than any recorded execution takes (the longest waits a few seconds). */
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(Long.getLong("asl.conformance.caseTimeout", 30));

    static {
        // Camel logs every route start and stop at INFO: thousands of lines for ~600 deployments, which would bury
        // the report (slf4j-simple reads this when the logger is first made)
        if (System.getProperty(CAMEL_CONTEXT_LOG) == null) {
            System.setProperty(CAMEL_CONTEXT_LOG, "warn");
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void recordedExecutionsEndAsOnAws() throws Exception {
        Optional<Path> corpus = Corpus.locate();
        assumeTrue(corpus.isPresent(), Corpus::missingMessage);

        List<ConformanceCase> cases = Corpus.cases(corpus.get());
        List<CaseResult> results;
        try (CaseRunner runner = new CaseRunner(CONCURRENCY, CASE_TIMEOUT)) {
            results = runner.runAll(cases);
        }
        ConformanceReport report = new ConformanceReport(results, KnownFailures.load(),
                REQUIRED_PASS_RATE_PERCENT / 100.0);
        report.publish("conformance-report.txt");

        List<CaseResult> regressions = report.regressions();
        assertAll(
                () -> assertTrue(regressions.isEmpty(), report::regressionMessage),
                () -> assertTrue(report.passRate() * 100 >= REQUIRED_PASS_RATE_PERCENT, () -> String.format(
                        Locale.ROOT, "%.1f%% of the cases in scope pass, at least %d%% required (%s)",
                        report.passRate() * 100, REQUIRED_PASS_RATE_PERCENT, report.summaryLine())));
    }
}
