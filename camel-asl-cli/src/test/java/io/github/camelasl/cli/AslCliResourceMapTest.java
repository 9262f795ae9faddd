package io.github.camelasl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --resource-map}: a definition written for AWS Lambda runs on local endpoints. */
class AslCliResourceMapTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    private static Result asl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AslCli.execute(args, new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private static String def(String name) {
        try {
            return Path.of(AslCliResourceMapTest.class.getResource("/definitions/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void runMapsLambdaArnsToLocalEndpoints() throws Exception {
        Result r = asl("run", def("validate-orders.asl.json"), "--input", "{\"order\": 7}", "--json",
                "--resource-map", def("orders.resource-map.properties"));
        assertEquals(0, r.code, r.err + r.out);
        assertEquals("SUCCEEDED", r.json().path("status").asText(), r.out);
        assertEquals("{\"order\":7,\"validation\":{\"valid\":true},\"score\":0.9}",
                r.json().path("output").toString());
    }

    @Test
    void resourceMapIsRepeatableAndEarlierFilesComeFirst() throws Exception {
        Result r = asl("run", def("validate-orders.asl.json"), "--input", "{\"order\": 7}", "--json",
                "--resource-map", def("score.resource-map.json"),
                "--resource-map", def("orders.resource-map.properties"));
        assertEquals(0, r.code, r.err + r.out);
        assertEquals(0.5, r.json().path("output").path("score").asDouble(), r.out);
        assertTrue(r.json().path("output").path("validation").path("valid").asBoolean(), r.out);
    }

    @Test
    void validateAcceptsArnsTheConnectorsOrTheMappingsResolve() throws Exception {
        // the Lambda connector is on the CLI's classpath: its ARNs resolve without a mapping
        Result r = asl("validate", def("validate-orders.asl.json"), "--json");
        assertEquals(0, r.code, r.out + r.err);

        // a DynamoDB ARN has no connector: refused, unless a mapping sends it somewhere
        assertEquals(2, asl("validate", def("unresolved-task.asl.json")).code);
        r = asl("validate", def("unresolved-task.asl.json"), "--json",
                "--resource-map", def("score.resource-map.json"),
                "--resource-map", writeMap("arn:aws:states:::dynamodb:* = log:dynamodb-{1}\n"));
        assertEquals(0, r.code, r.out + r.err);
        assertEquals("OK", r.json().path("result").asText());
    }

    @TempDir
    Path tmp;

    private String writeMap(String text) throws Exception {
        Path file = tmp.resolve("extra.properties");
        Files.writeString(file, text);
        return file.toString();
    }

    @Test
    void anInvalidMapIsAUsageErrorNamingTheFileAndLines() {
        String map = def("broken.resource-map.properties");
        Result r = asl("run", def("validate-orders.asl.json"), "--resource-map", map);
        assertEquals(2, r.code, r.err);
        assertEquals("", r.out);
        assertTrue(r.err.startsWith("asl: invalid --resource-map:\n"), r.err);
        assertTrue(r.err.contains(map + " line 2: pattern 'arn:aws:lambda:**' is not a valid glob"), r.err);
        assertTrue(r.err.contains(map + " line 3: the URI for pattern 'arn:aws:lambda:*:*:function:score' is empty"),
                r.err);
        assertFalse(r.err.contains("\tat "), r.err);

        r = asl("validate", def("validate-orders.asl.json"), "--resource-map", tmp.resolve("nope.json").toString());
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.contains("cannot read --resource-map file") && r.err.contains("no such file"), r.err);
    }
}
