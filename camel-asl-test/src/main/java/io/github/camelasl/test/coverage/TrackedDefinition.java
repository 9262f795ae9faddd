package io.github.camelasl.test.coverage;

import io.github.camelasl.model.Catcher;
import io.github.camelasl.model.ChoiceRule;
import io.github.camelasl.model.ChoiceState;
import io.github.camelasl.model.ErrorHandling;
import io.github.camelasl.model.FailState;
import io.github.camelasl.model.MapState;
import io.github.camelasl.model.ParallelState;
import io.github.camelasl.model.Retrier;
import io.github.camelasl.model.State;
import io.github.camelasl.model.StateMachine;
import io.github.camelasl.model.SucceedState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One definition text's coverable paths (its states, Choice rules and Defaults, Retriers, Catchers and transitions,
 * nested ones in Parallel branches and Map item processors included) and how often each was exercised. The paths
 * are fixed when it is made; the counts are atomic, so executions on many threads count without a lock.
 */
final class TrackedDefinition {

    /** Names a path: a transition's state is the state it leaves (null: Start), its target null for End. */
    record Key(CoverageItem.Kind kind, String state, int index, String to) {
    }

    private static final class Counted {
        final CoverageItem item;
        final AtomicLong count = new AtomicLong();

        Counted(CoverageItem item) {
            this.item = item;
        }
    }

    final String definition;
    final String sha256;
    /** Every state machine ARN it was deployed or ran under. */
    final Set<String> stateMachineArns = new ConcurrentSkipListSet<>();
    private final StateMachine machine;
    private final Map<Key, Counted> paths;
    /** Each state's machine (top level, a branch, an item processor), for Start transitions. */
    private final Map<String, StateMachine> machineOf = new LinkedHashMap<>();

    TrackedDefinition(String definition, StateMachine machine) {
        this.definition = definition;
        this.sha256 = sha256(definition);
        this.machine = machine;
        Map<Key, Counted> found = new LinkedHashMap<>();
        collect(machine, found);
        this.paths = java.util.Collections.unmodifiableMap(found);
    }

    /** Counts a path of this definition; one it does not have (another definition's) is ignored. */
    void count(Key key) {
        Counted counted = paths.get(key);
        if (counted != null) {
            counted.count.incrementAndGet();
        }
    }

    /**
     * The state is entered, from {@code from}; from null (no state's exit before it: a branch's, an iteration's or
     * the execution's start), the Start transition of its machine.
     */
    void entered(String state, String from) {
        count(new Key(CoverageItem.Kind.STATE, state, 0, null));
        if (from != null) {
            count(new Key(CoverageItem.Kind.TRANSITION, from, 0, state));
        } else if (isStartAt(state)) {
            count(new Key(CoverageItem.Kind.TRANSITION, null, 0, state));
        }
        State entered = state(state);
        if (entered instanceof FailState) {
            count(new Key(CoverageItem.Kind.TRANSITION, state, 0, null)); // a Fail state ends where it is entered
        }
    }

    /** The state exits: when it ends its machine (End, Succeed), that is its transition to End. */
    boolean exitsToEnd(String state) {
        State exited = state(state);
        return exited != null && (exited.common().end() || exited instanceof SucceedState);
    }

    State state(String name) {
        StateMachine in = machineOf.get(name);
        return in == null ? null : in.state(name);
    }

    private boolean isStartAt(String state) {
        StateMachine in = machineOf.get(state);
        return in != null && state.equals(in.startAt());
    }

    /** The top-level machine: Start and End nodes of the graph stand for its transitions. */
    StateMachine machine() {
        return machine;
    }

    List<CoverageItem> items() {
        List<CoverageItem> items = new ArrayList<>(paths.size());
        for (Counted counted : paths.values()) {
            items.add(counted.item.withCount(counted.count.get()));
        }
        return items;
    }

    private void collect(StateMachine scope, Map<Key, Counted> found) {
        add(found, new CoverageItem(CoverageItem.Kind.TRANSITION, null, 0, scope.startAt(), List.of(),
                List.of("start"), scope.pointer() + "/StartAt"));
        for (State state : scope.states().values()) {
            machineOf.put(state.name(), scope);
            String at = state.common().pointer();
            add(found, new CoverageItem(CoverageItem.Kind.STATE, state.name(), 0, null, List.of(), List.of(), at));
            if (state instanceof ChoiceState choice) {
                List<ChoiceRule.TopLevel> rules = choice.choices();
                for (int i = 0; i < rules.size(); i++) {
                    String next = rules.get(i).next();
                    add(found, new CoverageItem(CoverageItem.Kind.CHOICE_RULE, state.name(), i, next, List.of(),
                            List.of(), at + "/Choices/" + i));
                    transition(found, state.name(), next, "choice", at + "/Choices/" + i + "/Next");
                }
                if (choice.defaultState() != null) {
                    add(found, new CoverageItem(CoverageItem.Kind.CHOICE_RULE, state.name(), -1,
                            choice.defaultState(), List.of(), List.of(), at + "/Default"));
                    transition(found, state.name(), choice.defaultState(), "default", at + "/Default");
                }
            } else if (state.common().next() != null) {
                transition(found, state.name(), state.common().next(), "next", at + "/Next");
            }
            if (state.common().end() || state instanceof SucceedState || state instanceof FailState) {
                transition(found, state.name(), null, "end", at + (state.common().end() ? "/End" : "/Type"));
            }
            if (state instanceof ErrorHandling handling) {
                List<Retrier> retriers = handling.retry();
                for (int i = 0; i < retriers.size(); i++) {
                    add(found, new CoverageItem(CoverageItem.Kind.RETRIER, state.name(), i, null,
                            retriers.get(i).errorEquals(), List.of(), at + "/Retry/" + i));
                }
                List<Catcher> catchers = handling.catchers();
                for (int i = 0; i < catchers.size(); i++) {
                    Catcher catcher = catchers.get(i);
                    add(found, new CoverageItem(CoverageItem.Kind.CATCHER, state.name(), i, catcher.next(),
                            catcher.errorEquals(), List.of(), at + "/Catch/" + i));
                    transition(found, state.name(), catcher.next(), "catch", at + "/Catch/" + i + "/Next");
                }
            }
            if (state instanceof ParallelState parallel) {
                parallel.branches().forEach(branch -> collect(branch, found));
            } else if (state instanceof MapState map) {
                collect(map.itemProcessor(), found);
            }
        }
    }

    /** One item per move from a state to another, whatever ways lead there (a rule's Next and a Catch's, say). */
    private static void transition(Map<Key, Counted> found, String from, String to, String via, String pointer) {
        Key key = new Key(CoverageItem.Kind.TRANSITION, from, 0, to);
        Counted existing = found.get(key);
        if (existing == null) {
            add(found, new CoverageItem(CoverageItem.Kind.TRANSITION, from, 0, to, List.of(), List.of(via), pointer));
        } else if (!existing.item.via().contains(via)) {
            List<String> ways = new ArrayList<>(existing.item.via());
            ways.add(via);
            CoverageItem item = existing.item;
            found.put(key, new Counted(new CoverageItem(item.kind(), item.state(), item.index(), item.to(),
                    item.errors(), ways, item.pointer(), 0)));
        }
    }

    private static void add(Map<Key, Counted> found, CoverageItem item) {
        found.putIfAbsent(key(item), new Counted(item));
    }

    /** A transition is named by both ends; a rule, Retrier or Catcher by its state and index. */
    static Key key(CoverageItem item) {
        return new Key(item.kind(), item.state(), item.index(),
                item.kind() == CoverageItem.Kind.TRANSITION ? item.to() : null);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
