package io.github.camelasl;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.history.HistoryListener;
import io.github.camelasl.route.TaskMessages;
import java.util.HashMap;
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
        Message in = exchange.getMessage();
        JsonNode input;
        try {
            input = input(in.getBody());
        } catch (IllegalArgumentException e) {
            exchange.setException(new AslError("InvalidExecutionInput", "Invalid State Machine Execution Input: "
                    + e.getMessage()));
            callback.done(true);
            return true;
        }
        // the caller's own headers go on to the Tasks, but not Camel's: CamelHttpUri and the like would redirect
        // a Task's call
        Map<String, Object> headers = Map.of();
        for (Map.Entry<String, Object> header : in.getHeaders().entrySet()) {
            String k = header.getKey();
            if (!k.startsWith("Camel") && !k.startsWith("camel")) {
                if (headers.isEmpty()) {
                    headers = new HashMap<>();
                }
                headers.put(k, header.getValue());
            }
        }
        String name = in.getHeader(AslConstants.EXECUTION_NAME, String.class);
        HistoryListener listener = ((AslComponent) getEndpoint().getComponent()).getHistoryListener();
        try {
            CompletableFuture<ExecutionResult> execution = getEndpoint().runtime().start(input, name, headers,
                    listener == null ? List.of() : List.of(listener));
            if (execution.isDone()) {
                // it ran to its end on this thread (no Task, Wait or fan-out went asynchronous): answer at once,
                // sparing the caller Camel's wait for an asynchronous reply
                answer(exchange, execution);
                callback.done(true);
                return true;
            }
            execution.whenComplete((result, failure) -> {
                answer(exchange, execution);
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

    private static void answer(Exchange exchange, CompletableFuture<ExecutionResult> execution) {
        try {
            reply(exchange, execution.join());
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            exchange.setException(e.getCause() != null ? e.getCause() : e);
        }
    }

    private static JsonNode input(Object body) {
        if (body == null) {
            return Json.NODES.objectNode();
        }
        JsonNode input = TaskMessages.toJson(body);
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
