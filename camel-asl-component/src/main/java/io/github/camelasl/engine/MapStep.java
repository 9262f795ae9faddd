package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.dataflow.InputOutput;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.dataflow.JsonPaths;
import io.github.camelasl.dataflow.PayloadTemplate;
import io.github.camelasl.dataflow.jsonata.ExpectedType;
import io.github.camelasl.history.EventDetails;
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
        long declaredConcurrency = declaredConcurrency(state, effective, context);
        int concurrency = effectiveConcurrency(declaredConcurrency);
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
        if (state.distributed()) {
            if (state.resultWriter() != null) {
                fanOut.describeRuns();
            }
            boolean countGiven = state.toleratedFailureCount() != null || state.toleratedFailureCountPath() != null;
            boolean percentageGiven = state.toleratedFailurePercentage() != null
                    || state.toleratedFailurePercentagePath() != null;
            MapRun run = MapRun.start(scope.execution(), state.label() != null ? state.label() : state.name(),
                    fanOut, (int) Math.min(declaredConcurrency, Integer.MAX_VALUE),
                    percentageGiven ? toleratedPercentage : 0, countGiven ? toleratedCount : 0);
            ObjectNode runDetails = Json.NODES.objectNode();
            runDetails.put("mapRunArn", run.arn());
            scope.record(HistoryEventType.MapRunStarted, runDetails);
        }
        return items;
    }

    /**
     * A Distributed Map whose ItemReader failed: AWS records the state started with no item, its map run started
     * and failed, and the state failed (the recordings of test_map_item_reader_json_no_json_list_object and
     * test_map_item_reader_csv_max_items_paths[-1]). The error then goes to the state's Retry and Catch.
     */
    public static void readFailed(Scope scope, AslError error) {
        MapState state = (MapState) scope.current();
        if (!state.distributed() || scope.execution().isFinished()) {
            return;
        }
        ObjectNode details = Json.NODES.objectNode();
        details.put("length", 0);
        long started = scope.record(HistoryEventType.MapStateStarted, details);
        FanOut empty = new FanOut(0, 0, 0, started, scope.execution().config().limits().maxPayloadSize());
        MapRun run = MapRun.start(scope.execution(), state.label() != null ? state.label() : state.name(), empty,
                0, 0, 0);
        ObjectNode runDetails = Json.NODES.objectNode();
        runDetails.put("mapRunArn", run.arn());
        scope.record(HistoryEventType.MapRunStarted, runDetails);
        runFailed(scope, run, error);
        scope.record(HistoryEventType.MapStateFailed, null);
    }

    private static void runFailed(Scope scope, MapRun run, AslError error) {
        if (run == null) {
            return;
        }
        run.end(MapRun.FAILED);
        scope.record(HistoryEventType.MapRunFailed, EventDetails.failure(error.error(), error.cause()));
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

    /** MaxConcurrency as the state gives it (0: no limit), the run's; see effectiveConcurrency. */
    private static long declaredConcurrency(MapState state, JsonNode data, Bindings context) {
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
        return value;
    }

    /** How many iterations go on at once for a MaxConcurrency (0: no limit): at most the inline ceiling. */
    static int effectiveConcurrency(long maxConcurrency) {
        return maxConcurrency == 0 ? MAX_INLINE_CONCURRENCY : (int) Math.min(maxConcurrency, MAX_INLINE_CONCURRENCY);
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

    /**
     * The Map's runs ended: its result, or its failure. A Distributed Map's ResultWriter with a Resource answers
     * the writes to make (see {@link #completeWritten}): null otherwise, the state having exited or thrown.
     */
    public static ResultWriting.Writes complete(Scope scope) {
        MapState state = (MapState) scope.current();
        FanOut fanOut = scope.fanOut();
        MapRun run = fanOut.mapRun();
        if (scope.execution().isFinished()) {
            scope.fanOut(null);
            if (run != null) {
                run.end(MapRun.ABORTED); // the execution ended (stopped, timed out, failed elsewhere) first
            }
            return null;
        }
        if (run != null && scope.finished()) {
            // an enclosing Parallel or Map gave up while the run went on: it stops, as its siblings do
            scope.fanOut(null);
            run.end(MapRun.ABORTED);
            scope.record(HistoryEventType.MapRunAborted, null);
            return null;
        }
        if (fanOut.overflowed()) {
            scope.fanOut(null);
            AslError tooBig = scope.execution().config().limits().collectedResultTooBig(state.name());
            runFailed(scope, run, tooBig);
            scope.record(HistoryEventType.MapStateFailed, null);
            throw tooBig;
        }
        AslError terminal = fanOut.terminalFailure();
        if (terminal != null || fanOut.failureCount() > 0 && fanOut.exceedsTolerance(fanOut.failureCount())) {
            boolean tolerance = state.distributed() && (state.toleratedFailureCount() != null
                    || state.toleratedFailureCountPath() != null || state.toleratedFailurePercentage() != null
                    || state.toleratedFailurePercentagePath() != null || run != null && run.toleranceChanged());
            AslError failure = terminal != null ? terminal : tolerance
                    ? new AslError(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                            "The specified tolerated failure threshold was exceeded")
                    : fanOut.firstFailure();
            if (terminal == null && run != null && ResultWriting.resource(state) != null) {
                return writes(scope, fanOut, run, failure); // AWS writes a failed run's results too
            }
            scope.fanOut(null);
            fail(scope, fanOut, run, failure);
            throw failure;
        }
        // a ResultWriter is a Distributed Map's (validation refuses it elsewhere): only a map run has one
        boolean writer = run != null && state.resultWriter() != null;
        if (writer && ResultWriting.resource(state) != null) {
            return writes(scope, fanOut, run, null);
        }
        scope.fanOut(null);
        JsonNode result = writer ? ResultWriting.shaped(scope, fanOut) : fanOut.outputs();
        if (run != null) {
            run.end(MapRun.SUCCEEDED);
            scope.record(HistoryEventType.MapRunSucceeded, null);
        }
        scope.record(HistoryEventType.MapStateSucceeded, null);
        Transitions.exitWithResult(scope, state.resultSelector(), state.resultPath(), result);
        return null;
    }

    /** The ResultWriter's writes; one that cannot even be made (no Bucket) fails the run and the Map. */
    private static ResultWriting.Writes writes(Scope scope, FanOut fanOut, MapRun run, AslError failure) {
        try {
            return ResultWriting.writes(scope, fanOut, failure);
        } catch (AslError e) {
            scope.fanOut(null);
            fail(scope, fanOut, run, e);
            throw e;
        }
    }

    private static void fail(Scope scope, FanOut fanOut, MapRun run, AslError failure) {
        scope.fanOutFailed(fanOut.succeededOutputs());
        runFailed(scope, run, failure);
        scope.record(HistoryEventType.MapStateFailed, null);
        scope.phase(Scope.Phase.FAN_OUT_RESULT);
    }

    /** The ResultWriter wrote every file: the Map exits with where they are, or fails as its run did. */
    public static void completeWritten(Scope scope, ResultWriting.Writes writes) {
        MapState state = (MapState) scope.current();
        FanOut fanOut = scope.fanOut();
        scope.fanOut(null);
        MapRun run = fanOut.mapRun();
        run.resultsWritten(writes.resultsWritten());
        if (writes.failure() != null) {
            fail(scope, fanOut, run, writes.failure());
            throw writes.failure();
        }
        run.end(MapRun.SUCCEEDED);
        scope.record(HistoryEventType.MapRunSucceeded, null);
        scope.record(HistoryEventType.MapStateSucceeded, null);
        Transitions.exitWithResult(scope, state.resultSelector(), state.resultPath(), writes.output());
    }

    /** A write of the ResultWriter failed: its run fails, and the Map with States.ResultWriterFailed. */
    public static AslError writeFailed(Scope scope, AslError callError) {
        AslError failure = ResultWriting.failed(callError);
        FanOut fanOut = scope.fanOut();
        if (fanOut != null && !scope.execution().isFinished()) {
            scope.fanOut(null);
            fail(scope, fanOut, fanOut.mapRun(), failure);
        }
        return failure;
    }
}
