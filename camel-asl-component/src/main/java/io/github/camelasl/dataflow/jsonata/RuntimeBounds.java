package io.github.camelasl.dataflow.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata.ExitCallback;
import com.dashjoin.jsonata.Jsonata.Frame;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * The bounds every evaluation runs under, so that no expression runs forever, overflows the stack or fills the
 * heap, whatever the data:
 * <ul>
 *   <li>jsonata-java's runtime bounds ({@code Frame.setRuntimeBounds}): a time limit and a maximum evaluation depth,
 *       checked as each node of the expression is entered and left. They end tail recursion and Y-combinators
 *       (which the library runs without growing the stack) and deep recursion before the Java stack overflows.</li>
 *   <li>a limit on the length of every string a node builds, checked as it is left: a loop doubling a string
 *       would fill the heap before the time limit.</li>
 * </ul>
 * Functions that build a string from a number (such as {@code $pad}) check the limit before they allocate.
 */
final class RuntimeBounds {

    /**
     * Nested evaluation depth. Measured on 0.9.10 with a 1 MB thread stack (the JVM's default) and
     * {@code $f := function($n){ $n <= 0 ? 0 : 1 + $f($n - 1) }}: the bound stops it after 331 levels, the stack
     * would overflow after 349 (after 379 on 0.9.9, whose evaluate() did not save and restore its context). A
     * StackOverflowError that comes first is reported as the same U1001.
     */
    static final int MAX_DEPTH = 1000;

    /** The longest string an expression may build: Jackson's limit on a string it reads, the engine's too. */
    static final int MAX_STRING_LENGTH = StreamReadConstraints.defaults().getMaxStringLength();

    /** Frame.setEvaluateExitCallback's binding, where setRuntimeBounds puts its own check. */
    private static final String EXIT_CALLBACK = "__evaluate_exit";

    // the library's runtime bounds throw JException with their message as its error code
    private static final String TIMED_OUT = "Expression evaluation timeout";
    private static final String TOO_DEEP = "Stack overflow error";

    private RuntimeBounds() {
    }

    /** Bounds the evaluation about to run in {@code frame}; its clock starts now. */
    static void apply(Frame frame, long timeoutMillis) {
        frame.setRuntimeBounds(timeoutMillis, MAX_DEPTH);
        ExitCallback timebox = (ExitCallback) frame.lookup(EXIT_CALLBACK);
        frame.setEvaluateExitCallback((expression, input, environment, result) -> {
            if (result instanceof String text && text.length() > MAX_STRING_LENGTH) {
                throw new FunctionError("The expression built a string of " + text.length()
                        + " characters, but at most " + MAX_STRING_LENGTH + " are allowed");
            }
            timebox.callback(expression, input, environment, result);
        });
    }

    /** Fails a function that would build a string of {@code length} characters beyond the limit, before it does. */
    static void checkLength(String function, String argument, double length) {
        if (!(length <= MAX_STRING_LENGTH)) {
            throw new FunctionError(function + ": the " + argument + " " + JsNumbers.toJsString(length)
                    + " would build a string longer than the " + MAX_STRING_LENGTH + " characters allowed");
        }
    }

    /** True when the evaluation ran out of its time limit. */
    static boolean timedOut(RuntimeException failure) {
        return boundHit(failure, TIMED_OUT);
    }

    /** True when the evaluation nested deeper than {@link #MAX_DEPTH}. */
    static boolean tooDeep(RuntimeException failure) {
        return boundHit(failure, TOO_DEEP);
    }

    private static boolean boundHit(RuntimeException failure, String message) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof JException jsonata && jsonata.getError() != null
                    && jsonata.getError().startsWith(message)) {
                return true;
            }
        }
        return false;
    }
}
