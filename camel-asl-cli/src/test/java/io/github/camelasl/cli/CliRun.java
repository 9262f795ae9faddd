package io.github.camelasl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The CLI run in process, as the tests run it: its exit code, stdout and stderr. */
final class CliRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CliRun() {
    }

    record Result(int code, String out, String err) {

        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("stdout is not one JSON value: " + out, e);
            }
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Result asl(String... args) {
        return aslWithStdin("", args);
    }

    static Result aslWithStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AslCli.execute(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** The path of a test definition in src/test/resources/definitions. */
    static String def(String name) {
        try {
            return Path.of(CliRun.class.getResource("/definitions/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
