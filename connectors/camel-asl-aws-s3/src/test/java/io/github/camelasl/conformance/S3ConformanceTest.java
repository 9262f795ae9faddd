package io.github.camelasl.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.s3.S3ResourceResolver;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.resource.ResourceResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The corpus cases that need S3 and nothing else, run on the connector against S3Mock with the buckets and objects
 * their recording created. Fails on a failure that {@value #KNOWN_FAILURES} does not list; the report goes to
 * {@code target/conformance-report-s3.txt}.
 */
class S3ConformanceTest {

    private static final String KNOWN_FAILURES = "/conformance-known-failures-s3.txt";
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final S3MockExtension S3 = S3MockExtension.builder().silent().withSecureConnection(false).build();

    static {
        // one line per route start and stop would bury the report
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.camel.impl.engine.AbstractCamelContext", "warn");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void recordedS3ExecutionsEndAsOnAws() throws Exception {
        Optional<Path> corpus = Corpus.locate();
        assumeTrue(corpus.isPresent(), Corpus::missingMessage);

        List<ConformanceCase> toRun = new ArrayList<>();
        List<CaseResult> results = new ArrayList<>();
        for (ConformanceCase c : Corpus.cases(corpus.get())) {
            if (!c.services().equals(List.of("s3"))) {
                continue;
            }
            if (!c.externalActions().isEmpty()) {
                results.add(CaseResult.skipped(c, "the case needs its recorded outside actions (a callback sender, "
                        + "a stop) replayed, which the harness does not do yet"));
            } else {
                // the distributed-Map cases read their items from S3 (ItemReader) through the connector too
                toRun.add(c);
            }
        }
        try (S3Client s3 = S3.createS3ClientV2()) {
            Set<String> buckets = new LinkedHashSet<>();
            for (ConformanceCase c : toRun) {
                for (JsonNode call : setupCalls(corpus.get(), c)) {
                    String op = call.path("op").asText();
                    JsonNode args = call.path("args");
                    // the fixture's bucket is the one the execution input names
                    String bucket = args.hasNonNull("Bucket") ? args.path("Bucket").asText()
                            : c.input().path("Bucket").asText(null);
                    if (bucket != null && ("create_bucket".equals(op) || "put_object".equals(op))
                            && buckets.add(bucket)) {
                        s3.createBucket(b -> b.bucket(bucket));
                    }
                    if ("put_object".equals(op)) {
                        JsonNode body = args.path("Body");
                        // boto3 sent no Content-Type, so S3 stored its default; and S3 encrypts every new object
                        // (SSE-S3) since 2023, which S3Mock does only when asked
                        s3.putObject(b -> b.bucket(bucket).key(args.path("Key").asText())
                                        .contentType("binary/octet-stream")
                                        .serverSideEncryption(ServerSideEncryption.AES256),
                                RequestBody.fromString(body.isTextual() ? body.asText() : Json.write(body)));
                    }
                }
            }
        }
        String options = "?region=us-east-1&uriEndpointOverride=http://127.0.0.1:" + S3.getHttpPort()
                + "&accessKey=test&secretKey=test";
        ResourceResolver toS3Mock = (resource, camel) -> new S3ResourceResolver().resolve(resource, camel)
                .map(uri -> uri + options);
        try (CaseRunner runner = new CaseRunner(2, CASE_TIMEOUT, Set.of("s3"), c -> List.of(toS3Mock))) {
            results.addAll(runner.runAll(toRun));
        }

        ConformanceReport report = new ConformanceReport(results, KnownFailures.load(KNOWN_FAILURES), 0,
                "conformance (s3)");
        report.publish("conformance-report-s3.txt");

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
}
