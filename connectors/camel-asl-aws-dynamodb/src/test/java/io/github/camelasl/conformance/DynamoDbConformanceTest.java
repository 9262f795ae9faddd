package io.github.camelasl.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.aws.dynamodb.DynamoDbResourceResolver;
import io.github.camelasl.aws.testing.Dynalite;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The corpus cases of the optimized DynamoDB integration ({@code arn:aws:states:::dynamodb:*}, services exactly
 * ["dynamodb"]), run on the connector against dynalite with the tables their recording created. Fails on a
 * failure that {@value #KNOWN_FAILURES} does not list; the report goes to
 * {@code target/conformance-report-dynamodb.txt}. (The SDK integration's dynamodb cases are camel-asl-aws-sdk's.)
 */
class DynamoDbConformanceTest {

    private static final String KNOWN_FAILURES = "/conformance-known-failures-dynamodb.txt";
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(30);
    private static final String BACK_END_HEADERS = "<the back end's HTTP headers>";

    static {
        // one line per route start and stop would bury the report
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.camel.impl.engine.AbstractCamelContext", "warn");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void recordedDynamoDbExecutionsEndAsOnAws() throws Exception {
        Optional<Path> corpus = Corpus.locate();
        assumeTrue(corpus.isPresent(), Corpus::missingMessage);

        List<ConformanceCase> toRun = new ArrayList<>();
        for (ConformanceCase c : Corpus.cases(corpus.get())) {
            if (c.services().equals(List.of("dynamodb")) && c.features().contains("Task:dynamodb")) {
                toRun.add(withBackEndHeadersMasked(c));
            }
        }
        List<CaseResult> results;
        try (Dynalite dynalite = new Dynalite(); DynamoDbClient dynamo = client(dynalite)) {
            for (ConformanceCase c : toRun) {
                prepare(dynamo, corpus.get(), c);
            }
            // the connector's own resolver, its URI given the options that point it at dynalite
            String options = "?region=us-east-1&uriEndpointOverride=" + dynalite.endpoint()
                    + "&accessKey=test&secretKey=test";
            ResourceResolver toDynalite = (resource, camel) -> new DynamoDbResourceResolver().resolve(resource, camel)
                    .map(uri -> uri + options);
            try (CaseRunner runner = new CaseRunner(2, CASE_TIMEOUT, Set.of("dynamodb"), c -> List.of(toDynalite))) {
                results = runner.runAll(toRun);
            }
        }

        ConformanceReport report = new ConformanceReport(results, KnownFailures.load(KNOWN_FAILURES), 0,
                "conformance (optimized dynamodb on dynalite, back-end HTTP headers masked)");
        report.publish("conformance-report-dynamodb.txt");

        assertTrue(report.count(CaseResult.Verdict.PASSED) > 0, () -> "no case passed: " + report.summaryLine());
        List<CaseResult> regressions = report.regressions();
        assertTrue(regressions.isEmpty(), report::regressionMessage);
    }

    private static DynamoDbClient client(Dynalite dynalite) {
        return DynamoDbClient.builder().endpointOverride(dynalite.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    /** Replays the recording's setup: LocalStack's create_table fixture makes a table keyed by a string. */
    private static void prepare(DynamoDbClient dynamo, Path corpus, ConformanceCase c) throws Exception {
        JsonNode json = Json.parse(Files.readString(corpus.resolve("cases").resolve(c.name() + ".json")));
        for (JsonNode call : json.path("setup_calls")) {
            JsonNode args = call.path("args");
            if ("create_table".equals(call.path("op").asText())) {
                String key = args.path("partition_key").asText("id");
                dynamo.createTable(b -> b.tableName(args.path("table_name").asText())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(k -> k.attributeName(key).keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName(key).attributeType(ScalarAttributeType.S)));
            }
        }
    }

    /**
     * The HTTP headers in SdkHttpMetadata are the back end's: dynalite sends no Server header and adds a
     * Keep-Alive one, and the recording's header values went through LocalStack transformers the harness does not
     * apply. So both sides have them masked; RequestId is replaced by its key name as the recording's transformer
     * did. Everything else, the status code included, is compared (ItemActionsTest checks the headers themselves).
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
        node.forEach(DynamoDbConformanceTest::masked);
        return node;
    }

    private static JsonNode jsonPath(String path, String replacement) {
        return Json.NODES.objectNode().put("kind", "jsonpath").put("path", path).put("replacement", replacement)
                .put("reference", false);
    }
}
