package io.github.camelasl.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.dataflow.JsonPaths;
import io.github.camelasl.engine.AslError;
import java.util.ArrayList;
import java.util.List;

/** Evaluates a parsed call against the effective input ($), the context object ($$) and the variables. */
final class Evaluator {

    private final String expression;
    private final JsonNode data;
    private final Bindings bindings;

    /** @param expression the call as written, quoted in error causes */
    Evaluator(String expression, JsonNode data, Bindings bindings) {
        this.expression = expression;
        this.data = data;
        this.bindings = bindings;
    }

    JsonNode evaluate(Expr expr) {
        if (expr instanceof Expr.Literal literal) {
            return literal.value();
        }
        if (expr instanceof Expr.Path path) {
            return readPath(path.path());
        }
        if (expr instanceof Expr.Variable variable) {
            return readVariable(variable);
        }
        Expr.Call call = (Expr.Call) expr;
        List<JsonNode> values = new ArrayList<>(call.arguments().size());
        for (Expr argument : call.arguments()) {
            values.add(evaluate(argument));
        }
        return call.function().apply(new Args(call.function(), call.arguments(), values));
    }

    private JsonNode readPath(String path) {
        try {
            return JsonPaths.read(path, data, bindings);
        } catch (JsonPaths.NotFound e) {
            boolean contextPath = JsonPaths.isContextPath(path);
            throw AslError.runtime("The JSONPath '" + path + "' in the intrinsic function call '" + expression
                    + "' could not be found in the " + (contextPath ? "context object '" : "input '")
                    + Json.write(contextPath ? bindings.context() : data) + "'");
        }
    }

    private JsonNode readVariable(Expr.Variable variable) {
        JsonNode value = bindings.variable(variable.name());
        if (value == null) {
            throw AslError.runtime("The variable '$" + variable.name() + "' used in the intrinsic function call '"
                    + expression + "' is not defined");
        }
        if ("$".equals(variable.path())) {
            return value;
        }
        try {
            return JsonPaths.read(variable.path(), value);
        } catch (JsonPaths.NotFound e) {
            throw AslError.runtime("The path '" + variable.path().substring(1) + "' of the variable '$"
                    + variable.name() + "' in the intrinsic function call '" + expression
                    + "' could not be found in its value '" + Json.write(value) + "'");
        }
    }
}
