package io.github.camelasl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.history.HistoryListener;
import io.github.camelasl.route.TaskMessages;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/** Starts an execution per message and answers when it ends, without holding a thread while it runs. */
public class AslProducer extends DefaultAsyncProducer {

    public AslProducer(AslEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public AslEndpoint getEndpoint() {
        return (AslEndpoint) super.getEndpoint();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        ExecutionOperations.Operation operation = getEndpoint().operation();
        if (operation.managesExecutions()) {
            try {
                exchange.getMessage().setBody(Json.write(manage(operation, exchange.getMessage())));
            } catch (RuntimeException e) {
                exchange.setException(e);
            }
            callback.done(true);
            return true;
        }
        Message in = exchange.getMessage();
        JsonNode input;
        try {
            input = input(in.getBody(), getEndpoint().executionLimits().maxPayloadSize());
        } catch (AslError e) { // larger or deeper than the limits: refused before it is read whole
            exchange.setException(e);
            callback.done(true);
            return true;
        } catch (IllegalArgumentException e) {
            exchange.setException(new AslError("InvalidExecutionInput", "Invalid State Machine Execution Input: "
                    + e.getMessage()));
            callback.done(true);
            return true;
        }
        // only the caller's headers the app forwards go on to the Tasks (components act on headers: a caller's
        // kafka.OVERRIDE_TOPIC would redirect a Kafka Task); the execution keeps no other
        Map<String, Object> headers = ((AslComponent) getEndpoint().getComponent()).forwardedHeaders()
                .select(in.getHeaders());
        String name = in.getHeader(AslConstants.EXECUTION_NAME, String.class);
        HistoryListener listener = ((AslComponent) getEndpoint().getComponent()).getHistoryListener();
        try {
            StateMachineRuntime runtime = getEndpoint().runtime();
            StateMachineRuntime.Started started = runtime.begin(input, name, headers,
                    listener == null ? List.of() : List.of(listener),
                    operation == ExecutionOperations.Operation.startExecution);
            if (operation == ExecutionOperations.Operation.startExecution) {
                // AWS's StartExecution: the reply says it started; the execution goes on without the caller
                exchange.getMessage().setHeader(AslConstants.EXECUTION_ARN, started.executionArn());
                exchange.getMessage().setBody(Json.write(ExecutionOperations.started(started.executionArn(),
                        started.startDate())));
                callback.done(true);
                return true;
            }
            CompletableFuture<ExecutionResult> execution = started.completion();
            boolean sync = operation == ExecutionOperations.Operation.startSyncExecution;
            if (execution.isDone()) {
                // it ran to its end on this thread (no Task, Wait or fan-out went asynchronous): answer at once,
                // sparing the caller Camel's wait for an asynchronous reply
                answer(exchange, execution, sync ? runtime : null, input);
                callback.done(true);
                return true;
            }
            execution.whenComplete((result, failure) -> {
                answer(exchange, execution, sync ? runtime : null, input);
                callback.done(false);
            });
        } catch (RuntimeException e) {
            // not started (a name already in use, an endpoint not deployed): fail this exchange, not the route
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return false;
    }

    /** Executions already started: describe, list, history, stop. The body is AWS's request JSON (or empty). */
    private JsonNode manage(ExecutionOperations.Operation operation, Message in) {
        JsonNode body = in.getBody() == null ? Json.NODES.objectNode() : TaskMessages.toJson(in.getBody());
        if (!body.isObject()) {
            throw new AslError("ValidationException", "The " + operation + " request must be a JSON object, "
                    + "but was: " + abbreviate(Json.write(body)));
        }
        ObjectNode request = (ObjectNode) body;
        String arnHeader = in.getHeader(AslConstants.EXECUTION_ARN, String.class);
        if (arnHeader != null && !request.has("executionArn")) {
            request = request.deepCopy().put("executionArn", arnHeader);
        }
        if (operation.answersTask()) {
            return ExecutionOperations.answerTask(((AslComponent) getEndpoint().getComponent()).taskTokens(),
                    operation, request);
        }
        StateMachineRuntime runtime = getEndpoint().runtime();
        return switch (operation) {
            case describeExecution -> ExecutionOperations.describe(runtime, request);
            case listExecutions -> ExecutionOperations.list(runtime, request);
            case getExecutionHistory -> ExecutionOperations.history(runtime, request);
            case stopExecution -> ExecutionOperations.stop(runtime, request);
            case redriveExecution -> ExecutionOperations.redrive(runtime, request, listeners());
            case restartExecution -> ExecutionOperations.restart(runtime, request, listeners());
            default -> throw new IllegalStateException("not an operation on started executions: " + operation);
        };
    }

    private List<HistoryListener> listeners() {
        HistoryListener listener = ((AslComponent) getEndpoint().getComponent()).getHistoryListener();
        return listener == null ? List.of() : List.of(listener);
    }

    /**
     * Replies with the execution's end: its output (a failure raises AslError), or with {@code syncRuntime}
     * AWS's StartSyncExecution response, whatever the status.
     */
    private static void answer(Exchange exchange, CompletableFuture<ExecutionResult> execution,
            StateMachineRuntime syncRuntime, JsonNode input) {
        try {
            if (syncRuntime != null) {
                ExecutionResult result = execution.join();
                exchange.getMessage().setHeader(AslConstants.EXECUTION_ARN, result.executionArn());
                exchange.getMessage().setHeader(AslConstants.EXECUTION_STATUS, result.status().name());
                exchange.getMessage().setBody(Json.write(ExecutionOperations.syncResult(syncRuntime, result, input)));
                return;
            }
            reply(exchange, execution.join());
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            exchange.setException(e.getCause() != null ? e.getCause() : e);
        }
    }

    private static JsonNode input(Object body, int maxBytes) {
        if (body == null) {
            return Json.NODES.objectNode();
        }
        JsonNode input = TaskMessages.toJson(body, maxBytes, "The execution input");
        if (body instanceof String text && input.isTextual() && !text.trim().startsWith("\"")) {
            throw new IllegalArgumentException("the message body is not JSON: " + abbreviate(text));
        }
        return input;
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    private static void reply(Exchange exchange, ExecutionResult result) {
        Message out = exchange.getMessage();
        out.setHeader(AslConstants.EXECUTION_ARN, result.executionArn());
        out.setHeader(AslConstants.EXECUTION_STATUS, result.status().name());
        if (result.succeeded()) {
            out.setBody(Json.write(result.output()));
            return;
        }
        String error = result.error();
        if (error == null) {
            error = switch (result.status()) {
                case TIMED_OUT -> ErrorNames.TIMEOUT;
                case ABORTED -> "States.Aborted";
                default -> null;
            };
        }
        out.setHeader(AslConstants.ERROR, error);
        out.setHeader(AslConstants.CAUSE, result.cause());
        exchange.setException(new AslError(error, result.cause()));
    }
}
