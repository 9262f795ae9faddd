package io.github.camelasl.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.graph.HistoryIndex.Instance;
import io.github.camelasl.graph.HistoryIndex.Iteration;
import io.github.camelasl.graph.HistoryIndex.Summary;
import io.github.camelasl.validation.DefinitionValidator;
import io.github.camelasl.validation.Diagnostic;
import io.github.camelasl.validation.ValidationOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The graphs of state machines and of their executions, as the console and {@code asl graph} show them (the shapes
 * are the console contract's "Graph JSON"): a definition laid out by ELK (once per definition text: an LRU cache),
 * coloured by an execution's history events (AWS's GetExecutionHistory shape), one state's detail, a timeline, and
 * the graph of one Map iteration.
 *
 * <p>Bad input gives an {@link IllegalArgumentException} with a message that says what is wrong (an unknown state,
 * Map or iteration, a definition too big to draw); an invalid definition still gives a graph of what can be read,
 * with the validator's diagnostics. Thread-safe.
 */
public final class ExecutionGraphs {

    /** AWS's limit on a definition (1 MiB of UTF-8): longer text is refused before it is parsed. */
    static final int MAX_DEFINITION_BYTES = 1024 * 1024;
    /** The most items a timeline gives, whatever is asked. */
    public static final int MAX_TIMELINE_ITEMS = 2_000;

    /** How long one definition's layout may take (ELK's CPU time, on the caller's thread). */
    static final Duration LAYOUT_TIME = Duration.ofSeconds(10);

    private final Map<String, Laid> cache;
    /**
     * One layout at a time: ELK takes a core for up to {@link #LAYOUT_TIME} per definition it has not seen, and
     * requests for many new definitions at once must not take every core from the executions.
     */
    final java.util.concurrent.Semaphore layoutTurn = new java.util.concurrent.Semaphore(1, true);
    /** {@link #LAYOUT_TIME}; shorter in tests. */
    volatile Duration layoutTime = LAYOUT_TIME;
    private final Function<String, List<Diagnostic>> validator;

    /** A definition as it is drawn: read, laid out, validated. Never changed once made. */
    private record Laid(DefinitionModel model, ObjectNode graph, ArrayNode diagnostics) {
    }

    /** @param cachedLayouts how many laid-out definitions to keep (least recently used go first) */
    public ExecutionGraphs(int cachedLayouts) {
        this(cachedLayouts, text -> DefinitionValidator.validate(text, ValidationOptions.defaults()));
    }

