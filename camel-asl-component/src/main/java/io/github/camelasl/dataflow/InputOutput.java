package io.github.camelasl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.AslError;

/** InputPath and OutputPath: select the part of the data a state reads, and the part it passes on. */
public final class InputOutput {

    private InputOutput() {
    }

    /** Applies InputPath: null gives {}, "$" the whole input. */
    public static JsonNode inputPath(String path, JsonNode input, Bindings bindings) {
        return select(path, input, bindings);
    }

    /** Applies OutputPath: null gives {}, "$" the whole output. */
    public static JsonNode outputPath(String path, JsonNode output, Bindings bindings) {
        return select(path, output, bindings);
    }

    private static JsonNode select(String path, JsonNode data, Bindings bindings) {
        if (path == null) {
            return Json.NODES.objectNode();
        }
        if ("$".equals(path)) {
            return data;
        }
        try {
            return JsonPaths.read(path, data, bindings);
        } catch (JsonPaths.NotFound e) {
            throw AslError.runtime("Invalid path '" + path + "' : " + e.getMessage());
        }
    }

    /**
     * Reads a *Path field's value (SecondsPath, ErrorPath, ...), naming the field when nothing is there.
     */
    public static JsonNode readField(String field, String path, JsonNode data, Bindings bindings) {
        try {
            return JsonPaths.read(path, data, bindings);
        } catch (JsonPaths.NotFound e) {
            throw AslError.runtime("The JSONPath '" + path + "' specified for the field '" + field
                    + "' could not be found in the input '" + Json.write(data) + "'");
        }
    }
}
