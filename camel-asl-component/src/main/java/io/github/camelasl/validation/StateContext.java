package io.github.camelasl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.model.QueryLanguage;
import java.util.Map;

/**
 * One state as the rules see it.
 *
 * @param pointer  the state's location, for example {@code /States/Train} or
 *                 {@code /States/P/Branches[0]/States/Train}
 * @param node     the state's JSON object
 * @param fields   the fields that passed the shape rules (allowed here, right type): the only values the
 *                 other rules read, so that one mistake is reported once
 * @param language the query language in force for the state
 */
record StateContext(String name, String pointer, String type, JsonNode node, Map<String, JsonNode> fields,
        QueryLanguage language, ValidationOptions options, Problems problems) {

    boolean jsonata() {
        return language == QueryLanguage.JSONata;
    }

    /** A field that passed the shape rules, or null. */
    JsonNode field(String name) {
        return fields.get(name);
    }

    String at(String field) {
        return Locations.field(pointer, field);
    }
}
