package io.github.camelasl.engine;

import io.github.camelasl.model.ChoiceState;
import io.github.camelasl.model.FailState;
import io.github.camelasl.model.PassState;
import io.github.camelasl.model.State;
import io.github.camelasl.model.StateMachine;
import io.github.camelasl.model.SucceedState;

/**
 * The states that only move data (Pass, Choice, Succeed, Fail) run in the driver loop itself, without a
 * Camel route of their own. A route hop costs more than such a state's whole work (about 1 µs and 500
 * allocated bytes, measured by the benchmark suite's W1/W2), so routing them would cap a Pass chain or a
 * Choice loop far below what the same JSON work costs. States that call out, wait or fan out (Task, Wait,
 * Parallel, Map) keep their routes, where Camel's endpoints, delayer, multicast and split do the work and
 * its tooling shows their counts and timings.
 */
public final class InlineStates {

    private InlineStates() {
    }

    /** True for the states the driver runs itself. */
    public static boolean handles(State state) {
        return state instanceof PassState || state instanceof ChoiceState || state instanceof SucceedState
                || state instanceof FailState;
    }

    /**
     * True when every state of the (sub-)machine runs inline: it never waits or calls out, so a Parallel's
     * branches or a Map's iterations made of it run one after the other in the engine (SubMachineRun) rather than
     * through multicast or split, whose per-run exchanges, routes and thread hand-offs cost several microseconds
     * each, more than such a run's whole work.
     */
    public static boolean handlesAll(StateMachine machine) {
        return machine.states().values().stream().allMatch(InlineStates::handles);
    }

    /**
     * Runs states while the current one is inline and the scope goes on: back-edges between inline states loop
     * here, on a flat stack. A failure is handled as a state route's catch handles it (these states have no
     * Retry, so nothing waits).
     */
    public static void run(Scope scope) {
        while (!scope.finished() && handles(scope.current())) {
            try {
                step(scope);
            } catch (RuntimeException e) {
                FailurePolicy.handle(scope, e);
            }
        }
    }

    private static void step(Scope scope) {
        State state = scope.current();
        if (state instanceof PassState) {
            PassStep.run(scope);
        } else if (state instanceof ChoiceState) {
            ChoiceStep.run(scope);
        } else if (state instanceof SucceedState) {
            SucceedStep.run(scope);
        } else {
            FailStep.run(scope);
        }
    }
}
