package io.github.camelasl.http;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;

/** The HTTP Task's errors, as "Error handling in Step Functions workflows" names them. */
final class HttpErrors {

    /** A call that did not get its response in time, or at all. */
    static final String SOCKET = "States.Http.Socket";
    /** Followed by the status: {@code States.Http.StatusCode.404}. */
    static final String STATUS_CODE = "States.Http.StatusCode.";

    private HttpErrors() {
    }

    /** A status other than 2XX; the cause is the whole response, as the Task's result would have been. */
    static AslError status(HttpReply reply) {
        return new AslError(STATUS_CODE + reply.statusCode(), Json.write(reply.toResult()));
    }
}
