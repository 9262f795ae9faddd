package io.github.camelasl.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.aws.sns.SnsResourceResolver;
import io.github.camelasl.aws.testing.SnsStandIn;
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
 * The corpus cases that need SNS and nothing else, run on the connector against the local SNS stand-in with the
 * topics their recording created. Fails on a failure that {@value #KNOWN_FAILURES} does not list; the report goes
 * to {@code target/conformance-report-sns.txt}.
 */
class SnsConformanceTest {

    private static final String KNOWN_FAILURES = "/conformance-known-failures-sns.txt";
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(30);
    private static final String BACK_END_HEADERS = "<the back end's HTTP headers>";

    static {
        // one line per route start and stop would bury the report
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.camel.impl.engine.AbstractCamelContext", "warn");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void recordedSnsExecutionsEndAsOnAws() throws Exception {
        Optional<Path> corpus = Corpus.locate();
        assumeTrue(corpus.isPresent(), Corpus::missingMessage);

        List<ConformanceCase> toRun = new ArrayList<>();
        List<CaseResult> results = new ArrayList<>();
        for (ConformanceCase c : Corpus.cases(corpus.get())) {
            if (!c.services().equals(List.of("sns"))) {
                continue;
            }
            if (c.features().contains("Task:waitForTaskToken")) {
                results.add(CaseResult.skipped(c, "a .waitForTaskToken case needs its recorded worker's callback replayed, which the harness does not do yet"));
            } else {
                toRun.add(withBackEndHeadersMasked(c));
            }
        }
        try (SnsStandIn sns = new SnsStandIn("us-east-1")) {
            for (ConformanceCase c : toRun) {
                prepare(sns, corpus.get(), c);
            }
            // the connector's own resolver, its URI given the options that point it at the stand-in
            String options = "?region=us-east-1&uriEndpointOverride=" + sns.endpoint() + "&accessKey=test&secretKey=test";
            ResourceResolver toStandIn = (resource, camel) -> new SnsResourceResolver().resolve(resource, camel)
                    .map(uri -> uri + options);
            try (CaseRunner runner = new CaseRunner(2, CASE_TIMEOUT, Set.of("sns"), c -> List.of(toStandIn))) {
                results.addAll(runner.runAll(toRun));
            }
        }

        ConformanceReport report = new ConformanceReport(results, KnownFailures.load(KNOWN_FAILURES), 0,
                "conformance (sns, back-end HTTP headers masked)");
        report.publish("conformance-report-sns.txt");

        assertTrue(report.count(CaseResult.Verdict.PASSED) > 0, () -> "no case passed: " + report.summaryLine());
        List<CaseResult> regressions = report.regressions();
        assertTrue(regressions.isEmpty(), report::regressionMessage);
    }

    /**
     * Replays the recording's setup on the stand-in. A create_topic without a name made the topic the input
     * publishes to (its generated name is only in the input); subscriptions change nothing Publish answers.
     */
    private static void prepare(SnsStandIn sns, Path corpus, ConformanceCase c) throws Exception {
        JsonNode json = Json.parse(Files.readString(corpus.resolve("cases").resolve(c.name() + ".json")));
        for (JsonNode call : json.path("setup_calls")) {
            JsonNode args = call.path("args");
            switch (call.path("op").asText()) {
                case "create_topic" -> {
                    if (args.hasNonNull("Name")) {
                        sns.addTopic("arn:aws:sns:us-east-1:111111111111:" + args.path("Name").asText());
                    } else if (c.input().path("TopicArn").isTextual()) {
                        sns.addTopic(c.input().path("TopicArn").asText());
                    }
                }
                case "delete_topic" -> sns.deleteTopic(args.path("TopicArn").asText());
                default -> {
                }
            }
        }
    }

    /**
     * The HTTP headers in SdkHttpMetadata are the back end's (the stand-in's names, casing and set, not AWS's), so both
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
        node.forEach(SnsConformanceTest::masked);
        return node;
    }

    private static JsonNode jsonPath(String path, String replacement) {
        return Json.NODES.objectNode().put("kind", "jsonpath").put("path", path).put("replacement", replacement)
                .put("reference", false);
    }
}
