package io.github.camelasl.aws.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A service's actions, called with Step Functions' PascalCase JSON and answered the same way. */
interface Calls {

    /** The response of {@code action} with AWS's HTTP metadata, as a Task's result has it. */
    ObjectNode callWithMetadata(String action, JsonNode parameters);

    /** The response of {@code action}, as a {@code .sync} Task's describe output has it (no metadata). */
    ObjectNode call(String action, JsonNode parameters);
}
