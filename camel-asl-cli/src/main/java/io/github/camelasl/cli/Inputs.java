package io.github.camelasl.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading definitions and inputs from files or stdin, with one-line errors. */
final class Inputs {

    /** Stands for stdin where a file name is expected. */
    static final String STDIN = "-";

    private Inputs() {
    }

    /**
     * The text of {@code file}, or of stdin for "-", read no further than the default payload cap (64 MiB): a file
     * that never ends ({@code /dev/zero}) is not read for ever.
     */
    static String read(String file, InputStream stdin, String what) {
        return read(file, stdin, what, ExecutionLimits.DEFAULT_MAX_PAYLOAD_SIZE, "");
    }

    /**
     * The text of {@code file}, or of stdin for "-"; more than {@code maxBytes} is a usage error (reading stops
     * there), which ends with {@code hint}.
     */
    static String read(String file, InputStream stdin, String what, int maxBytes, String hint) {
        try {
            byte[] bytes;
            if (STDIN.equals(file)) {
                bytes = stdin.readNBytes(maxBytes + 1);
            } else {
                Path path = Path.of(file);
                if (Files.isDirectory(path)) {
                    throw CliException.usage("cannot read " + what + " " + file + ": it is a directory");
                }
                try (InputStream in = Files.newInputStream(path)) {
                    bytes = in.readNBytes(maxBytes + 1);
                }
            }
            if (bytes.length > maxBytes) {
                throw CliException.usage("cannot read " + what + " " + file + ": it has more than " + maxBytes
                        + " bytes" + hint);
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw CliException.usage("cannot read " + what + " " + file + ": not UTF-8 text");
        } catch (NoSuchFileException e) {
            throw CliException.usage("cannot read " + what + " " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw CliException.usage("cannot read " + what + " " + file + ": permission denied");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw CliException.usage("cannot read " + what + " " + file + ": " + oneLine(e.getMessage()));
        }
    }

    /**
     * The execution input: {@code {}} when absent, the JSON text itself, or the contents of a file for
     * {@code @FILE} ({@code @-} for stdin).
     */
    static JsonNode executionInput(String option, InputStream stdin) {
        return executionInput(option, stdin, ExecutionLimits.DEFAULT);
    }

    /** {@link #executionInput(String, InputStream)}, refusing (reading no further) more than the limits allow. */
    static JsonNode executionInput(String option, InputStream stdin, ExecutionLimits limits) {
        if (option == null) {
            return Json.NODES.objectNode();
        }
        String text;
        String what;
        if (option.startsWith("@")) {
            String file = option.substring(1);
            if (file.isEmpty()) {
                throw CliException.usage("--input @FILE needs a file name");
            }
            text = read(file, stdin, "--input file", limits.maxPayloadSize(),
                    " (--max-payload-size, limits=" + limits.mode() + ")");
            what = "--input file " + (STDIN.equals(file) ? "(stdin)" : file);
        } else {
            text = option;
            what = "--input";
        }
        return parse(text, what);
    }

    /** Parses JSON text, reporting problems as {@code <what> is not valid JSON: <reason> at line L, column C}. */
    static JsonNode parse(String text, String what) {
        try {
            JsonNode node = Json.parse(text);
            if (node == null || node.isMissingNode()) {
                throw CliException.usage(what + " is not valid JSON: no content");
            }
            return node;
        } catch (JsonProcessingException e) {
            StringBuilder msg = new StringBuilder(what).append(" is not valid JSON: ")
                    .append(oneLine(e.getOriginalMessage()));
            JsonLocation at = e.getLocation();
            if (at != null && at.getLineNr() > 0) {
                msg.append(" at line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr());
            }
            throw CliException.usage(msg.toString());
        }
    }

    /** The state machine name AWS would accept derived from a file name: without .asl.json / .json. */
    static String defaultStateMachineName(String file) {
        if (STDIN.equals(file)) {
            return "stdin";
        }
        Path name = Path.of(file).getFileName();
        String base = name == null ? file : name.toString();
        for (String suffix : new String[] {".asl.json", ".json", ".asl.yaml", ".asl"}) {
            if (base.length() > suffix.length() && base.toLowerCase(java.util.Locale.ROOT).endsWith(suffix)) {
                base = base.substring(0, base.length() - suffix.length());
                break;
            }
        }
        StringBuilder clean = new StringBuilder();
        base.codePoints().forEach(c -> clean.appendCodePoint(allowedInName(c) ? c : '_'));
        String result = clean.toString();
        if (result.isEmpty()) {
            return "StateMachine";
        }
        return result.length() > 80 ? result.substring(0, 80) : result;
    }

    /**
     * Checks a state machine or execution name as AWS does: 1 to 80 characters, no whitespace, brackets,
     * wildcards, special or control characters.
     */
    static void checkName(String name, String option) {
        if (name == null) {
            return;
        }
        if (name.isEmpty() || name.length() > 80) {
            throw CliException.usage(option + " must be 1 to 80 characters long");
        }
        int bad = name.codePoints().filter(c -> !allowedInName(c)).findFirst().orElse(-1);
        if (bad >= 0) {
            String shown = Character.isISOControl(bad) ? String.format("U+%04X", bad)
                    : Character.isWhitespace(bad) ? "whitespace" : "'" + Character.toString(bad) + "'";
            throw CliException.usage(option + " '" + name + "' is not a valid name: it contains " + shown);
        }
    }

    private static boolean allowedInName(int c) {
        return !Character.isWhitespace(c) && !Character.isISOControl(c) && "<>{}[]?*\"#%\\^|~`$&,;:/".indexOf(c) < 0
                && !(c >= 0x7F && c <= 0x9F);
    }

    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
