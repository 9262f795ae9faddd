package io.github.camelasl.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The parsed form of an intrinsic function call: a call whose arguments are literals, paths or nested calls. */
sealed interface Expr {

    /**
     * A literal argument: a string, number, boolean or null.
     *
     * @param rawText for a string literal, the text between the quotes with its escapes still in place; States.Format
     *                needs it to tell an escaped {@code \{\}} from a placeholder. Null for other literals.
     */
    record Literal(JsonNode value, String rawText) implements Expr {
    }

    /** A JSONPath argument: {@code $...} reads the effective input, {@code $$...} the context object. */
    record Path(String path) implements Expr {
    }

    /** A variable reference {@code $name} or {@code $name.field[0]}; {@code path} is the rest as a {@code $} path. */
    record Variable(String name, String path) implements Expr {
    }

    /** A call of one of the States.* functions. */
    record Call(StatesFunction function, List<Expr> arguments) implements Expr {
    }
}
