package io.github.camelasl.cli;

import static io.github.camelasl.cli.CliRun.asl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resource policy on the command line: the default one, {@code --allow-resource} and {@code --deny-resource}. */
class AslCliResourcePolicyTest {

    @TempDir
    Path tmp;

    private String definition(String state, String resource) throws Exception {
        Path file = tmp.resolve(state + ".asl.json");
        Files.writeString(file, "{\"StartAt\": \"" + state + "\", \"States\": {\"" + state + "\": {\"Type\": \"Task\", "
                + "\"Resource\": \"" + resource + "\", \"End\": true}}}");
        return file.toString();
    }

    @Test
    void validateRefusesAClassTaskReadingTheEnvironment() throws Exception {
        CliRun.Result r = asl("validate", definition("ReadEnv", "class:java.lang.System?method=getenv"), "--json");
        assertEquals(2, r.code(), r.out() + r.err());
        JsonNode problem = r.json().path("diagnostics").path(0);
        assertEquals("FAIL", r.json().path("result").asText());
        assertEquals("RESOURCE_NOT_ALLOWED", problem.path("code").asText(), r.out());
        assertEquals("/States/ReadEnv/Resource", problem.path("location").asText(), r.out());
        assertTrue(problem.path("message").asText().startsWith("State 'ReadEnv': the resource "
                + "class:java.lang.System?method=getenv is not allowed"), r.out());
    }

    @Test
    void runRefusesItBeforeAnythingRuns() throws Exception {
        CliRun.Result r = asl("run", definition("ReadEnv", "class:java.lang.System?method=getenv"), "--json");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("RESOURCE_NOT_ALLOWED"), r.err());
        assertTrue(r.err().contains("/States/ReadEnv/Resource"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void allowResourceLetsAClassTaskRun() throws Exception {
        String def = definition("Score", "class:io.github.camelasl.cli.OrderFunctions?method=score");
        assertEquals(2, asl("run", def).code());
        CliRun.Result r = asl("run", def, "--json",
                "--allow-resource", "class:io.github.camelasl.cli.OrderFunctions?*");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(0.9, r.json().path("output").asDouble(), r.out());
    }

    @Test
    void denyResourceRefusesWhatIsOtherwiseAllowedAndIsRepeatable() throws Exception {
        String def = definition("Note", "log:audit");
        assertEquals(0, asl("validate", def).code());
        CliRun.Result r = asl("validate", def, "--deny-resource", "direct:*", "--deny-resource", "log:*");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("it matches the denied pattern 'log:*'"), r.out());
        // denied comes before allowed
        assertEquals(2, asl("validate", def, "--allow-resource", "log:*", "--deny-resource", "log:audit").code());
    }

    @Test
    void anInvalidPatternIsAUsageError() throws Exception {
        CliRun.Result r = asl("validate", definition("Note", "log:audit"), "--allow-resource", "log:**");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("pattern 'log:**' is not a valid glob"), r.err());
    }
}
