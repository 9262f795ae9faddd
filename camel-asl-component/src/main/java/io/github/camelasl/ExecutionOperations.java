package io.github.camelasl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.engine.TaskTokens;
import io.github.camelasl.history.HistoryListener;
import io.github.camelasl.store.ExecutionSummary;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The Step Functions API operations an {@code asl:} endpoint (and the API server) answers besides running an execution
 * ({@code operation=...}): requests and responses in AWS's JSON shapes (field names as the API writes them,
 * dates as ISO-8601 text, as the AWS CLI shows them).
 */
public final class ExecutionOperations {

    /** The operations, as the endpoint's {@code operation} option names them. */
    public enum Operation {
        /** The default: runs the execution and replies with its output (a failure raises AslError). */
        run,
        startExecution,
        startSyncExecution,
        describeExecution,
        listExecutions,
        getExecutionHistory,
        stopExecution,
        redriveExecution,
        restartExecution,
        sendTaskSuccess,
        sendTaskFailure,
        sendTaskHeartbeat;

        /** True for the operations on executions already started (they need no definition of their own). */
        boolean managesExecutions() {
            return this == describeExecution || this == listExecutions || this == getExecutionHistory
                    || this == stopExecution || this == redriveExecution || this == restartExecution
                    || answersTask();
        }

        /** True for the callbacks of .waitForTaskToken Tasks: they name a token, not a state machine. */
        boolean answersTask() {
            return this == sendTaskSuccess || this == sendTaskFailure || this == sendTaskHeartbeat;
        }
    }

    /** AWS's defaults and limits for a page of ListExecutions and GetExecutionHistory. */
    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 1000;

    private ExecutionOperations() {
    }

