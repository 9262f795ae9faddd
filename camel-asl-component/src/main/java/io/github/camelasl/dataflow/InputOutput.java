package io.github.camelasl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.AslError;

/** InputPath and OutputPath: select the part of the data a state reads, and the part it passes on. */
public final class InputOutput {

    private InputOutput() {
    }

    /** Applies InputPath: null gives {}, "$" the whole input. */
    public static JsonNode inputPath(String path, JsonNode input, JsonNode context) {
        return select(path, input, context);
    }

    /** Applies OutputPath: null gives {}, "$" the whole output. */
    public static JsonNode outputPath(String path, JsonNode output, JsonNode context) {
        return select(path, output, context);
    }

    private static JsonNode select(String path, JsonNode data, JsonNode context) {
        if (path == null) {
            return Json.NODES.objectNode();
        }
        if ("$".equals(path)) {
            return data;
        }
        try {
            return JsonPaths.read(path, data, context);
        } catch (JsonPaths.NotFound e) {
            throw AslError.runtime("Invalid path '" + path + "' : " + e.getMessage());
        }
    }

    /**
     * Reads a *Path field's value (SecondsPath, ErrorPath, ...), naming the field when nothing is there.
     */
    public static JsonNode readField(String field, String path, JsonNode data, JsonNode context) {
        try {
            return JsonPaths.read(path, data, context);
        } catch (JsonPaths.NotFound e) {
            throw AslError.runtime("The JSONPath '" + path + "' specified for the field '" + field
                    + "' could not be found in the input '" + Json.write(data) + "'");
        }
    }
}
