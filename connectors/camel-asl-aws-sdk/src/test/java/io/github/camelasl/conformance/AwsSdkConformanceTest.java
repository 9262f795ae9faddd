package io.github.camelasl.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.sdk.AwsSdkResourceResolver;
import io.github.camelasl.aws.testing.Dynalite;
import io.github.camelasl.aws.testing.JsonProtocolStandIn;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.resource.ResourceResolver;
import java.net.URI;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The corpus cases whose Tasks are all aws-sdk integrations of DynamoDB or Secrets Manager, run on the bridge:
 * DynamoDB on dynalite (a real emulator) with the tables their recording created, Secrets Manager on a JSON 1.1
 * stand-in that has no secrets (as the recorded account had none). Step Functions' own (aws-sdk:sfn) cases run with
 * the engine's nested executions. Fails on a failure that {@value #KNOWN_FAILURES} does not list; the report goes to
 * {@code target/conformance-report-aws-sdk.txt}.
 */
class AwsSdkConformanceTest {

    private static final String KNOWN_FAILURES = "/conformance-known-failures-aws-sdk.txt";
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> SERVICES = Set.of("dynamodb", "secretsmanager");

    static {
        // one line per route start and stop would bury the report
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.camel.impl.engine.AbstractCamelContext", "warn");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void recordedSdkIntegrationExecutionsEndAsOnAws() throws Exception {
        Optional<Path> corpus = Corpus.locate();
        assumeTrue(corpus.isPresent(), Corpus::missingMessage);

        List<ConformanceCase> toRun = new ArrayList<>();
        for (ConformanceCase c : Corpus.cases(corpus.get())) {
            if (!c.services().isEmpty() && SERVICES.containsAll(c.services()) && onlySdkTasks(c)) {
                toRun.add(c);
            }
        }
        List<CaseResult> results;
        try (Dynalite dynamo = new Dynalite(); JsonProtocolStandIn secrets = new JsonProtocolStandIn("1.1");
             DynamoDbClient tables = client(dynamo.endpoint())) {
            secrets.answer("secretsmanager.ListSecrets", "{\"SecretList\": []}");
            for (ConformanceCase c : toRun) {
                createTables(tables, corpus.get(), c);
            }
            // the bridge's own resolver, its URI given the options that point it at the emulator or stand-in
            ResourceResolver toLocal = (resource, camel) -> new AwsSdkResourceResolver().resolve(resource, camel)
                    .map(uri -> uri + "?region=us-east-1&accessKey=test&secretKey=test&uriEndpointOverride="
                            + (uri.startsWith("asl-aws-sdk:dynamodb/") ? dynamo.endpoint() : secrets.endpoint()));
            try (CaseRunner runner = new CaseRunner(2, CASE_TIMEOUT, SERVICES, c -> List.of(toLocal))) {
                results = runner.runAll(toRun);
            }
        }

        ConformanceReport report = new ConformanceReport(results, KnownFailures.load(KNOWN_FAILURES), 0,
                "conformance (aws-sdk: dynamodb on dynalite, secretsmanager on a stand-in)");
        report.publish("conformance-report-aws-sdk.txt");

        assertTrue(report.count(CaseResult.Verdict.PASSED) >= 4, () -> "too few cases passed: " + report.summaryLine());
        List<CaseResult> regressions = report.regressions();
        assertTrue(regressions.isEmpty(), report::regressionMessage);
    }

    /** Every Task of the case is an aws-sdk one (the optimized DynamoDB cases are the DynamoDB connector's). */
    private static boolean onlySdkTasks(ConformanceCase c) {
        return c.features().stream().filter(f -> f.startsWith("Task:")).allMatch(f -> f.startsWith("Task:aws-sdk:"))
                && c.features().stream().anyMatch(f -> f.startsWith("Task:aws-sdk:"));
    }

    /** Replays the recording's create_table setup calls: a string partition key, as the recording's fixture made. */
    private static void createTables(DynamoDbClient tables, Path corpus, ConformanceCase c) throws Exception {
        JsonNode json = Json.parse(Files.readString(corpus.resolve("cases").resolve(c.name() + ".json")));
        for (JsonNode call : json.path("setup_calls")) {
            if (!"create_table".equals(call.path("op").asText())) {
                continue;
            }
            String key = call.path("args").path("partition_key").asText();
            tables.createTable(b -> b.tableName(call.path("args").path("table_name").asText())
                    .keySchema(KeySchemaElement.builder().attributeName(key).keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName(key)
                            .attributeType(ScalarAttributeType.S).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
        }
    }

    private static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }
}
