package io.github.camelasl.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.graph.DefinitionModel.Scope;
import io.github.camelasl.graph.DefinitionModel.State;
import io.github.camelasl.validation.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * The validator's diagnostics as the graph gives them: each with the state it concerns (the innermost whose place
 * holds it) and a JSON pointer (RFC 6901) to the place. The validator writes places as AWS does
 * ({@code /States/Train/Retry[0]/BackoffRate}, names unescaped): read against the states' own places, so a name
 * holding "/" or "[" is still found.
 */
final class Diagnostics {

    private Diagnostics() {
    }

    static ArrayNode json(List<Diagnostic> diagnostics, DefinitionModel model) {
        List<State> states = new ArrayList<>();
        collect(model.root, states);
        ArrayNode list = GraphLayout.NODES.arrayNode();
        for (Diagnostic diagnostic : diagnostics) {
            ObjectNode json = list.addObject();
            String location = diagnostic.location();
            State state = location == null ? null : innermost(states, location);
            json.put("state", state == null ? null : state.name());
            json.put("pointer", pointer(location, state));
            json.put("message", diagnostic.message());
            json.put("severity", diagnostic.severity().name());
            json.put("code", diagnostic.code());
            json.put("location", location);
        }
        return list;
    }

    private static void collect(Scope scope, List<State> states) {
        for (State state : scope.states()) {
            states.add(state);
            state.scopes().forEach(inner -> collect(inner, states));
        }
    }

    private static State innermost(List<State> states, String location) {
        State found = null;
        for (State state : states) {
            String at = state.location();
            boolean holds = location.startsWith(at) && (location.length() == at.length()
                    || location.charAt(at.length()) == '/' || location.charAt(at.length()) == '[');
            if (holds && (found == null || at.length() > found.location().length())) {
                found = state;
            }
        }
        return found;
    }

    /** The JSON pointer of a validator's place; null when it has none (not JSON, no terminal state). */
    static String pointer(String location, State state) {
        if (location == null || !location.startsWith("/")) {
            return null;
        }
        String base = state == null ? "" : state.pointer();
        String rest = state == null ? location : location.substring(state.location().length());
        if (state == null && rest.equals("/")) {
            return "";
        }
        StringBuilder pointer = new StringBuilder(base);
        // the rest is field names and [i]: no state name in it, so "/" and "[" mean what they say
        for (String token : rest.split("/", -1)) {
            if (token.isEmpty()) {
                continue;
            }
            int bracket = token.indexOf('[');
            String field = bracket < 0 ? token : token.substring(0, bracket);
            pointer.append('/').append(DefinitionModel.escape(field));
            while (bracket >= 0) {
                int close = token.indexOf(']', bracket);
                if (close < 0) {
                    break;
                }
                pointer.append('/').append(token, bracket + 1, close);
                bracket = token.indexOf('[', close);
            }
        }
        return pointer.toString();
    }
}
