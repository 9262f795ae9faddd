package io.github.camelasl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.ExecutionShapes;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.MapRun;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.StoredMapRun;
import java.util.List;
import java.util.function.Function;

/**
 * DescribeMapRun, ListMapRuns and UpdateMapRun (sfn API reference): the Distributed Map runs the store keeps, and the
 * live one of an execution running here for its current counts and for UpdateMapRun.
 */
final class MapRunActions {

    private final ExecutionStore store;
    /** The runtime an execution (its ARN) runs on; throws ExecutionDoesNotExist when there is none. */
    private final Function<String, StateMachineRuntime> runtimeOfExecution;

    MapRunActions(ExecutionStore store, Function<String, StateMachineRuntime> runtimeOfExecution) {
        this.store = store;
        this.runtimeOfExecution = runtimeOfExecution;
    }

    ObjectNode describe(JsonNode request) {
        String arn = mapRunArn(request);
        StoredMapRun kept = store.mapRun(arn).orElseThrow(() -> notFound(arn));
        MapRun live = live(kept);
        return describe(live != null ? live.describe() : endedWithItsExecution(kept));
    }

    /**
     * A map run the store holds RUNNING whose execution has ended (the JVM that ran it stopped: a resumed execution
     * runs its Map again, as a new map run): ABORTED when its execution stopped.
     */
    private StoredMapRun endedWithItsExecution(StoredMapRun kept) {
        if (!MapRun.RUNNING.equals(kept.status())) {
            return kept;
        }
        return store.find(kept.executionArn())
                .filter(execution -> execution.status() != io.github.camelasl.engine.ExecutionStatus.RUNNING)
                .map(execution -> new StoredMapRun(kept.mapRunArn(), kept.executionArn(), kept.stateMachineArn(),
                        kept.startDate(), execution.stopDate(), MapRun.ABORTED, kept.maxConcurrency(),
                        kept.toleratedFailurePercentage(), kept.toleratedFailureCount(), kept.itemCounts(),
                        kept.executionCounts()))
                .orElse(kept);
    }

    ObjectNode list(JsonNode request) {
        String executionArn = ApiRequests.requiredText(request, "executionArn");
        StateMachineRegistry.checkArn(executionArn, null);
        if (store.find(executionArn).isEmpty()) {
            throw new AslError("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn + "'");
        }
        List<StoredMapRun> runs = store.mapRuns(executionArn);
        Paging.Page page = Paging.page(request, runs.size());
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode list = out.putArray("mapRuns");
        for (StoredMapRun run : runs.subList(page.from(), page.to())) {
            ObjectNode item = list.addObject();
            item.put("executionArn", run.executionArn());
            item.put("mapRunArn", run.mapRunArn());
            item.put("stateMachineArn", run.stateMachineArn());
            item.put("startDate", ExecutionShapes.date(run.startDate()));
            if (run.stopDate() != null) {
                item.put("stopDate", ExecutionShapes.date(run.stopDate()));
            }
        }
        page.nextToken().ifPresent(token -> out.put("nextToken", token));
        return out;
    }

    /** Changes a running map run; its new settings take effect at once (see MapRun#update). */
    ObjectNode update(JsonNode request) {
        String arn = mapRunArn(request);
        Integer maxConcurrency = wholeNumber(request, "maxConcurrency", Integer.MAX_VALUE);
        Long count = request.has("toleratedFailureCount") && !request.get("toleratedFailureCount").isNull()
                ? (long) wholeNumber(request, "toleratedFailureCount", Integer.MAX_VALUE) : null;
        Double percentage = null;
        JsonNode given = request.get("toleratedFailurePercentage");
        if (given != null && !given.isNull()) {
            if (!given.isNumber() || given.asDouble() < 0 || given.asDouble() > 100) {
                throw ApiRequests.validation("toleratedFailurePercentage", "Member must have value between 0 and "
                        + "100, but was " + given);
            }
            percentage = given.asDouble();
        }
        StoredMapRun kept = store.mapRun(arn).orElseThrow(() -> notFound(arn));
        MapRun live = live(kept);
        if (live == null) {
            throw new AslError("ValidationException", "Map Run '" + arn + "' is not running: it is "
                    + kept.status());
        }
        live.update(maxConcurrency, percentage, count);
        return Json.NODES.objectNode();
    }

    /** The run in memory while its execution runs here, else null. */
    private MapRun live(StoredMapRun kept) {
        if (!MapRun.RUNNING.equals(kept.status())) {
            return null;
        }
        try {
            return runtimeOfExecution.apply(kept.executionArn()).mapRun(kept.executionArn(), kept.mapRunArn());
        } catch (AslError e) {
            return null; // its state machine is gone: what the store kept is all there is
        }
    }

    private static ObjectNode describe(StoredMapRun run) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("mapRunArn", run.mapRunArn());
        out.put("executionArn", run.executionArn());
        out.put("status", run.status());
        out.put("startDate", ExecutionShapes.date(run.startDate()));
        if (run.stopDate() != null) {
            out.put("stopDate", ExecutionShapes.date(run.stopDate()));
        }
        out.put("maxConcurrency", run.maxConcurrency());
        out.put("toleratedFailurePercentage", run.toleratedFailurePercentage());
        out.put("toleratedFailureCount", run.toleratedFailureCount());
        out.set("itemCounts", run.itemCounts().toJson());
        out.set("executionCounts", run.executionCounts().toJson());
        out.put("redriveCount", 0);
        return out;
    }

    private static Integer wholeNumber(JsonNode request, String member, int max) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0 || value.asLong() > max) {
            throw ApiRequests.validation(member, "Member must have value between 0 and " + max + ", but was "
                    + value);
        }
        return value.asInt();
    }

    /** A map run ARN: {@code arn:<partition>:states:<region>:<account>:mapRun:<machine>/<label>:<id>}. */
    private static String mapRunArn(JsonNode request) {
        String arn = ApiRequests.requiredText(request, "mapRunArn");
        String[] parts = arn.split(":", -1);
        if (parts.length != 8 || !parts[0].equals("arn") || !parts[2].equals("states")
                || !parts[5].equals("mapRun") || !parts[6].contains("/")) {
            throw new AslError("InvalidArn", "Invalid Arn: '" + arn + "'");
        }
        return arn;
    }

    private static AslError notFound(String arn) {
        return new AslError("ResourceNotFound", "Resource not found: '" + arn + "'");
    }
}
