package io.github.camelasl.server.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;

/** A console request refused: its HTTP status and the error in AWS's shape ({@code {"__type", "message"}}). */
final class ConsoleError extends RuntimeException {

    final int status;
    final String type;

    ConsoleError(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    static ConsoleError validation(String message) {
        return new ConsoleError(400, "ValidationException", message);
    }

    static ConsoleError notFound(String message) {
        return new ConsoleError(404, "ResourceNotFound", message);
    }

    ObjectNode toJson() {
        return shape(type, getMessage());
    }

    static ObjectNode shape(String type, String message) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("__type", type);
        out.put("message", message);
        return out;
    }
}
