package io.github.camelasl.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.AslConstants;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import io.github.camelasl.engine.ExecutionLimits;
import io.github.camelasl.engine.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NoTypeConversionAvailableException;

/**
 * The message a Task sends to its endpoint and how the reply becomes the Task's result.
 *
 * <p>Request: the body is the effective input as JSON text. The headers are the engine's {@code CamelAsl*} headers,
 * those the state's definition names (see {@link TaskHeaders}): the entries of a {@value AslConstants#HEADERS_FIELD}
 * object written in its Parameters or Arguments template, which is taken out of the body, and of the headers the
 * execution was started with only those the app forwards ({@link ForwardedHeaders}: none by default, since
 * components act on headers such as {@code kafka.OVERRIDE_TOPIC} or {@code JMSReplyTo}). Data never names a header:
 * a {@value AslConstants#HEADERS_FIELD} field in the state's input or in a reply stays in the body. A header named
 * {@code Camel*} (any case), which Camel's components act on, comes neither from the template nor from the
 * execution's headers unless the app allows it ({@link AllowedCamelHeaders}).
 *
 * <p>Reply: JSON text, bytes or a stream of JSON, a JsonNode, a Map/List/POJO (through Jackson), or any other
 * text (a JSON string); an object Camel has a converter to text for (camel-exec's {@code ExecResult}, a DOM
 * document) is that text.
 */
public final class TaskMessages {

    private static final String REPLY = "the endpoint's reply";

    private TaskMessages() {
    }

    static void toRequest(Exchange exchange, Scope scope, JsonNode effectiveInput, TaskHeaders taskHeaders) {
        Message message = exchange.getMessage();
        // a map of the kind Camel's messages keep (case-insensitive), which setHeaders takes as it is; a new one
        // each call, since the previous call's exchange may still hold the last one (a Task that timed out)
        Map<String, Object> headers = exchange.getContext().getCamelContextExtension().getHeadersMapFactory()
                .newMap();
        scope.execution().originalHeaders().forEach((name, value) -> {
            if (taskHeaders.forwarded().forwards(name)) {
                headers.put(name, value);
            }
        });
        JsonNode body = taskHeaders.take(effectiveInput, headers);
        headers.put(AslConstants.EXECUTION_ARN, scope.execution().arn());
        headers.put(AslConstants.STATE_NAME, scope.current().name());
        // the same for the same attempt of the same state visit, also when a resumed execution sends it again
        headers.put(AslConstants.IDEMPOTENCY_KEY, scope.execution().arn() + "/" + scope.current().name() + "/"
                + scope.enteredEventId() + "/" + scope.retryCount());
        message.setHeaders(headers);
        message.setBody(Json.write(body));
    }

    /** The endpoint's reply as JSON, read up to the execution's maxPayloadSize. */
    static JsonNode result(Exchange exchange) {
        Scope scope = exchange.getProperty(io.github.camelasl.engine.StateMachineRuntime.SCOPE_PROPERTY, Scope.class);
        int maxBytes = scope == null ? ExecutionLimits.MAX_PAYLOAD_SIZE_CEILING
                : scope.execution().config().limits().maxPayloadSize();
        return toJson(exchange.getMessage().getBody(), exchange, maxBytes);
    }

    /** The body of a branch or iteration exchange, which the engine set to a JsonNode. */
    static JsonNode json(Exchange exchange) {
        return toJson(exchange.getMessage().getBody());
    }

    /**
     * A reply as JSON; an object Jackson would only take apart (it is not a Map, List, array, number or boolean)
     * for which Camel has a converter to text, such as camel-exec's {@code ExecResult}, is read as that text.
     */
    public static JsonNode toJson(Object body, Exchange exchange, int maxBytes) {
        if (body == null || body instanceof JsonNode || body instanceof String || body instanceof byte[]
                || body instanceof InputStream || body instanceof Map || body instanceof Collection
                || body instanceof Number || body instanceof Boolean || body.getClass().isArray()) {
            return toJson(body, maxBytes, REPLY);
        }
        CamelContext camel = exchange.getContext();
        if (camel.getTypeConverterRegistry().lookup(String.class, body.getClass()) == null) {
            return toJson(body, maxBytes, REPLY); // a record or bean: its properties, through Jackson
        }
        String text;
        try {
            text = camel.getTypeConverter().mandatoryConvertTo(String.class, exchange, body);
        } catch (NoTypeConversionAvailableException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalArgumentException("the endpoint's reply, a " + body.getClass().getName()
                    + ", could not be converted to text: " + (root.getMessage() != null ? root.getMessage()
                    : root.getClass().getName()), e);
        }
        return toJson(text, maxBytes, REPLY);
    }

    public static JsonNode toJson(Object body) {
        return toJson(body, ExecutionLimits.MAX_PAYLOAD_SIZE_CEILING, REPLY);
    }

    /**
     * A message body as JSON, as {@link #toJson(Object)} reads it, but text, bytes or a stream longer than
     * {@code maxBytes} is not read further (a stream is read no further than that): States.DataLimitExceeded naming
     * {@code what}. So is JSON nested deeper than the engine reads ({@value Json#MAX_NESTING_DEPTH}) or with a
     * string longer than Jackson reads: it is not taken for text.
     */
    public static JsonNode toJson(Object body, int maxBytes, String what) {
        try {
            if (body == null) {
                return Json.NODES.nullNode();
            }
            if (body instanceof JsonNode node) {
                return node;
            }
            if (body instanceof String text) {
                if (text.length() > maxBytes) {
                    throw tooBig(what, "characters", maxBytes);
                }
                return parseOrText(text, what);
            }
            if (body instanceof byte[] bytes) {
                if (bytes.length > maxBytes) {
                    throw tooBig(what, "bytes", maxBytes);
                }
                return parseOrText(new String(bytes, StandardCharsets.UTF_8), what);
            }
            if (body instanceof InputStream stream) {
                byte[] read = stream.readNBytes(maxBytes + 1);
                if (read.length > maxBytes) {
                    throw tooBig(what, "bytes", maxBytes);
                }
                return parseOrText(new String(read, StandardCharsets.UTF_8), what);
            }
            return Json.MAPPER.valueToTree(body);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the endpoint's reply is not JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode parseOrText(String text, String what) {
        try {
            return Json.parse(text);
        } catch (StreamConstraintsException e) { // JSON, but beyond what the engine reads: not text either
            throw new AslError(ErrorNames.DATA_LIMIT_EXCEEDED, what + " is beyond what the engine reads: "
                    + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return Json.NODES.textNode(text);
        }
    }

    private static AslError tooBig(String what, String unit, int maxBytes) {
        return new AslError(ErrorNames.DATA_LIMIT_EXCEEDED, what + " has more than " + maxBytes + " " + unit
                + ", the maxPayloadSize of this state machine: it was not read further");
    }
}
