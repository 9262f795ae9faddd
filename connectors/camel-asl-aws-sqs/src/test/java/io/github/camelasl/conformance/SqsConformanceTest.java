package io.github.camelasl.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.aws.testing.ElasticMq;
import io.github.camelasl.aws.sqs.SqsResourceResolver;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.resource.ResourceResolver;
import java.nio.file.Files;
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
 * The corpus cases that need SQS and nothing else, run on the connector against ElasticMQ with the queues their
 * recording created. Fails on a failure that {@value #KNOWN_FAILURES} does not list; the report goes to
 * {@code target/conformance-report-sqs.txt}.
 */
class SqsConformanceTest {

    private static final String KNOWN_FAILURES = "/conformance-known-failures-sqs.txt";
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(30);
    private static final String BACK_END_HEADERS = "<the back end's HTTP headers>";

    static {
        // one line per route start and stop would bury the report
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.camel.impl.engine.AbstractCamelContext", "warn");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void recordedSqsExecutionsEndAsOnAws() throws Exception {
        Optional<Path> corpus = Corpus.locate();
        assumeTrue(corpus.isPresent(), Corpus::missingMessage);

        List<ConformanceCase> toRun = new ArrayList<>();
        List<CaseResult> results = new ArrayList<>();
        for (ConformanceCase c : Corpus.cases(corpus.get())) {
            if (!c.services().equals(List.of("sqs"))) {
                continue;
            }
            if (c.features().contains("Task:waitForTaskToken")) {
                results.add(CaseResult.skipped(c, "a .waitForTaskToken case needs its recorded worker's callback replayed, which the harness does not do yet"));
            } else {
                toRun.add(withBackEndHeadersMasked(c));
            }
        }
        try (ElasticMq sqs = new ElasticMq()) {
            for (ConformanceCase c : toRun) {
                for (JsonNode call : setupCalls(corpus.get(), c)) {
                    if ("create_queue".equals(call.path("op").asText())) {
                        sqs.createQueue(call.path("args").path("QueueName").asText());
                    }
                }
            }
            // the connector's own resolver, its URI given the options that point it at ElasticMQ
            String options = "?region=" + ElasticMq.REGION + "&uriEndpointOverride=" + sqs.endpoint()
                    + "&accessKey=" + ElasticMq.ACCESS_KEY + "&secretKey=" + ElasticMq.SECRET_KEY;
            ResourceResolver toElasticMq = (resource, camel) -> new SqsResourceResolver().resolve(resource, camel)
                    .map(uri -> uri + options);
            try (CaseRunner runner = new CaseRunner(2, CASE_TIMEOUT, Set.of("sqs"), c -> List.of(toElasticMq))) {
                results.addAll(runner.runAll(toRun));
            }
        }

        ConformanceReport report = new ConformanceReport(results, KnownFailures.load(KNOWN_FAILURES), 0,
                "conformance (sqs, back-end HTTP headers masked)");
        report.publish("conformance-report-sqs.txt");

        assertTrue(report.count(CaseResult.Verdict.PASSED) > 0, () -> "no case passed: " + report.summaryLine());
        List<CaseResult> regressions = report.regressions();
        assertTrue(regressions.isEmpty(), report::regressionMessage);
    }

    /** The objects the recording created before the run (ConformanceCase does not keep them). */
    static List<JsonNode> setupCalls(Path corpus, ConformanceCase c) throws Exception {
        JsonNode json = Json.parse(Files.readString(corpus.resolve("cases").resolve(c.name() + ".json")));
        List<JsonNode> calls = new ArrayList<>();
        json.path("setup_calls").forEach(calls::add);
        return calls;
    }

    /**
     * The HTTP headers in SdkHttpMetadata are the back end's (ElasticMQ's names, casing and set, not AWS's), so both
     * sides have them masked; RequestId is replaced by its key name as the recording's sfn_sqs_integration
     * transformer (which the harness does not apply) did. Everything else, the status code included, is compared.
     */
    static ConformanceCase withBackEndHeadersMasked(ConformanceCase c) {
        List<JsonNode> transformers = new ArrayList<>(List.of(
                jsonPath("$..SdkHttpMetadata.AllHttpHeaders", BACK_END_HEADERS),
                jsonPath("$..SdkHttpMetadata.HttpHeaders", BACK_END_HEADERS),
                jsonPath("$..SdkResponseMetadata.RequestId", "RequestId")));
        transformers.addAll(c.transformers());
        JsonNode output = c.expected().output() == null ? null : masked(c.expected().output().deepCopy());
        ConformanceCase.Outcome expected = new ConformanceCase.Outcome(c.expected().status(), output,
                c.expected().error(), c.expected().cause());
        return new ConformanceCase(c.name(), c.definition(), c.input(), c.type(), expected, c.features(),
                c.services(), c.externalActions(), c.regexes(), transformers, c.placeholders(), c.maskedFields());
    }

    private static JsonNode masked(JsonNode node) {
        if (node.path("SdkHttpMetadata").isObject()) {
            ObjectNode http = (ObjectNode) node.get("SdkHttpMetadata");
            http.put("AllHttpHeaders", BACK_END_HEADERS);
            http.put("HttpHeaders", BACK_END_HEADERS);
        }
        node.forEach(SqsConformanceTest::masked);
        return node;
    }

    private static JsonNode jsonPath(String path, String replacement) {
        return Json.NODES.objectNode().put("kind", "jsonpath").put("path", path).put("replacement", replacement)
                .put("reference", false);
    }
}