    /**
     * @param cachedLayouts how many laid-out definitions to keep (least recently used go first)
     * @param validator     a definition's diagnostics (a deployer's, which knows what resources it can call)
     */
    public ExecutionGraphs(int cachedLayouts, Function<String, List<Diagnostic>> validator) {
        if (cachedLayouts < 0) {
            throw new IllegalArgumentException("cachedLayouts must be 0 or more, not " + cachedLayouts);
        }
        this.validator = Objects.requireNonNull(validator, "validator");
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Laid> eldest) {
                return size() > cachedLayouts;
            }
        };
    }

    /** The graph of a definition and its diagnostics; no statuses. */
    public ObjectNode definitionGraph(String definitionText) {
        Laid laid = laid(definitionText);
        ObjectNode graph = laid.graph().deepCopy();
        graph.set("diagnostics", laid.diagnostics().deepCopy());
        return graph;
    }

    /** The graph of a definition coloured by an execution's history. */
    public ObjectNode executionGraph(String definitionText, List<JsonNode> events) {
        Laid laid = laid(definitionText);
        HistoryIndex history = new HistoryIndex(checked(events));
        ObjectNode graph = laid.graph().deepCopy();
        colour(graph, history, instance -> true, history.executionEnd, false);
        graph.set("diagnostics", laid.diagnostics().deepCopy());
        return graph;
    }

    /**
     * The graph of one iteration of Map {@code mapState}: its item processor drawn as a machine of its own (Start, its
     * states, End) and coloured by that iteration's events only; "mapState" and "iteration" say which.
     */
    public ObjectNode iterationGraph(String definitionText, List<JsonNode> events, String mapState, int iteration) {
        Laid laid = laid(definitionText);
        DefinitionModel.State map = mapState(laid.model(), mapState);
        HistoryIndex history = new HistoryIndex(checked(events));
        Iteration run = iteration(history, mapState, iteration);
        Laid processor = processorLayout(definitionText, map);
        ObjectNode graph = processor.graph().deepCopy();
        // the iteration's own end stands for the execution's: its End is reached when it succeeded
        String end = run.end == null ? null
                : run.end.equals("MapIterationSucceeded") ? "ExecutionSucceeded" : "ExecutionFailed";
        boolean[] within = history.iterationsWithin(mapState, iteration);
        colour(graph, history, instance -> instance.iteration != null && within[instance.iteration.position], end,
                true);
        graph.put("mapState", mapState);
        graph.put("iteration", iteration);
        graph.set("diagnostics", GraphLayout.NODES.arrayNode());
        return graph;
    }

    /**
     * One state's detail (the contract's StateDetail, plus "iteration": the index of the Map iteration the entry ran
     * in, or null): its latest entry in iteration {@code iteration} of the innermost Map it is in, when given; else
     * its latest entry with the status the graph shows for it (a failed iteration's, for a state the graph shows
     * failed).
     */
    public ObjectNode stateDetail(String definitionText, List<JsonNode> events, String state, Integer iteration) {
        Laid laid = laid(definitionText);
        if (state == null || !laid.model().byName.containsKey(state)) {
            throw new IllegalArgumentException("the definition has no state named " + quote(state));
        }
        HistoryIndex history = new HistoryIndex(checked(events));
        String map = laid.model().enclosingMap.get(state);
        Instance chosen = null;
        if (iteration != null) {
            if (map == null) {
                throw new IllegalArgumentException("state " + quote(state) + " is not inside a Map: it has no "
                        + "iteration " + iteration);
            }
            iteration(history, map, iteration);
            for (Instance instance : history.instances) {
                if (instance.name.equals(state) && instance.iteration != null
                        && instance.iteration.map.name.equals(map) && instance.iteration.index == iteration) {
                    chosen = instance;
                }
            }
        } else {
            Summary summary = history.summaries(instance -> true).get(state);
            for (Instance instance : history.instances) {
                if (instance.name.equals(state) && summary != null && instance.status == summary.status) {
                    chosen = instance;
                }
            }
        }
        return detail(state, chosen, history);
    }

    /** The states' entries in the order they began (Map iterations' included), at most {@code maxItems}. */
    public ObjectNode timeline(List<JsonNode> events, int maxItems) {
        if (maxItems < 0) {
            throw new IllegalArgumentException("maxItems must be 0 or more, not " + maxItems);
        }
        int max = Math.min(maxItems, MAX_TIMELINE_ITEMS);
        HistoryIndex history = new HistoryIndex(checked(events));
        ObjectNode timeline = GraphLayout.NODES.objectNode();
        ArrayNode items = timeline.putArray("items");
        for (Instance instance : history.instances) {
            if (items.size() >= max) {
                break;
            }
            ObjectNode item = items.addObject();
            item.put("state", instance.name);
            putIteration(item, instance);
            item.put("start", instance.entered.path("timestamp").asText(null));
            item.put("stop", stop(instance));
            item.put("status", instance.status.name());
        }
        timeline.put("truncated", history.instances.size() > items.size());
        return timeline;
    }

    // ---- definitions

    private Laid laid(String definitionText) {
        if (definitionText == null) {
            throw new IllegalArgumentException("no definition: the definition text is missing");
        }
        if (definitionText.length() > MAX_DEFINITION_BYTES
                || definitionText.getBytes(StandardCharsets.UTF_8).length > MAX_DEFINITION_BYTES) {
            throw new IllegalArgumentException("the definition is longer than " + MAX_DEFINITION_BYTES
                    + " bytes, AWS's limit: too big to draw");
        }
        synchronized (cache) {
            Laid laid = cache.get(definitionText);
            if (laid != null) {
                return laid;
            }
        }
        Laid laid = lay(definitionText);
        synchronized (cache) {
            cache.put(definitionText, laid);
        }
        return laid;
    }

    private Laid lay(String definitionText) {
        JsonNode definition;
        try {
            definition = Json.parse(definitionText);
        } catch (JsonProcessingException | RuntimeException e) {
            definition = null; // the validator says where the text is not JSON
        }
        DefinitionModel model = new DefinitionModel(definition != null && definition.isObject() ? definition : null,
                "", "", null);
        ObjectNode graph = inTurn(() -> GraphLayout.layout(model, layoutTime));
        return new Laid(model, graph, Diagnostics.json(validator.apply(definitionText), model));
    }

    /** Runs a layout when it is its turn, waiting at most as long as one layout may take. */
    private ObjectNode inTurn(java.util.function.Supplier<ObjectNode> layout) {
        boolean turn;
        try {
            turn = layoutTurn.tryAcquire(layoutTime.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LayoutBusyException("interrupted while waiting to lay out the definition");
        }
        if (!turn) {
            throw new LayoutBusyException("other definitions are being laid out: waited " + layoutTime.toMillis()
                    + " ms for a turn; try again");
        }
        try {
            return layout.get();
        } finally {
            layoutTurn.release();
        }
    }

    /** The layout of a Map's item processor, drawn as a machine of its own (Start, its states, End). */
    private Laid processorLayout(String definitionText, DefinitionModel.State map) {
        String key = definitionText + "\u0000" + map.name();
        synchronized (cache) {
            Laid laid = cache.get(key);
            if (laid != null) {
                return laid;
            }
        }
        JsonNode json = map.json();
        String field = json.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        DefinitionModel model = new DefinitionModel(json.get(field), map.pointer() + "/" + field,
                map.location() + "/" + field, map.name());
        Laid laid = new Laid(model, inTurn(() -> GraphLayout.layout(model, layoutTime)),
                GraphLayout.NODES.arrayNode());
        synchronized (cache) {
            cache.put(key, laid);
        }
        return laid;
    }

    private static DefinitionModel.State mapState(DefinitionModel model, String mapState) {
        DefinitionModel.State map = mapState == null ? null : model.byName.get(mapState);
        if (map == null) {
            throw new IllegalArgumentException("the definition has no state named " + quote(mapState));
        }
        if (!map.type().equals("Map")) {
            throw new IllegalArgumentException("state " + quote(mapState) + " is a " + map.type()
                    + " state, not a Map");
        }
        return map;
    }

    private static Iteration iteration(HistoryIndex history, String mapState, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("a Map iteration is numbered from 0, not " + index);
        }
        for (Iteration iteration : history.iterations) {
            if (iteration.index == index && iteration.map.name.equals(mapState)) {
                return iteration;
            }
        }
        throw new IllegalArgumentException("Map " + quote(mapState) + " has no iteration " + index
                + " in this execution");
    }

    // ---- colouring

    private static void colour(ObjectNode graph, HistoryIndex history, Predicate<Instance> included,
            String executionEnd, boolean oneIteration) {
        Map<String, Summary> summaries = history.summaries(included);
        Map<String, StateStatus> groupStatus = new HashMap<>();
        for (JsonNode node : graph.path("nodes")) {
            ObjectNode object = (ObjectNode) node;
            String type = object.path("type").asText();
            StateStatus status;
            if (type.equals("Start")) {
                status = summaries.isEmpty() && !oneIteration && history.events.isEmpty()
                        ? StateStatus.NOT_REACHED : StateStatus.SUCCEEDED;
                put(object, status, 0, status == StateStatus.SUCCEEDED ? 1 : 0);
            } else if (type.equals("End")) {
                status = "ExecutionSucceeded".equals(executionEnd) ? StateStatus.SUCCEEDED : StateStatus.NOT_REACHED;
                put(object, status, 0, status == StateStatus.SUCCEEDED ? 1 : 0);
            } else {
                status = stateStatus(object, summaries);
            }
            worsenGroup(groupStatus, object.path("group").asText(null), status);
        }
        // groups come parents first: children's statuses are known once they are read backwards
        JsonNode groups = graph.path("groups");
        for (int i = groups.size() - 1; i >= 0; i--) {
            ObjectNode group = (ObjectNode) groups.get(i);
            StateStatus status;
            if (group.path("kind").asText().equals("Branch")) {
                StateStatus within = groupStatus.get(group.path("id").asText());
                status = within == null ? StateStatus.NOT_REACHED : within;
                put(group, status, 0, status == StateStatus.NOT_REACHED ? 0 : 1);
            } else {
                status = stateStatus(group, summaries);
            }
            worsenGroup(groupStatus, group.path("group").asText(null), status);
        }
        ObjectNode mapRuns = graph.putObject("mapRuns");
        // a redrive runs a Map again, and its iterations that did not succeed: the latest run of each counts
        Map<String, Iteration> latestIterations = new LinkedHashMap<>();
        for (Iteration iteration : history.iterations) {
            if (iteration.map.iteration == null ? !oneIteration : included.test(iteration.map)) {
                latestIterations.put(iteration.key, iteration);
            }
        }
        Map<String, long[]> counts = new HashMap<>();
        for (Iteration iteration : latestIterations.values()) {
            long[] count = counts.computeIfAbsent(iteration.map.name, name -> new long[4]);
            if (iteration.end == null) {
                count[iteration.map.status == StateStatus.RUNNING ? 2 : 3]++;
            } else {
                count[switch (iteration.end) {
                    case "MapIterationSucceeded" -> 0;
                    case "MapIterationFailed" -> 1;
                    default -> 3;
                }]++;
            }
        }
        Map<String, Instance> latestMaps = new HashMap<>();
        for (Instance instance : history.instances) {
            if (instance.type.equals("Map") && (instance.iteration == null ? !oneIteration : included.test(instance))) {
                latestMaps.put(instance.scopeKey() + "/" + instance.name, instance);
            }
        }
        Map<String, Long> totals = new HashMap<>();
        for (Instance map : latestMaps.values()) {
            totals.merge(map.name, map.items, Long::sum);
        }
        for (Map.Entry<String, Long> total : totals.entrySet()) {
            long[] count = counts.getOrDefault(total.getKey(), new long[4]);
            ObjectNode run = mapRuns.putObject(total.getKey());
            run.put("total", total.getValue());
            run.put("succeeded", count[0]);
            run.put("failed", count[1]);
            run.put("running", count[2]);
            run.put("aborted", count[3]);
        }
    }

    private static StateStatus stateStatus(ObjectNode object, Map<String, Summary> summaries) {
        Summary summary = summaries.get(object.path("state").asText());
        StateStatus status = summary == null ? StateStatus.NOT_REACHED : summary.status;
        put(object, status, summary == null ? 0 : summary.retries, summary == null ? 0 : summary.runs);
        return status;
    }

    private static void worsenGroup(Map<String, StateStatus> groupStatus, String group, StateStatus status) {
        if (group != null && status != StateStatus.NOT_REACHED) {
            groupStatus.merge(group, status, StateStatus::worse);
        }
    }

    private static void put(ObjectNode object, StateStatus status, int retries, int runs) {
        object.put("status", status.name());
        object.put("retries", retries);
        object.put("runs", runs);
    }

    // ---- detail

    private static ObjectNode detail(String state, Instance instance, HistoryIndex history) {
        ObjectNode detail = GraphLayout.NODES.objectNode();
        detail.put("state", state);
        if (instance == null) {
            detail.putNull("iteration");
            detail.put("status", StateStatus.NOT_REACHED.name());
            detail.put("retries", 0);
            detail.putArray("eventIds");
            return detail;
        }
        putIteration(detail, instance);
        detail.put("status", instance.status.name());
        detail.put("input", instance.entered.path("stateEnteredEventDetails").path("input").asText(null));
        JsonNode scheduled = instance.scheduled;
        String effective = scheduled == null ? null : details(scheduled).path("parameters").asText(null);
        detail.put("effectiveInput", effective);
        detail.put("output", instance.exited == null ? null
                : instance.exited.path("stateExitedEventDetails").path("output").asText(null));
        // a failure a Retry got past is not this entry's error
        boolean failed = instance.lastAttemptFailed || instance.failedScope;
        JsonNode failure = instance.failure == null || !failed ? null : details(instance.failure);
        detail.put("error", failure == null ? null : failure.path("error").asText(null));
        detail.put("cause", failure == null ? null : failure.path("cause").asText(null));
        detail.put("retries", instance.retries());
        String start = instance.entered.path("timestamp").asText(null);
        String stop = stop(instance);
        detail.put("startDate", start);
        detail.put("stopDate", stop);
        Long duration = duration(start, stop);
        if (duration == null) {
            detail.putNull("durationMillis");
        } else {
            detail.put("durationMillis", duration);
        }
        detail.put("taskToken", TaskTokenText.find(instance, scheduled));
        ArrayNode ids = detail.putArray("eventIds");
        for (int i = 0; i < history.owners.length; i++) {
            if (history.owners[i] == instance.index) {
                ids.add(history.events.get(i).path("id").asLong());
            }
        }
        return detail;
    }

    private static void putIteration(ObjectNode json, Instance instance) {
        if (instance.iteration == null) {
            json.putNull("iteration");
        } else {
            json.put("iteration", instance.iteration.index);
        }
    }

    /** When an entry ended: its exit, or the failure that ended it; null while it runs (or when not known). */
    private static String stop(Instance instance) {
        if (instance.exited != null) {
            return instance.exited.path("timestamp").asText(null);
        }
        if (instance.status == StateStatus.FAILED && instance.failure != null) {
            return instance.failure.path("timestamp").asText(null);
        }
        return null;
    }

    private static Long duration(String start, String stop) {
        if (start == null || stop == null) {
            return null;
        }
        try {
            return Duration.between(Instant.parse(start), Instant.parse(stop)).toMillis();
        } catch (DateTimeParseException e) {
            return null; // not AWS's timestamp: no duration rather than a wrong one
        }
    }

    /** An event's details object (taskFailedEventDetails for TaskFailed, ...). */
    static JsonNode details(JsonNode event) {
        String type = event.path("type").asText("");
        if (type.isEmpty()) {
            return GraphLayout.NODES.missingNode();
        }
        return event.path(Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails");
    }

    private static List<JsonNode> checked(List<JsonNode> events) {
        if (events == null) {
            throw new IllegalArgumentException("no history: the list of events is missing");
        }
        return events;
    }

    static String quote(String name) {
        return name == null ? "(none)" : "'" + (name.length() <= 100 ? name : name.substring(0, 99) + "…") + "'";
    }
}
