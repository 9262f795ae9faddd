package io.github.camelasl.dataflow.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.Frame;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * One parsed JSONata expression, safe to evaluate from many threads at once.
 *
 * <p>How evaluation is arranged around jsonata-java 0.9.10, and why:
 * <ul>
 *   <li><b>Null versus undefined.</b> Output null conversion is off ({@code setOutputConvertNulls(false)}), so the
 *       library returns JSON null as {@code NULL_VALUE} and undefined as Java null.</li>
 *   <li><b>Thread safety.</b> Parsed expressions are shared, and each evaluation gets its own frame. The library
 *       evaluates through a per-thread instance ({@code Jsonata.current}): the last expression constructed on the
 *       thread, whose {@code environment} field it overwrites with the frame of whatever it evaluates (0.9.10 puts
 *       the old one back afterwards, but another thread evaluating that expression meanwhile reads it). A cached
 *       expression that became some thread's current instance would then carry another evaluation's variables into
 *       an evaluation of it on any thread. So right after parsing, a throwaway expression is constructed to take
 *       the "current" slot; cached expressions are never current.</li>
 *   <li><b>Functions.</b> The Step Functions functions and the JSONata 2.0.6 replacements are registered once, in
 *       the parsed expression's own environment, which the library makes the parent of each evaluation's frame and
 *       which is never written to afterwards. Only $now and $millis, which carry the evaluation's timestamp, are
 *       bound per evaluation.</li>
 *   <li><b>Variables.</b> The library copies bindings from the frame it is given and cannot ask for a name lazily, so
 *       every {@code $name} written in the expression is looked up when it is evaluated. The scan over-approximates
 *       (names inside strings count too), which only costs a lookup.</li>
 * </ul>
 */
final class CompiledExpression {

    final String source;
    /** The parser's message ("S0201: Syntax error: ...") when the expression does not parse, else null. */
    final String problem;
    private final Jsonata parsed;
    private final Set<String> names;

    private CompiledExpression(String source, String problem, Jsonata parsed, Set<String> names) {
        this.source = source;
        this.problem = problem;
        this.parsed = parsed;
        this.names = names;
    }

    static CompiledExpression compile(String source) {
        try {
            // the line break: the 0.9.10 tokenizer still reads past the end when a comment ends the text
            Jsonata parsed = Jsonata.jsonata(source + "\n");
            parsed.setOutputConvertNulls(false);
            AwsFunctions.register(parsed);
            CompatFunctions.register(parsed);
            return new CompiledExpression(source, null, parsed, referencedNames(source));
        } catch (JException e) {
            return new CompiledExpression(source, JsonataMessages.describe(e, source), null, Set.of());
        } catch (RuntimeException e) {
            // 0.9.10 still throws StringIndexOutOfBounds instead of S0106 for a comment without its closing tag
            String problem = source.lastIndexOf("/*") > source.lastIndexOf("*/")
                    ? JsonataMessages.describe("S0106", null, null)
                    : "S0201: Syntax error: " + e.getMessage();
            return new CompiledExpression(source, problem, null, Set.of());
        } finally {
            Jsonata.jsonata("null"); // takes the thread's "current" slot from the cached expression (see above)
        }
    }

    /**
     * Evaluates against {@code $states} and the workflow variables.
     *
     * @param timeoutMillis how long it may run (see {@link RuntimeBounds})
     * @param nowMillis     what $now() and $millis() return (epoch millis), or {@link TimeLimit#SYSTEM_NOW}
     * @return the library's value; Java null for undefined, {@code Jsonata.NULL_VALUE} for JSON null
     * @throws JException for JSONata errors, other runtime exceptions for failures inside the library
     */
    Object evaluate(JsonNode states, Function<String, JsonNode> variables, long timeoutMillis, long nowMillis) {
        Frame frame = new Frame(null);
        CompatFunctions.bindClock(frame, nowMillis == TimeLimit.SYSTEM_NOW ? Instant.now()
                : Instant.ofEpochMilli(nowMillis));
        if (variables != null) {
            for (String name : names) {
                JsonNode value = variables.apply(name);
                if (value != null) {
                    frame.bind(name, JsonataValues.toJsonata(value));
                }
            }
        }
        if (states != null) {
            frame.bind("states", JsonataValues.toJsonata(states));
        }
        RuntimeBounds.apply(frame, timeoutMillis); // last: its clock starts here
        return parsed.evaluate(null, frame);
    }

    /** "CODE: message" for an error this expression raised, in JSONata 2.0.6's words. */
    String describe(JException e) {
        return JsonataMessages.describe(e, source);
    }

    /** Every name written after a '$' (a superset of the variables the expression reads). */
    static Set<String> referencedNames(String source) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) != '$') {
                continue;
            }
            int end = i + 1;
            while (end < source.length() && isNameChar(source.charAt(end))) {
                end++;
            }
            if (end > i + 1) {
                names.add(source.substring(i + 1, end));
            }
            i = end - 1;
        }
        return names;
    }

    /** Characters that end a name in JSONata's tokenizer: whitespace, operators, quotes. */
    private static boolean isNameChar(char c) {
        return !Character.isWhitespace(c) && ".[]{}()@#,;:?+-*/%|=<>^&!~$\"'`\\".indexOf(c) < 0;
    }
}
