package io.github.camelasl.cli;

import static io.github.camelasl.cli.CliRun.asl;
import static io.github.camelasl.cli.CliRun.def;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --resource-map}: a definition written for AWS Lambda runs on local endpoints. */
class AslCliResourceMapTest {



    @Test
    void runMapsLambdaArnsToLocalEndpoints() throws Exception {
        CliRun.Result r = asl("run", def("validate-orders.asl.json"), "--input", "{\"order\": 7}", "--json",
                "--resource-map", def("orders.resource-map.properties"));
        assertEquals(0, r.code(), r.err() + r.out());
        assertEquals("SUCCEEDED", r.json().path("status").asText(), r.out());
        assertEquals("{\"order\":7,\"validation\":{\"valid\":true},\"score\":0.9}",
                r.json().path("output").toString());
    }

    @Test
    void resourceMapIsRepeatableAndEarlierFilesComeFirst() throws Exception {
        CliRun.Result r = asl("run", def("validate-orders.asl.json"), "--input", "{\"order\": 7}", "--json",
                "--resource-map", def("score.resource-map.json"),
                "--resource-map", def("orders.resource-map.properties"));
        assertEquals(0, r.code(), r.err() + r.out());
        assertEquals(0.5, r.json().path("output").path("score").asDouble(), r.out());
        assertTrue(r.json().path("output").path("validation").path("valid").asBoolean(), r.out());
    }

    @Test
    void validateAcceptsArnsTheConnectorsOrTheMappingsResolve() throws Exception {
        // the Lambda connector is on the CLI's classpath: its ARNs resolve without a mapping
        CliRun.Result r = asl("validate", def("validate-orders.asl.json"), "--json");
        assertEquals(0, r.code(), r.out() + r.err());

        // a DataBrew ARN has no connector: refused, unless a mapping sends it somewhere
        assertEquals(2, asl("validate", def("unresolved-task.asl.json")).code());
        r = asl("validate", def("unresolved-task.asl.json"), "--json",
                "--resource-map", def("score.resource-map.json"),
                "--resource-map", writeMap("arn:aws:states:::databrew:* = log:databrew-{1}\n"));
        assertEquals(0, r.code(), r.out() + r.err());
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
    void validateRefusesAnArnWhoseMappedPartWouldAddUriOptions() throws Exception {
        Path definition = tmp.resolve("evil.asl.json");
        Files.writeString(definition, """
                {"StartAt": "Score", "States": {"Score": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:1:function:x?foo=bar&{{evil}}", "End": true}}}""");
        CliRun.Result r = asl("validate", definition.toString(),
                "--resource-map", writeMap("arn:aws:lambda:*:*:function:* = direct:lambda-{3}\n"));
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue((r.out() + r.err()).contains("/States/Score/Resource"), r.out() + r.err());
        assertTrue((r.out() + r.err()).contains("'x?foo=bar&{{evil}}' holds '?'"), r.out() + r.err());
        assertFalse((r.out() + r.err()).contains("\tat "), r.out() + r.err());
    }

    @Test
    void validateRefusesAFunctionArnThatWouldAddOptionsToTheLambdaConnectorsUri() throws Exception {
        // no mapping: the Lambda connector would run it, and its endpoint URI holds the whole ARN
        Path definition = tmp.resolve("evil-function.asl.json");
        Files.writeString(definition, """
                {"StartAt": "Score", "States": {"Score": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:x?foo=bar&{{evil}}", "End": true}}}""");
        CliRun.Result r = asl("validate", definition.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue((r.out() + r.err()).contains("/States/Score/Resource"), r.out() + r.err());
        assertTrue((r.out() + r.err()).contains("cannot be run by the Lambda connector: it holds '?'"),
                r.out() + r.err());
        assertFalse((r.out() + r.err()).contains("\tat "), r.out() + r.err());
    }

    @Test
    void anInvalidMapIsAUsageErrorNamingTheFileAndLines() {
        String map = def("broken.resource-map.properties");
        CliRun.Result r = asl("run", def("validate-orders.asl.json"), "--resource-map", map);
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("asl: invalid --resource-map:\n"), r.err());
        assertTrue(r.err().contains(map + " line 2: pattern 'arn:aws:lambda:**' is not a valid glob"), r.err());
        assertTrue(r.err().contains(map + " line 3: the URI for pattern 'arn:aws:lambda:*:*:function:score' is empty"),
                r.err());
        assertFalse(r.err().contains("\tat "), r.err());

        r = asl("validate", def("validate-orders.asl.json"), "--resource-map", tmp.resolve("nope.json").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("cannot read --resource-map file") && r.err().contains("no such file"), r.err());
    }
}
