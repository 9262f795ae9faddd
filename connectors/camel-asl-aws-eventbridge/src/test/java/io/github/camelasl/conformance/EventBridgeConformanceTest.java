package io.github.camelasl.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.camelasl.aws.eventbridge.EventBridgeResourceResolver;
import io.github.camelasl.aws.testing.EventBridgeStandIn;
import io.github.camelasl.resource.ResourceResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The corpus cases of the optimized EventBridge integration (services exactly ["events"]), run on the connector
 * against the local EventBridge stand-in. Fails on a failure that {@value #KNOWN_FAILURES} does not list; the report
 * goes to {@code target/conformance-report-eventbridge.txt}.
 */
class EventBridgeConformanceTest {

    private static final String KNOWN_FAILURES = "/conformance-known-failures-eventbridge.txt";
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(30);

    static {
        // one line per route start and stop would bury the report
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.camel.impl.engine.AbstractCamelContext", "warn");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void recordedEventBridgeExecutionsEndAsOnAws() throws Exception {
        Optional<Path> corpus = Corpus.locate();
        assumeTrue(corpus.isPresent(), Corpus::missingMessage);

        List<ConformanceCase> toRun = new ArrayList<>();
        for (ConformanceCase c : Corpus.cases(corpus.get())) {
            if (c.services().equals(List.of("events"))) {
                toRun.add(c);
            }
        }
        List<CaseResult> results;
        try (EventBridgeStandIn events = new EventBridgeStandIn("us-east-1")) {
            String options = "?region=us-east-1&uriEndpointOverride=" + events.endpoint()
                    + "&accessKey=test&secretKey=test";
            ResourceResolver toStandIn = (resource, camel) -> new EventBridgeResourceResolver()
                    .resolve(resource, camel).map(uri -> uri + options);
            try (CaseRunner runner = new CaseRunner(2, CASE_TIMEOUT, Set.of("events"), c -> List.of(toStandIn))) {
                results = runner.runAll(toRun);
            }
        }

        ConformanceReport report = new ConformanceReport(results, KnownFailures.load(KNOWN_FAILURES), 0,
                "conformance (optimized events on the EventBridge stand-in)");
        report.publish("conformance-report-eventbridge.txt");

        assertTrue(report.count(CaseResult.Verdict.PASSED) > 0, () -> "no case passed: " + report.summaryLine());
        List<CaseResult> regressions = report.regressions();
        assertTrue(regressions.isEmpty(), report::regressionMessage);
    }
}
