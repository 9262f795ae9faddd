package io.github.camelasl.test.coverage;

import java.util.List;
import java.util.Locale;

/**
 * One path of a definition that tests may exercise, and how often they did.
 *
 * @param kind    what it is
 * @param state   the state it belongs to (a transition's: the state it leaves; null for a Start transition)
 * @param index   a Choice rule's, Retrier's or Catcher's index in its array (0-based), -1 for a Choice's Default,
 *                0 otherwise
 * @param to      where it leads: a transition's or a Choice rule's or Catcher's Next, or null (a transition to
 *                End; a Retrier; a state)
 * @param errors  a Retrier's or Catcher's ErrorEquals (empty otherwise)
 * @param via     a transition's ways from the definition (start, next, choice, default, catch, end)
 * @param pointer where it is in the definition (a JSON pointer: "/States/Check/Choices/1")
 * @param count   how many times it was exercised
 */
public record CoverageItem(Kind kind, String state, int index, String to, List<String> errors, List<String> via,
        String pointer, long count) {

    /** What can be covered. */
    public enum Kind {
        /** A state, entered. */
        STATE,
        /** A Choice rule (or its Default, index -1) that decided. */
        CHOICE_RULE,
        /** A Retrier that retried an error. */
        RETRIER,
        /** A Catcher that took an error. */
        CATCHER,
        /** A move from a state to the next (from Start, to End), whatever decided it. */
        TRANSITION;

        /** The name in the JSON report: "state", "choiceRule", "retrier", "catcher", "transition". */
        public String jsonName() {
            return switch (this) {
                case STATE -> "state";
                case CHOICE_RULE -> "choiceRule";
                case RETRIER -> "retrier";
                case CATCHER -> "catcher";
                case TRANSITION -> "transition";
            };
        }

        /** The heading in the reports: "States", "Choice rules" ... */
        public String title() {
            return switch (this) {
                case STATE -> "States";
                case CHOICE_RULE -> "Choice rules";
                case RETRIER -> "Retriers";
                case CATCHER -> "Catchers";
                case TRANSITION -> "Transitions";
            };
        }
    }

    public CoverageItem {
        errors = List.copyOf(errors);
        via = List.copyOf(via);
    }

    /** A path not exercised yet. */
    CoverageItem(Kind kind, String state, int index, String to, List<String> errors, List<String> via,
            String pointer) {
        this(kind, state, index, to, errors, via, pointer, 0);
    }

    public boolean covered() {
        return count > 0;
    }

    /** The same item, exercised {@code times}. */
    CoverageItem withCount(long times) {
        return new CoverageItem(kind, state, index, to, errors, via, pointer, times);
    }

    /**
     * A short description naming the states (quoted, as written in the definition): "Choice 'Check' rule #1 →
     * 'Positive'", "Catcher #0 of 'Call' [States.ALL] → 'Failed'", "Start → 'Check'".
     */
    public String describe() {
        return switch (kind) {
            case STATE -> "state " + quote(state);
            case CHOICE_RULE -> "Choice " + quote(state) + (index < 0 ? " Default" : " rule #" + index) + " → "
                    + quote(to);
            case RETRIER -> "Retrier #" + index + " of " + quote(state) + " " + errors;
            case CATCHER -> "Catcher #" + index + " of " + quote(state) + " " + errors + " → " + quote(to);
            case TRANSITION -> (state == null ? "Start" : quote(state)) + " → " + (to == null ? "End" : quote(to))
                    + " (" + String.join(", ", via).toLowerCase(Locale.ROOT) + ")";
        };
    }

    private static String quote(String name) {
        return "'" + name + "'";
    }
}
