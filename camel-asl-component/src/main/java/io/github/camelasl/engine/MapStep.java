package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.dataflow.InputOutput;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.dataflow.JsonPaths;
import io.github.camelasl.dataflow.PayloadTemplate;
import io.github.camelasl.dataflow.jsonata.ExpectedType;
import io.github.camelasl.history.HistoryEventType;
import io.github.camelasl.model.MapState;
import java.util.ArrayList;
import java.util.List;

/**
 * Map: the route splits the items over the item processor's sub-route; this class selects the items, reads
 * MaxConcurrency and the tolerated failures, and turns the iteration outcomes into the state's result.
 */
public final class MapStep {

    /** AWS runs at most 40 inline iterations at once whatever MaxConcurrency says. */
    public static final int MAX_INLINE_CONCURRENCY = 40;

    private MapStep() {
    }

    /** Returns the items to iterate over; sets {@link Scope#fanOut()} and the concurrency. */
    public static List<JsonNode> prepare(Scope scope) {
        Transitions.enter(scope);
        JsonNode effective = effectiveInput(scope);
        MapState state = withJsonataValues(scope);
        JsonNode items = JsonataStates.applies(state) ? jsonataItems(scope, state)
                : selectItems(state, effective, scope.bindings());
        List<JsonNode> list = new ArrayList<>(items.size());
        items.forEach(list::add);
        return batchedFanOut(scope, state, effective, list);
    }

    /**
     * A Map with an ItemReader, once {@link ItemReading} has read its items (the state was entered then): the
     * items (in batches with an ItemBatcher) to iterate over.
     */
    public static List<JsonNode> prepareRead(Scope scope, List<JsonNode> items) {
        return batchedFanOut(scope, withJsonataValues(scope), scope.effectiveInput(), items);
    }