    /** StartExecution's response. */
    public static ObjectNode started(String executionArn, Instant startDate) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("executionArn", executionArn);
        out.put("startDate", ExecutionShapes.date(startDate));
        return out;
    }

    /** StartSyncExecution's response. */
    public static ObjectNode syncResult(StateMachineRuntime runtime, ExecutionResult result, JsonNode input) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("executionArn", result.executionArn());
        out.put("stateMachineArn", runtime.config().stateMachineArn());
        out.put("name", result.name());
        out.put("startDate", ExecutionShapes.date(result.startDate()));
        out.put("stopDate", ExecutionShapes.date(result.stopDate()));
        out.put("status", result.status().name());
        ExecutionShapes.payload(out, "input", input);
        if (result.output() != null) {
            ExecutionShapes.payload(out, "output", result.output());
        }
        ExecutionShapes.putIfPresent(out, "error", result.error());
        ExecutionShapes.putIfPresent(out, "cause", result.cause());
        return out;
    }

    public static ObjectNode describe(StateMachineRuntime runtime, JsonNode request) {
        String arn = executionArn(request);
        return ExecutionShapes.describe(runtime.store().find(arn)
                .orElseThrow(() -> new AslError("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'")));
    }

    public static ObjectNode list(StateMachineRuntime runtime, JsonNode request) {
        return list(runtime, request, null);
    }

    /**
     * ListExecutions of the runtime's state machine: of the executions started through {@code versionOrAliasArn}
     * (see {@link io.github.camelasl.store.ExecutionStore#executionsStartedThrough}), or of all of them when it is
     * null; either way from the store's index.
     */
    public static ObjectNode list(StateMachineRuntime runtime, JsonNode request, String versionOrAliasArn) {
        String filter = text(request, "statusFilter");
        if (filter != null) {
            try {
                ExecutionStatus.valueOf(filter);
            } catch (IllegalArgumentException e) {
                throw validation("statusFilter", "'" + filter + "' is not one of RUNNING, SUCCEEDED, FAILED, "
                        + "TIMED_OUT, ABORTED, PENDING_REDRIVE");
            }
        }
        String machine = runtime.config().stateMachineArn();
        ExecutionStatus status = filter == null ? null : ExecutionStatus.valueOf(filter);
        ExecutionSummary.Cursor after = ListTokens.cursor(request);
        int limit = pageSize(request);
        ExecutionSummary.Page page = versionOrAliasArn == null
                ? runtime.store().executions(machine, status, after, limit)
                : runtime.store().executionsStartedThrough(versionOrAliasArn, status, after, limit);
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode executions = out.putArray("executions");
        for (ExecutionSummary summary : page.executions()) {
            executions.add(ExecutionShapes.summary(summary));
        }
        if (page.next() != null) {
            out.put("nextToken", ListTokens.token(page.next()));
        }
        return out;
    }

    public static ObjectNode history(StateMachineRuntime runtime, JsonNode request) {
        String arn = executionArn(request);
        List<JsonNode> events = runtime.history(arn);
        if (request.path("reverseOrder").asBoolean(false)) {
            events = new java.util.ArrayList<>(events);
            java.util.Collections.reverse(events);
        }
        boolean includeData = request.path("includeExecutionData").asBoolean(true);
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode page = out.putArray("events");
        int from = pageStart(request);
        int to = Math.min(events.size(), from + pageSize(request));
        for (JsonNode event : events.subList(Math.min(from, events.size()), to)) {
            page.add(includeData ? event : withoutData(event));
        }
        if (to < events.size()) {
            out.put("nextToken", Integer.toString(to));
        }
        return out;
    }

    public static ObjectNode stop(StateMachineRuntime runtime, JsonNode request) {
        String arn = executionArn(request);
        Instant stopped = runtime.stop(arn, text(request, "error"), text(request, "cause"));
        ObjectNode out = Json.NODES.objectNode();
        out.put("stopDate", ExecutionShapes.date(stopped));
        return out;
    }

    public static ObjectNode redrive(StateMachineRuntime runtime, JsonNode request, List<HistoryListener> listeners) {
        Instant redriven = runtime.redrive(executionArn(request), listeners);
        ObjectNode out = Json.NODES.objectNode();
        out.put("redriveDate", ExecutionShapes.date(redriven));
        return out;
    }

    /**
     * Beyond AWS: {"executionArn", "stateName", "input" (JSON text or value; optional), "name" (optional)} starts a
     * new execution from that state; answers like StartExecution, with the link.
     */
    public static ObjectNode restart(StateMachineRuntime runtime, JsonNode request, List<HistoryListener> listeners) {
        String arn = executionArn(request);
        JsonNode input = request.get("input");
        if (input != null && input.isTextual()) {
            try {
                input = Json.parse(input.textValue());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AslError("InvalidExecutionInput", "Invalid Execution Input: " + e.getOriginalMessage());
            }
        }
        StateMachineRuntime.Started started = runtime.restart(arn, text(request, "stateName"),
                input == null || input.isNull() ? null : input, text(request, "name"), listeners);
        ObjectNode out = started(started.executionArn(), started.startDate());
        out.putObject("restartedFrom").put("executionArn", arn).put("stateName", text(request, "stateName"));
        return out;
    }

    /** SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat: AWS answers each with an empty object. */
    public static ObjectNode answerTask(TaskTokens tokens, Operation operation, JsonNode request) {
        String token = text(request, "taskToken");
        switch (operation) {
            case sendTaskSuccess -> tokens.sendSuccess(token, output(request));
            case sendTaskFailure -> tokens.sendFailure(token, text(request, "error"), text(request, "cause"));
            case sendTaskHeartbeat -> tokens.sendHeartbeat(token);
            default -> throw new IllegalStateException("not a task callback: " + operation);
        }
        return Json.NODES.objectNode();
    }

    /** SendTaskSuccess's output: JSON text, as AWS takes it (a JSON value other than text is taken as it is). */
    private static JsonNode output(JsonNode request) {
        JsonNode output = request.get("output");
        if (output == null || output.isNull()) {
            throw validation("output", "the request needs an output (the Task's result, as JSON text)");
        }
        if (!output.isTextual()) {
            return output;
        }
        try {
            return Json.parse(output.textValue());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AslError("InvalidOutput", "Invalid Output: the output is not JSON: " + e.getOriginalMessage());
        }
    }

    // --- shapes ---

    /** includeExecutionData=false: the event without its input and output payloads. */
    private static JsonNode withoutData(JsonNode event) {
        ObjectNode copy = event.deepCopy();
        copy.fields().forEachRemaining(field -> {
            if (field.getValue() instanceof ObjectNode details) {
                details.remove(List.of("input", "output", "parameters", "result"));
            }
        });
        return copy;
    }

    // --- requests ---

    /** The executionArn of the request body, as AWS's requests carry it. */
    private static String executionArn(JsonNode request) {
        String arn = text(request, "executionArn");
        if (arn == null || arn.isEmpty()) {
            throw validation("executionArn", "the request needs an executionArn (in the body, or the "
                    + AslConstants.EXECUTION_ARN + " header)");
        }
        if (!arn.startsWith("arn:") || arn.split(":", -1).length < 8) {
            throw new AslError("InvalidArn", "Invalid Arn: '" + arn + "'");
        }
        return arn;
    }

    private static int pageSize(JsonNode request) {
        JsonNode max = request.get("maxResults");
        if (max == null || max.isNull() || max.asInt() == 0) {
            return DEFAULT_PAGE;
        }
        if (!max.canConvertToInt() || max.asInt() < 0 || max.asInt() > MAX_PAGE) {
            throw validation("maxResults", "must be between 0 and " + MAX_PAGE + ", but was " + max);
        }
        return max.asInt();
    }

    private static int pageStart(JsonNode request) {
        String token = text(request, "nextToken");
        if (token == null) {
            return 0;
        }
        try {
            int start = Integer.parseInt(token);
            if (start >= 0) {
                return start;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new AslError("InvalidToken", "Invalid Token: '" + token + "' is not a nextToken this endpoint gave");
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static AslError validation(String field, String message) {
        return new AslError("ValidationException", String.format(Locale.ROOT, "1 validation error detected: Value "
                + "at '%s' failed to satisfy constraint: %s", field, message));
    }
}
