package io.github.camelasl.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.AslConstants;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.model.MapState;
import io.github.camelasl.model.QueryLanguage;
import io.github.camelasl.model.State;
import io.github.camelasl.model.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The headers of a Task's request that its definition names: the keys of the {@value AslConstants#HEADERS_FIELD}
 * object written in its Parameters (JSONPath: {@code "tenant.$"} names {@code tenant}) or Arguments (JSONata)
 * template, read once when the routes are built. At run time only these names are taken from the evaluated
 * object, whose values the data gives. A {@value AslConstants#HEADERS_FIELD} field the template does not write
 * (the state's input passed on, an Arguments that is one expression) is data, and stays in the body.
 */
final class TaskHeaders {

    private final List<String> names;
    private final boolean written;
    private final AllowedCamelHeaders allowed;
    private final ForwardedHeaders forwarded;

    private TaskHeaders(List<String> names, boolean written, AllowedCamelHeaders allowed,
            ForwardedHeaders forwarded) {
        this.names = names;
        this.written = written;
        this.allowed = allowed;
        this.forwarded = forwarded;
    }

    /** The headers a Task state's Parameters or Arguments names, and the caller's headers it is sent. */
    static TaskHeaders of(TaskState state, AllowedCamelHeaders allowed, ForwardedHeaders forwarded) {
        boolean jsonata = jsonata(state);
        return of(jsonata ? state.arguments() : state.parameters() == null ? null : state.parameters().source(),
                jsonata, allowed, forwarded);
    }

    /** The headers a Map's ItemReader names in its Parameters or Arguments, and the caller's headers it is sent. */
    static TaskHeaders ofItemReader(MapState state, AllowedCamelHeaders allowed, ForwardedHeaders forwarded) {
        boolean jsonata = jsonata(state);
        return of(state.itemReader().get(jsonata ? "Arguments" : "Parameters"), jsonata, allowed, forwarded);
    }

    /** A Map's ResultWriter: its requests are the engine's (the files to write), so only the caller's headers. */
    static TaskHeaders ofResultWriter(AllowedCamelHeaders allowed, ForwardedHeaders forwarded) {
        return new TaskHeaders(List.of(), false, allowed, forwarded);
    }

    private static boolean jsonata(State state) {
        return state.common().queryLanguage() == QueryLanguage.JSONata;
    }

    private static TaskHeaders of(JsonNode template, boolean jsonata, AllowedCamelHeaders allowed,
            ForwardedHeaders forwarded) {
        JsonNode headers = template == null ? null : template.get(AslConstants.HEADERS_FIELD);
        if (headers == null || !headers.isObject()) {
            return new TaskHeaders(List.of(), false, allowed, forwarded);
        }
        List<String> names = new ArrayList<>();
        headers.fieldNames().forEachRemaining(key -> names.add(!jsonata && key.endsWith(".$")
                ? key.substring(0, key.length() - 2) : key));
        return new TaskHeaders(List.copyOf(names), true, allowed, forwarded);
    }

    /** Which of the headers the execution was started with go on to the endpoint. */
    ForwardedHeaders forwarded() {
        return forwarded;
    }

    /**
     * Puts the named headers the evaluated template gives into {@code headers}: text for a scalar, JSON text
     * otherwise. Returns the body: the effective input without the template's header object.
     */
    JsonNode take(JsonNode effectiveInput, Map<String, Object> headers) {
        if (!written || !(effectiveInput instanceof ObjectNode object)
                || !(object.get(AslConstants.HEADERS_FIELD) instanceof ObjectNode values)) {
            return effectiveInput;
        }
        for (String name : names) {
            JsonNode value = values.get(name);
            // validation refused a Camel header the app does not allow; checked again for routes built without it
            if (value != null && allowed.allows(name)) {
                headers.put(name, value.isValueNode() ? value.asText() : Json.write(value));
            }
        }
        // a shallow copy: the engine never changes a tree once handed on
        ObjectNode body = Json.NODES.objectNode();
        object.fields().forEachRemaining(field -> {
            if (!field.getKey().equals(AslConstants.HEADERS_FIELD)) {
                body.set(field.getKey(), field.getValue());
            }
        });
        return body;
    }
}