    /**
     * The items, in ItemBatcher's batches when there is one, whether they came from an ItemReader or from
     * ItemsPath/Items (a Distributed Map may batch either).
     */
    private static List<JsonNode> batchedFanOut(Scope scope, MapState state, JsonNode effective,
            List<JsonNode> items) {
        if (state.itemBatcher() != null && state.itemSelector() != null) {
            // ItemSelector shapes each item, then the batches are made of the shaped items
            List<JsonNode> selected = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                selected.add(selectedItem(scope, i, items.get(i)));
            }
            items = selected;
        }
        return fanOut(scope, state, effective, ItemReading.batches(scope, state, effective, items));
    }

    /** The input the Map works on: the raw input (JSONata) or InputPath's; kept as the scope's effective input. */
    static JsonNode effectiveInput(Scope scope) {
        JsonNode effective = JsonataStates.applies(scope.current()) ? scope.stateInput()
                : InputOutput.inputPath(scope.current().common().inputPath(), scope.stateInput(), scope.bindings());
        scope.effectiveInput(effective);
        return effective;
    }

    private static List<JsonNode> fanOut(Scope scope, MapState state, JsonNode effective, List<JsonNode> items) {
        Bindings context = scope.bindings();
        int concurrency = concurrency(state, effective, context);
        int toleratedCount = Integer.MAX_VALUE;
        double toleratedPercentage = 100.0;
        boolean tolerance = false;
        if (state.toleratedFailureCount() != null || state.toleratedFailureCountPath() != null) {
            toleratedCount = toleratedCount(state, effective, context);
            tolerance = true;
        }
        if (state.toleratedFailurePercentage() != null || state.toleratedFailurePercentagePath() != null) {
            toleratedPercentage = toleratedPercentage(state, effective, context);
            tolerance = true;
        }
        if (!tolerance || !state.distributed()) {
            // evaluated (a bad value fails the state) but an Inline Map tolerates nothing: "if any iteration
            // fails, the Map state fails" (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html)
            toleratedCount = 0;
            toleratedPercentage = 100.0;
        }
        ObjectNode details = Json.NODES.objectNode();
        details.put("length", items.size());
        long started = scope.record(HistoryEventType.MapStateStarted, details);
        FanOut fanOut = new FanOut(items.size(), toleratedCount, toleratedPercentage, started,
                scope.execution().config().limits().maxPayloadSize());
        fanOut.limitConcurrency(concurrency);
        fanOut.keep(scope.takeRedrivenRuns());
        scope.fanOut(fanOut);
        scope.mapConcurrency(concurrency);
        return items;
    }

    private static JsonNode selectItems(MapState state, JsonNode effective, Bindings context) {
        JsonNode items;
        try {
            items = JsonPaths.read(state.itemsPath(), effective, context);
        } catch (JsonPaths.NotFound e) {
            throw AslError.runtime("Invalid path '" + state.itemsPath() + "' : " + e.getMessage());
        }
        if (!items.isArray()) {
            throw AslError.runtime("Invalid path '" + state.itemsPath() + "' : The path does not reference an "
                    + "array: " + Json.write(items));
        }
        return items;
    }

    /** The input of iteration {@code index}: ItemSelector (or Parameters) with $$.Map.Item, else the item. */
    static JsonNode iterationInput(Scope mapScope, int index, JsonNode item) {
        MapState state = (MapState) mapScope.current();
        if (state.itemBatcher() != null) {
            return item; // a batch, of items ItemSelector has shaped already
        }
        return selectedItem(mapScope, index, item);
    }

    private static JsonNode selectedItem(Scope mapScope, int index, JsonNode item) {
        MapState state = (MapState) mapScope.current();
        if (state.itemSelector() == null) {
            return item;
        }
        Bindings withItem = mapScope.bindingsWithMapItem(index, item);
        if (JsonataStates.applies(state)) {
            ObjectNode states = JsonataStates.states(mapScope);
            states.set("context", withItem.context());
            return JsonataStates.template(mapScope, state.itemSelector().source(), states, "ItemSelector");
        }
        return PayloadTemplate.evaluate(state.itemSelector(), mapScope.effectiveInput(), withItem);
    }

    /** JSONata Items: a literal array (whose elements may be expressions), one expression, or the input. */
    private static JsonNode jsonataItems(Scope scope, MapState state) {
        if (state.items() == null) {
            if (!scope.stateInput().isArray()) {
                throw new AslError(ErrorNames.QUERY_EVALUATION_ERROR, "Map state input must be an array but was: "
                        + Json.write(scope.stateInput()));
            }
            return scope.stateInput();
        }
        ObjectNode states = JsonataStates.states(scope);
        return state.items().isArray() ? JsonataStates.template(scope, state.items(), states, "Items")
                : JsonataStates.value(scope, state.items(), states, "Items", ExpectedType.ARRAY);
    }

    /** The Map's numeric fields with their JSONata expressions evaluated, as literals the JSONPath code reads. */
    private static MapState withJsonataValues(Scope scope) {
        MapState s = (MapState) scope.current();
        if (!JsonataStates.applies(s)) {
            return s;
        }
        ObjectNode states = JsonataStates.states(scope);
        return new MapState(s.common(), s.itemProcessor(), s.processorMode(), s.executionType(), s.itemsPath(),
                s.items(), s.itemSelector(), wholeNumber(scope, s.maxConcurrency(), states, "MaxConcurrency"), null,
                wholeNumber(scope, s.toleratedFailureCount(), states, "ToleratedFailureCount"), null,
                percentage(scope, s.toleratedFailurePercentage(), states), null,
                s.itemReader(), s.itemBatcher(), s.resultWriter(), s.label(), s.arguments(), s.resultSelector(),
                s.resultPath(), s.retry(), s.catchers());
    }

    private static JsonNode wholeNumber(Scope scope, JsonNode expression, ObjectNode states, String field) {
        if (expression == null) {
            return null;
        }
        JsonNode value = JsonataStates.value(scope, expression, states, field);
        Long number = NumberFields.jsonataWholeNumber(value);
        if (number == null) {
            throw unexpectedResult(expression, field, value, "an integer");
        }
        return Json.NODES.numberNode(number);
    }

    private static JsonNode percentage(Scope scope, JsonNode expression, ObjectNode states) {
        if (expression == null) {
            return null;
        }
        JsonNode value = JsonataStates.value(scope, expression, states, "ToleratedFailurePercentage");
        Double number = NumberFields.jsonataNumber(value);
        if (number == null) {
            throw unexpectedResult(expression, "ToleratedFailurePercentage", value, "a number");
        }
        return Json.NODES.numberNode(number);
    }

    /** AWS's wording for a JSONata field whose result is of the wrong kind (as Wait's Seconds has it). */
    static AslError unexpectedResult(JsonNode expression, String field, JsonNode value, String expected) {
        return new AslError(ErrorNames.QUERY_EVALUATION_ERROR, "The JSONata expression '"
                + (expression.isTextual() ? JsonataStates.expressionText(expression) : Json.write(expression))
                + "' specified for the field '" + field
                + "' returned an unexpected result: " + (value == null ? "undefined" : Json.write(value))
                + ". Expected " + expected + ".");
    }

    private static int concurrency(MapState state, JsonNode data, Bindings context) {
        long value;
        if (state.maxConcurrencyPath() != null) {
            JsonNode node = InputOutput.readField("MaxConcurrencyPath", state.maxConcurrencyPath(), data, context);
            Long parsed = NumberFields.wholeNumber(node);
            if (parsed == null || parsed > Integer.MAX_VALUE) {
                throw AslError.runtime("The MaxConcurrencyPath field refers to value \"" + show(node)
                        + "\" which is not a valid integer: " + state.maxConcurrencyPath());
            }
            value = parsed;
        } else {
            value = state.maxConcurrency() == null ? 0 : NumberFields.literalWholeNumber(state.maxConcurrency());
        }
        if (value < 0) {
            throw AslError.runtime("MaxConcurrency cannot be negative.");
        }
        return value == 0 ? MAX_INLINE_CONCURRENCY : (int) Math.min(value, MAX_INLINE_CONCURRENCY);
    }

    private static int toleratedCount(MapState state, JsonNode data, Bindings context) {
        long value;
        if (state.toleratedFailureCountPath() != null) {
            JsonNode node = InputOutput.readField("ToleratedFailureCountPath", state.toleratedFailureCountPath(),
                    data, context);
            Long parsed = NumberFields.wholeNumber(node);
            if (parsed == null || parsed > Integer.MAX_VALUE) {
                throw AslError.runtime("The ToleratedFailureCountPath field refers to value \"" + show(node)
                        + "\" which is not a valid integer: " + state.toleratedFailureCountPath());
            }
            value = parsed;
        } else {
            value = NumberFields.literalWholeNumber(state.toleratedFailureCount());
        }
        if (value < 0) {
            throw AslError.runtime("ToleratedFailureCount cannot be negative.");
        }
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    private static double toleratedPercentage(MapState state, JsonNode data, Bindings context) {
        double value;
        if (state.toleratedFailurePercentagePath() != null) {
            JsonNode node = InputOutput.readField("ToleratedFailurePercentagePath",
                    state.toleratedFailurePercentagePath(), data, context);
            Double parsed = NumberFields.number(node);
            if (parsed == null) {
                throw AslError.runtime("The ToleratedFailurePercentagePath field refers to value \"" + show(node)
                        + "\" which is not a valid float: " + state.toleratedFailurePercentagePath());
            }
            value = parsed;
        } else {
            value = state.toleratedFailurePercentage().asDouble();
        }
        if (value < 0 || value > 100) {
            throw AslError.runtime("ToleratedFailurePercentage must be between 0 and 100.");
        }
        return value;
    }

    private static String show(JsonNode node) {
        return node.isTextual() ? node.textValue() : Json.write(node);
    }

    public static void complete(Scope scope) {
        MapState state = (MapState) scope.current();
        FanOut fanOut = scope.fanOut();
        scope.fanOut(null);
        if (scope.execution().isFinished()) {
            return;
        }
        if (fanOut.overflowed()) {
            scope.record(HistoryEventType.MapStateFailed, null);
            throw scope.execution().config().limits().collectedResultTooBig(state.name());
        }
        AslError terminal = fanOut.terminalFailure();
        if (terminal != null || fanOut.failureCount() > 0 && fanOut.exceedsTolerance(fanOut.failureCount())) {
            scope.fanOutFailed(fanOut.succeededOutputs());
            scope.record(HistoryEventType.MapStateFailed, null);
            scope.phase(Scope.Phase.FAN_OUT_RESULT);
            if (terminal != null) {
                throw terminal;
            }
            boolean tolerance = state.distributed() && (state.toleratedFailureCount() != null
                    || state.toleratedFailureCountPath() != null || state.toleratedFailurePercentage() != null
                    || state.toleratedFailurePercentagePath() != null);
            if (tolerance) {
                throw new AslError(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                        "The specified tolerated failure threshold was exceeded");
            }
            throw fanOut.firstFailure();
        }
        scope.record(HistoryEventType.MapStateSucceeded, null);
        Transitions.exitWithResult(scope, state.resultSelector(), state.resultPath(), fanOut.outputs());
    }
}
