package io.github.camelasl;

import org.apache.camel.spi.Metadata;

/** The message headers the asl: component reads and writes. */
public final class AslConstants {

    @Metadata(label = "producer", description = "The execution name. Defaults to a generated UUID.",
              javaType = "String")
    public static final String EXECUTION_NAME = "CamelAslExecutionName";

    @Metadata(label = "producer", description = "The execution ARN (set on the reply, and on every Task's request).",
              javaType = "String")
    public static final String EXECUTION_ARN = "CamelAslExecutionArn";

    @Metadata(label = "producer", description = "The execution status: SUCCEEDED, FAILED, TIMED_OUT or ABORTED.",
              javaType = "String")
    public static final String EXECUTION_STATUS = "CamelAslExecutionStatus";

    @Metadata(label = "producer", description = "The ASL error name of a failed execution.", javaType = "String")
    public static final String ERROR = "CamelAslError";

    @Metadata(label = "producer", description = "The cause of a failed execution.", javaType = "String")
    public static final String CAUSE = "CamelAslCause";

    @Metadata(label = "producer", description = "On a Task's request: the name of the Task state.",
              javaType = "String")
    public static final String STATE_NAME = "CamelAslStateName";

    @Metadata(label = "producer", description = "On a Task's request: a key that is the same when the same "
                                                + "state attempt is delivered again.", javaType = "String")
    public static final String IDEMPOTENCY_KEY = "CamelAslIdempotencyKey";

    @Metadata(label = "consumer", description = "On an activity task (from asl:activity:NAME): the task token to "
                                                + "answer with sendTaskSuccess, sendTaskFailure or sendTaskHeartbeat.",
              javaType = "String")
    public static final String TASK_TOKEN = "CamelAslTaskToken";

    @Metadata(label = "producer", description = "On a .sync Task's request after a restart: true when the Task had "
                                                + "already started its job before (the body is then the reply it "
                                                + "gave, TaskSubmitted's output): follow that job, start none.",
              javaType = "Boolean")
    public static final String TASK_RESUMED = "CamelAslTaskResumed";

    /**
     * The object a Task's Parameters (or JSONata Arguments) template writes to set headers on its request, e.g.
     * {@code "Parameters": {"CamelAslHeaders": {"tenant.$": "$.tenant"}, ...}}: its keys, written in the
     * definition, name the headers; their values (paths, intrinsics, JSONata expressions) give the headers' values
     * (text for a scalar, JSON text otherwise); it is taken out of the body. The field is read only where the
     * template writes it as an object: one that comes from data (the state's input passed on, a
     * {@code "CamelAslHeaders.$"} path, which validation refuses, an Arguments that is one expression) stays in the
     * body and sets no header. A header named {@code Camel*} (any case) is refused at deployment
     * (HEADER_NOT_ALLOWED) unless the component's {@code allowedCamelHeaders} option names it. This template is
     * where a Task's headers come from: of the headers the execution was started with, only those the component's
     * {@code forwardedHeaders} option names reach the Task (none by default).
     */
    public static final String HEADERS_FIELD = "CamelAslHeaders";

    private AslConstants() {
    }
}
