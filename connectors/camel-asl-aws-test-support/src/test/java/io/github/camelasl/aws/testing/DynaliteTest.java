package io.github.camelasl.aws.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynaliteTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void answersDynamoDbsJsonProtocolUntilClosed() throws Exception {
        Dynalite dynalite = new Dynalite();
        try {
            HttpResponse<String> created = call(dynalite, "CreateTable", """
                    {"TableName":"Orders","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
                     "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
                     "BillingMode":"PAY_PER_REQUEST"}""");
            assertEquals(200, created.statusCode(), created.body());
            HttpResponse<String> described = call(dynalite, "DescribeTable", "{\"TableName\":\"Orders\"}");
            assertTrue(described.body().contains("\"TableStatus\":\"ACTIVE\""), described.body()); // --createTableMs 0
            HttpResponse<String> missing = call(dynalite, "GetItem",
                    "{\"TableName\":\"Nowhere\",\"Key\":{\"id\":{\"S\":\"1\"}}}");
            assertEquals(400, missing.statusCode());
            assertTrue(missing.body().contains("ResourceNotFoundException"), missing.body());
        } finally {
            dynalite.close();
        }
        assertThrows(IOException.class, () -> call(dynalite, "ListTables", "{}"));
    }

    @Test
    void twoRunSideBySideOnTheirOwnPorts() {
        try (Dynalite one = new Dynalite(); Dynalite two = new Dynalite()) {
            assertTrue(one.endpoint().getPort() != two.endpoint().getPort());
            assertEquals("127.0.0.1", one.endpoint().getHost());
        }
    }

    @Test
    void aMissingInstallSaysToRunInstallTestTools(@TempDir Path repository) throws IOException {
        Files.writeString(repository.resolve("install-test-tools"), "#!/bin/sh\n");
        Path module = Files.createDirectories(repository.resolve("connectors/some-module"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Dynalite.cli(module));
        assertTrue(refused.getMessage().contains("run ./install-test-tools"), refused.getMessage());
    }

    private HttpResponse<String> call(Dynalite dynalite, String action, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(dynalite.endpoint())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + action)
                // dynalite checks that a request is signed, not the signature
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=0")
                .header("X-Amz-Date", "20260101T000000Z")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
