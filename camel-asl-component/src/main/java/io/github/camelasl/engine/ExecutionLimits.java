package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.dataflow.PayloadSize;
import java.util.Locale;
import java.util.Objects;

/**
 * How big an execution may grow: its payloads (bytes of JSON text, UTF-8), how deep they nest, how many history
 * events it records, and which execution names it accepts. Two modes: {@code aws} applies AWS's quotas (256 KiB
 * payloads, 25,000 history events, AWS's name rules) so a definition that passes here passes there; {@code
 * default} has caps that only protect the process, far above AWS's, because escaping AWS's quotas is a reason to
 * run here. Each cap can be set on its own; unset ones take the mode's value. A value.
 */
public final class ExecutionLimits {

    /** {@code limits=default} or {@code limits=aws}. */
    public enum Mode {
        DEFAULT, AWS;

        /** The option's value: "default" or "aws" (any case). */
        public static Mode of(String value) {
            for (Mode mode : values()) {
                if (mode.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("limits must be 'default' or 'aws', but was '" + value + "'");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** AWS's payload quota: 256 KiB of UTF-8 for an input, output or result. */
    public static final int AWS_MAX_PAYLOAD_SIZE = 262_144;
    /** AWS's history quota: the 25,000th event ends the execution. */
    public static final int AWS_MAX_HISTORY_EVENTS = 25_000;

    /**
     * 64 MiB: a 20 MB input mapped into a copy of itself (40 MB) fits; a payload parses into a Jackson tree of
     * several times its text, so much larger ones are what takes a 1 GiB heap down.
     */
    public static final int DEFAULT_MAX_PAYLOAD_SIZE = 64 * 1024 * 1024;
    /**
     * 5 million: a Map over 1,000,000 items records 4 events an item (4,000,006 in all). A history event holds 80 to
     * 100 bytes of heap while its execution runs (more with payloads only it keeps): an endless Pass/Choice loop on
     * the in-memory store stopped at 10 million events with a 1 GiB heap full (peak 1,034 MB), so half that leaves
     * room for the rest of the app.
     */
    public static final int DEFAULT_MAX_HISTORY_EVENTS = 5_000_000;
    /** The deepest JSON the engine handles: Jackson's own default, and its parsers' and writers' limit here. */
    public static final int MAX_NESTING_DEPTH = Json.MAX_NESTING_DEPTH;
    /** The largest payload cap that can be set: SQLite keeps no text longer than 1,000,000,000 bytes. */
    public static final int MAX_PAYLOAD_SIZE_CEILING = 512 * 1024 * 1024;

    public static final ExecutionLimits DEFAULT = new ExecutionLimits(Mode.DEFAULT, null, null, null);
    public static final ExecutionLimits AWS = new ExecutionLimits(Mode.AWS, null, null, null);

    private final Mode mode;
    private final int maxPayloadSize;
    private final int maxNestingDepth;
    private final int maxHistoryEvents;

    /**
     * @param maxPayloadSize   bytes of JSON text (UTF-8) a payload may have; null for the mode's
     * @param maxNestingDepth  how deep a payload may nest (1 to {@value #MAX_NESTING_DEPTH}); null for the mode's
     * @param maxHistoryEvents how many events an execution's history may hold, its last one included; null for
     *                         the mode's
     */
    public ExecutionLimits(Mode mode, Integer maxPayloadSize, Integer maxNestingDepth, Integer maxHistoryEvents) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.maxPayloadSize = maxPayloadSize != null ? maxPayloadSize
                : mode == Mode.AWS ? AWS_MAX_PAYLOAD_SIZE : DEFAULT_MAX_PAYLOAD_SIZE;
        this.maxNestingDepth = maxNestingDepth != null ? maxNestingDepth : MAX_NESTING_DEPTH;
        this.maxHistoryEvents = maxHistoryEvents != null ? maxHistoryEvents
                : mode == Mode.AWS ? AWS_MAX_HISTORY_EVENTS : DEFAULT_MAX_HISTORY_EVENTS;
        if (this.maxPayloadSize < 2 || this.maxPayloadSize > MAX_PAYLOAD_SIZE_CEILING) {
            throw new IllegalArgumentException("maxPayloadSize must be 2 to " + MAX_PAYLOAD_SIZE_CEILING
                    + " bytes, but was " + this.maxPayloadSize);
        }
        if (this.maxNestingDepth < 1 || this.maxNestingDepth > MAX_NESTING_DEPTH) {
            throw new IllegalArgumentException("maxNestingDepth must be 1 to " + MAX_NESTING_DEPTH + " (deeper JSON "
                    + "overflows the stack of the engine's recursive code), but was " + this.maxNestingDepth);
        }
        if (this.maxHistoryEvents < 3) {
            throw new IllegalArgumentException("maxHistoryEvents must be at least 3 (an execution's start, one "
                    + "state and its end), but was " + this.maxHistoryEvents);
        }
    }

    public Mode mode() {
        return mode;
    }

    public int maxPayloadSize() {
        return maxPayloadSize;
    }

    public int maxNestingDepth() {
        return maxNestingDepth;
    }

    public int maxHistoryEvents() {
        return maxHistoryEvents;
    }

    /** AWS's quotas for variables: 256 KiB a variable and an Assign block, 10 MiB in an execution. */
    static final int AWS_MAX_VARIABLE_BYTES = 256 * 1024;
    static final long AWS_MAX_VARIABLES_BYTES = 10 * 1024 * 1024;

    /** Bytes of JSON one variable, or one Assign block, may hold: AWS's 256 KiB, else a payload's cap. */
    int maxVariableBytes() {
        return mode == Mode.AWS ? AWS_MAX_VARIABLE_BYTES : maxPayloadSize;
    }

    /**
     * Bytes of JSON the variables of a scope may hold together: AWS's 10 MiB, else four payloads (variables stay in
     * memory for the whole execution, beside its data), but never more than {@link #MAX_PAYLOAD_SIZE_CEILING}: a
     * scope's variables are written to the store as one text, which SQLite (and a Java String) must hold.
     */
    long maxVariablesBytes() {
        return mode == Mode.AWS ? AWS_MAX_VARIABLES_BYTES : Math.min(4L * maxPayloadSize, MAX_PAYLOAD_SIZE_CEILING);
    }

    /**
     * Checks the output or result {@code stateName} produced: States.DataLimitExceeded when it is larger than
     * maxPayloadSize (with AWS's limits in AWS's words) or nests deeper than maxNestingDepth. Returns its size.
     */
    public PayloadSize checkStateData(JsonNode value, String stateName) {
        PayloadSize size = PayloadSize.measure(value, maxPayloadSize, maxNestingDepth);
        String subject = "The state/task '" + stateName + "' returned a result";
        if (size.depth() > maxNestingDepth) {
            throw new AslError(ErrorNames.DATA_LIMIT_EXCEEDED, subject + " " + tooDeep());
        }
        if (size.bytes() > maxPayloadSize) {
            throw resultTooBig(stateName, size);
        }
        return size;
    }

    /**
     * States.DataLimitExceeded for a Parallel's or Map's collected result, which passed maxPayloadSize as its runs'
     * outputs arrived (see FanOut).
     */
    AslError collectedResultTooBig(String stateName) {
        return resultTooBig(stateName, new PayloadSize(maxPayloadSize + 1L, 0));
    }

    private AslError resultTooBig(String stateName, PayloadSize size) {
        return new AslError(ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + stateName + "' returned a result "
                + "with a size exceeding the maximum number of bytes service limit."
                + (mode == Mode.AWS ? "" : " " + tooBig(size)));
    }

    /** Checks an execution's input before it starts: States.DataLimitExceeded naming the limit. */
    public void checkExecutionInput(JsonNode input) {
        PayloadSize size = PayloadSize.measure(input, maxPayloadSize, maxNestingDepth);
        if (size.depth() > maxNestingDepth) {
            throw new AslError(ErrorNames.DATA_LIMIT_EXCEEDED, "The execution input " + tooDeep());
        }
        if (size.bytes() > maxPayloadSize) {
            throw new AslError(ErrorNames.DATA_LIMIT_EXCEEDED, "The execution input has a size exceeding the "
                    + "maximum number of bytes service limit. " + tooBig(size));
        }
    }

    private String tooDeep() {
        return "nested deeper than the " + maxNestingDepth + " levels maxNestingDepth allows (limits=" + mode + ")";
    }

    private String tooBig(PayloadSize size) {
        return "It has " + (size.bytes() > maxPayloadSize + 1L ? size.bytes() : "more than " + maxPayloadSize)
                + " bytes of JSON text (UTF-8); maxPayloadSize is " + maxPayloadSize + " (limits=" + mode + ").";
    }

    /**
     * Checks an execution name: with AWS's limits as StartExecution does (1 to 80 characters, no whitespace,
     * brackets, wildcards, special or control characters; else InvalidName); by default only what keeps ARNs,
     * logs and the store readable (1 to 256 characters, no control characters).
     */
    public void checkExecutionName(String name) {
        int maxLength = mode == Mode.AWS ? 80 : 256;
        if (name.isEmpty() || name.length() > maxLength) {
            throw new AslError("InvalidName", "Invalid Name: '" + name + "': an execution name must be 1 to "
                    + maxLength + " characters long (limits=" + mode + ")");
        }
        int bad = name.codePoints().filter(c -> mode == Mode.AWS ? !allowedByAws(c) : isControl(c)).findFirst()
                .orElse(-1);
        if (bad >= 0) {
            String shown = isControl(bad) ? String.format("U+%04X", bad)
                    : Character.isWhitespace(bad) ? "whitespace" : "'" + Character.toString(bad) + "'";
            throw new AslError("InvalidName", "Invalid Name: '" + name + "': it contains " + shown + " (limits="
                    + mode + ")");
        }
    }

    /** AWS's rule for state machine, execution and activity names. */
    public static boolean allowedByAws(int c) {
        return !Character.isWhitespace(c) && !isControl(c) && "<>{}[]?*\"#%\\^|~`$&,;:/".indexOf(c) < 0;
    }

    private static boolean isControl(int c) {
        return Character.isISOControl(c) || (c >= 0x7F && c <= 0x9F);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExecutionLimits that && mode == that.mode && maxPayloadSize == that.maxPayloadSize
                && maxNestingDepth == that.maxNestingDepth && maxHistoryEvents == that.maxHistoryEvents;
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, maxPayloadSize, maxNestingDepth, maxHistoryEvents);
    }

    @Override
    public String toString() {
        return "limits=" + mode + " (maxPayloadSize=" + maxPayloadSize + ", maxNestingDepth=" + maxNestingDepth
                + ", maxHistoryEvents=" + maxHistoryEvents + ")";
    }
}
