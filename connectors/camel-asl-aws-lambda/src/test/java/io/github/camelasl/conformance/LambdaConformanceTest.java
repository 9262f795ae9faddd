package io.github.camelasl.conformance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.testing.LambdaFunction;
import io.github.camelasl.aws.lambda.LambdaResourceResolver;
import io.github.camelasl.aws.testing.LambdaStandIn;
import io.github.camelasl.aws.lambda.PythonLambdaRuntime;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.resource.ResourceResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the corpus's Lambda cases (those needing Lambda and nothing else) through the Lambda connector against a
 * local stand-in of the Lambda service that runs each case's Python handlers with {@code python3}, and compares the
 * results with AWS's as {@link ConformanceTest} does. Each case gets a stand-in of its own (the recordings reuse
 * function names for different handlers). Known failures, with their reasons, are in
 * {@value #KNOWN_FAILURES}; the report goes to {@code target/lambda-conformance-report.txt}.
 */
class LambdaConformanceTest {

    static final int REQUIRED_PASS_RATE_PERCENT = 95;
    private static final String KNOWN_FAILURES = "/lambda-conformance-known-failures.txt";
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "111111111111";
    private static final int CONCURRENCY = 8;
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(60);
    /** Longer than any case's TimeoutSeconds: the handlers that sleep past it are ended when the test ends. */
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(120);

    /**
     * The recording fixture (LocalStack's sfn_snapshot) normalised the SDK metadata of lambda:invoke results, but the
     * corpus does not list those transformers; these are them, as the recorded values show them.
     */
    private static final List<JsonNode> SDK_METADATA_TRANSFORMERS = List.of(
            replace("$..SdkHttpMetadata.AllHttpHeaders.Date", "date"),
            replace("$..SdkHttpMetadata.AllHttpHeaders['X-Amzn-Trace-Id']", "X-Amzn-Trace-Id"),
            replace("$..SdkHttpMetadata.HttpHeaders.Date", "date"),
            replace("$..SdkHttpMetadata.HttpHeaders['X-Amzn-Trace-Id']", "X-Amzn-Trace-Id"));
    /**
     * Older recordings also replaced the request ids by their key names (newer ones leave them to the uuid
     * transformer): applied where the recorded output shows it.
     */
    private static final List<JsonNode> REQUEST_ID_TRANSFORMERS = List.of(
            replace("$..SdkHttpMetadata.AllHttpHeaders['x-amzn-RequestId']", "x-amzn-RequestId"),
            replace("$..SdkHttpMetadata.HttpHeaders['x-amzn-RequestId']", "x-amzn-RequestId"),
            replace("$..SdkResponseMetadata.RequestId", "RequestId"));

    static {
        // a CamelContext logs every route start and stop at INFO, which would bury the report
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.camel.impl.engine.AbstractCamelContext", "warn");
    }

    /** A case with the functions it needs (name to Python handler source). */
    private record LambdaCase(ConformanceCase recorded, Map<String, String> handlers) {
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void recordedLambdaExecutionsEndAsOnAws() throws Exception {
        Optional<Path> corpus = Corpus.locate();
        assumeTrue(corpus.isPresent(), Corpus::missingMessage);
        String noPython = PythonLambdaRuntime.unavailableReason();
        if (noPython != null) {
            System.out.println("conformance (lambda): skipped: the cases' Python handlers need python3 (" + noPython
                    + ")");
        }
        assumeTrue(noPython == null, () -> "the Lambda conformance cases run their Python handlers with python3, "
                + "which this machine lacks (" + noPython + "); skipping");

        List<LambdaCase> cases = lambdaCases(corpus.get());
        warmUp();
        Map<String, LambdaStandIn> standIns = new HashMap<>();
        List<CaseResult> results;
        try (PythonLambdaRuntime python = new PythonLambdaRuntime(FUNCTION_TIMEOUT)) {
            try {
                for (LambdaCase c : cases) {
                    LambdaStandIn standIn = LambdaStandIn.start(REGION, ACCOUNT);
                    standIns.put(c.recorded().name(), standIn);
                    c.handlers().forEach((name, source) -> standIn.deploy(name, python.function(source)));
                }
                try (CaseRunner runner = new CaseRunner(CONCURRENCY, CASE_TIMEOUT, Set.of("lambda"),
                        c -> resolverFor(standIns.get(c.name())))) {
                    results = runner.runAll(cases.stream().map(LambdaCase::recorded).toList());
                }
            } finally {
                standIns.values().forEach(LambdaStandIn::close);
            }
        }

        KnownFailures known = KnownFailures.load(KNOWN_FAILURES);
        ConformanceReport report = new ConformanceReport(results, known, REQUIRED_PASS_RATE_PERCENT / 100.0,
                "conformance (lambda)");
        report.publish("lambda-conformance-report.txt");

        List<CaseResult> regressions = report.regressions();
        assertAll(
                () -> assertTrue(regressions.isEmpty(), report::regressionMessage),
                () -> assertTrue(report.passRate() * 100 >= REQUIRED_PASS_RATE_PERCENT, () -> String.format(
                        Locale.ROOT, "%.1f%% of the Lambda cases pass, at least %d%% required (%s)",
                        report.passRate() * 100, REQUIRED_PASS_RATE_PERCENT, report.summaryLine())));
    }

    /**
     * One invocation before the cases: a JVM's first Lambda call loads the SDK (most of a second), which AWS's
     * recordings never paid, and one case gives its Task a TimeoutSeconds of 1.
     */
    private static void warmUp() throws Exception {
        try (LambdaStandIn standIn = LambdaStandIn.start(REGION, ACCOUNT);
             CamelContext camel = new DefaultCamelContext()) {
            standIn.deploy("warm-up", (event, call) -> LambdaFunction.Outcome.returning(event));
            camel.start();
            String uri = new LambdaResourceResolver(endpointOptions(standIn))
                    .resolve("arn:aws:states:::lambda:invoke", camel).orElseThrow();
            camel.createProducerTemplate().requestBody(uri, "{\"FunctionName\": \"warm-up\", \"Payload\": {}}");
        }
    }

    /** The connector, pointed at the case's stand-in. */
    private static List<ResourceResolver> resolverFor(LambdaStandIn standIn) {
        return List.of(new LambdaResourceResolver(endpointOptions(standIn)));
    }

    private static Map<String, String> endpointOptions(LambdaStandIn standIn) {
        return Map.of("uriEndpointOverride", standIn.endpoint(), "region", REGION, "accessKey", "stand-in",
                "secretKey", "stand-in");
    }

    /** The cases whose only service is Lambda, sorted by name. */
    private static List<LambdaCase> lambdaCases(Path corpus) throws IOException {
        List<LambdaCase> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus.resolve("cases"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode json = ConformanceCase.parseRecorded(Files.readString(file));
                if (!List.of("lambda").equals(Json.MAPPER.convertValue(json.path("services"), List.class))) {
                    continue;
                }
                Map<String, String> handlers = new HashMap<>();
                json.path("lambdas").forEach(l -> handlers.put(l.path("function_name").asText(),
                        l.path("handler_source").asText()));
                cases.add(new LambdaCase(withSdkMetadataTransformers(ConformanceCase.of(json)), handlers));
            }
        }
        return cases;
    }

    private static ConformanceCase withSdkMetadataTransformers(ConformanceCase c) {
        List<JsonNode> transformers = new ArrayList<>(SDK_METADATA_TRANSFORMERS);
        JsonNode output = c.expected().output();
        if (output != null && Json.write(output).contains("\"RequestId\":\"RequestId\"")) {
            transformers.addAll(REQUEST_ID_TRANSFORMERS);
        }
        transformers.addAll(c.transformers());
        return new ConformanceCase(c.name(), c.definition(), c.input(), c.type(), c.expected(), c.features(),
                c.services(), c.externalActions(), c.regexes(), transformers, c.placeholders(), c.maskedFields());
    }

    private static JsonNode replace(String path, String replacement) {
        return Json.NODES.objectNode().put("kind", "jsonpath").put("path", path).put("replacement", replacement)
                .put("reference", false);
    }
}
