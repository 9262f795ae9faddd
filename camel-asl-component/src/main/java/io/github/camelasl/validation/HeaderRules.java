package io.github.camelasl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslConstants;

/**
 * The headers a Task (or a Map's ItemReader) sets on its request: named by the definition, as the keys of a
 * {@value AslConstants#HEADERS_FIELD} object written in its Parameters or Arguments template, and none named
 * {@code Camel*} (Camel's components act on those) unless the app allows it. Our rule, not AWS's: AWS has no
 * message headers.
 */
final class HeaderRules {

    private HeaderRules() {
    }

    static void check(StateContext state) {
        String field = state.jsonata() ? "Arguments" : "Parameters";
        if ("Task".equals(state.type())) {
            template(state, state.field(field), state.at(field));
        } else if ("Map".equals(state.type()) && state.field("ItemReader") != null) {
            template(state, state.field("ItemReader").get(field), Locations.field(state.at("ItemReader"), field));
        }
    }

    private static void template(StateContext state, JsonNode template, String pointer) {
        if (template == null || !template.isObject()) {
            return;
        }
        String dynamic = AslConstants.HEADERS_FIELD + ".$";
        if (!state.jsonata() && template.has(dynamic)) {
            state.problems().add(Problems.HEADERS_NOT_LITERAL, Problems.dynamicHeaders(dynamic),
                    Locations.field(pointer, dynamic));
        }
        JsonNode headers = template.get(AslConstants.HEADERS_FIELD);
        if (headers == null) {
            return;
        }
        String headersPointer = Locations.field(pointer, AslConstants.HEADERS_FIELD);
        if (!headers.isObject()) {
            state.problems().add(Problems.HEADERS_NOT_LITERAL, Problems.headersNotObject(AslConstants.HEADERS_FIELD),
                    headersPointer);
            return;
        }
        headers.fieldNames().forEachRemaining(key -> {
            String name = !state.jsonata() && key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
            if (!state.options().allowedCamelHeaders().allows(name)) {
                state.problems().add(Problems.HEADER_NOT_ALLOWED, Problems.headerNotAllowed(name),
                        Locations.field(headersPointer, key));
            }
        });
    }
}
