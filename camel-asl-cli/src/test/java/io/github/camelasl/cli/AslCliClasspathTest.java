package io.github.camelasl.cli;

import static io.github.camelasl.cli.CliRun.asl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --classpath}: a stub class compiled outside the CLI's class path answers a {@code class:} Task. */
class AslCliClasspathTest {

    @TempDir
    Path tmp;

    /** Compiles {@code stubs.PaymentStub} into a folder of its own, which the CLI's class path does not have. */
    private Path compileStub() throws Exception {
        Path sources = Files.createDirectories(tmp.resolve("src/stubs"));
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path source = sources.resolve("PaymentStub.java");
        Files.writeString(source, """
                package stubs;
                public class PaymentStub {
                    public String charge(String request) {
                        return "{\\"charged\\": true, \\"by\\": \\"stub\\"}";
                    }
                }
                """);
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                source.toString());
        assertEquals(0, compiled, "the stub compiles");
        assertThrows(ClassNotFoundException.class, () -> Class.forName("stubs.PaymentStub"));
        return classes;
    }

    private String definition() throws Exception {
        Path file = tmp.resolve("pay.asl.json");
        Files.writeString(file, """
                {"StartAt": "Charge", "States": {"Charge": {"Type": "Task",
                  "Resource": "class:stubs.PaymentStub?method=charge", "End": true}}}""");
        return file.toString();
    }

    @Test
    void aClassTaskLoadsItsStubFromTheClasspath() throws Exception {
        Path classes = compileStub();
        CliRun.Result r = asl("run", definition(), "--json", "--classpath", classes.toString(),
                "--allow-resource", "class:stubs.*");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("{\"charged\":true,\"by\":\"stub\"}", r.json().path("output").toString());
    }

    @Test
    void theStubStillNeedsAllowResource() throws Exception {
        Path classes = compileStub();
        CliRun.Result r = asl("run", definition(), "--classpath", classes.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("RESOURCE_NOT_ALLOWED"), r.err());
    }

    @Test
    void withoutTheClasspathTheClassIsNotFound() throws Exception {
        compileStub();
        CliRun.Result r = asl("run", definition(), "--allow-resource", "class:stubs.*");
        assertTrue(r.code() != 0, r.out() + r.err());
        assertNotNull(r.err());
    }

    @Test
    void aMissingEntryIsAUsageError() throws Exception {
        CliRun.Result r = asl("run", definition(), "--classpath", tmp.resolve("nowhere").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("asl: --classpath entry " + tmp.resolve("nowhere") + ": no such file or folder",
                r.err().strip());
    }
}
