package io.github.camelasl.nested;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.AslConstants;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.DeployedStateMachines;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.engine.TaskCompletions;
import io.github.camelasl.engine.TaskTokens;
import io.github.camelasl.resource.ResourceResolver;
import io.github.camelasl.store.ExecutionRecord;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Runs one Step Functions action on the state machines and executions of this CamelContext (see
 * {@link NestedEndpoint}); results and errors in AWS's shapes for the integration (optimized: AWS SDK v1 members
 * and metadata; aws-sdk: v2). What names no machine, execution or task token here goes to the connector on the
 * classpath that calls AWS for the same Resource (the aws-sdk bridge, with the sfn SDK module), when there is one;
 * else it fails as AWS would for an unknown one.
 */
final class NestedProducer extends DefaultAsyncProducer {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NestedProducer.class);
    /** This engine's task tokens (see TaskTokens#newToken): another text is not a token at all, for AWS. */
    private static final Pattern OUR_TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final boolean sdk;
    /** The API action: startExecution, sendTaskFailure, ... */
    private final String apiAction;
    private final boolean sync;
    private final boolean sync2;
    /** The Resource this endpoint serves, regionless, to find the connector that calls AWS instead. */
    private final String resource;
    private volatile Optional<AsyncProducer> onAws;

    NestedProducer(NestedEndpoint endpoint, String action) {
        super(endpoint);
        this.sdk = action.startsWith("sdk.");
        String rest = sdk ? action.substring(4) : action;
        this.sync = rest.endsWith(".sync") || rest.endsWith(".sync2");
        this.sync2 = rest.endsWith(".sync2");
        int dot = rest.indexOf('.');
        this.apiAction = dot < 0 ? rest : rest.substring(0, dot);
        String suffix = dot < 0 ? "" : rest.substring(dot).replace(".sync2", ".sync:2");
        this.resource = "arn:aws:states:::" + (sdk ? "aws-sdk:sfn:" : "states:") + apiAction + suffix;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            JsonNode request = request(exchange);
            return switch (apiAction) {
                case "startExecution" -> startExecution(exchange, request, callback);
                case "startSyncExecution" -> startSyncExecution(exchange, request, callback);
                case "describeExecution" -> describeExecution(exchange, request, callback);
                case "stopExecution" -> stopExecution(exchange, request, callback);
                default -> answerTask(exchange, request, callback);
            };
        } catch (AslError e) {
            exchange.setException(e);
        } catch (RuntimeException e) {
            exchange.setException(new AslError("States.Runtime", "Calling Step Functions (" + resource + ") failed: "
                    + e.getMessage()));
        }
        callback.done(true);
        return true;
    }

    private boolean startExecution(Exchange exchange, JsonNode request, AsyncCallback callback) {
        String token = exchange.getMessage().getHeader(AslConstants.TASK_TOKEN, String.class);
        if (sync && token == null) {
            throw new AslError("States.Runtime", resource + " is run by a .sync Task, which hands out its task token: "
                    + "this call came without one");
        }
        if (sync && Boolean.TRUE.equals(exchange.getMessage().getHeader(AslConstants.TASK_RESUMED, Boolean.class))) {
            // resumed after a restart: follow the child the Task started (the body is its StartExecution answer)
            ChildExecutions.of(exchange.getContext()).follow(request.path("ExecutionArn").asText(), token, sync2, null);
            return reply(exchange, Json.NODES.objectNode(), callback);
        }
        String machineArn = text(request, "StateMachineArn");
        StateMachineRuntime runtime = machine(exchange, machineArn).orElse(null);
        if (runtime == null) {
            return elsewhere(exchange, callback, () -> SfnErrors.of(sdk, "StateMachineDoesNotExist",
                    "State Machine Does Not Exist: '" + machineArn + "'"), "state machine " + machineArn);
        }
        // listening before the child starts: it may answer the Task's token at once
        ChildExecutions.Follower follower = sync ? ChildExecutions.of(exchange.getContext()).follower(token, sync2)
                : null;
        StateMachineRuntime.Started started = start(exchange, runtime, request);
        if (follower != null) {
            follower.follow(started.executionArn(), started.completion());
        }
        ObjectNode out = Json.NODES.objectNode();
        out.put("ExecutionArn", started.executionArn());
        ChildExecutions.date(out, "StartDate", started.startDate(), !sdk);
        if (!sdk) {
            metadata(out, "{\"executionArn\":\"" + started.executionArn() + "\",\"startDate\":"
                    + started.startDate().toEpochMilli() / 1000.0 + "}");
        }
        return reply(exchange, out, callback);
    }

    /** StartSyncExecution: an EXPRESS child, answered when it ends. */
    private boolean startSyncExecution(Exchange exchange, JsonNode request, AsyncCallback callback) {
        String machineArn = text(request, "StateMachineArn");
        StateMachineRuntime runtime = machine(exchange, machineArn).orElse(null);
        if (runtime == null) {
            return elsewhere(exchange, callback, () -> SfnErrors.of(sdk, "StateMachineDoesNotExist",
                    "State Machine Does Not Exist: '" + machineArn + "'"), "state machine " + machineArn);
        }
        if (!runtime.config().express()) {
            throw SfnErrors.of(sdk, "StateMachineTypeNotSupported", "This operation is not supported by this type "
                    + "of state machine");
        }
        JsonNode input = childInput(request);
        StateMachineRuntime.Started started = start(exchange, runtime, request);
        started.completion().whenComplete((result, failure) -> {
            if (failure != null) {
                exchange.setException(new AslError("States.Runtime", "Execution " + started.executionArn()
                        + " did not end: " + failure.getMessage()));
            } else {
                exchange.getMessage().setBody(Json.write(syncResult(runtime, result, input)));
            }
            callback.done(false);
        });
        return false;
    }

    private static ObjectNode syncResult(StateMachineRuntime runtime, ExecutionResult result, JsonNode input) {
        ObjectNode out = Json.NODES.objectNode();
        if (result.cause() != null) {
            out.put("Cause", result.cause());
        }
        if (result.error() != null) {
            out.put("Error", result.error());
        }
        out.put("ExecutionArn", result.executionArn());
        out.put("Input", Json.write(input));
        out.putObject("InputDetails").put("Included", true);
        out.put("Name", result.name());
        if (result.output() != null) {
            out.put("Output", Json.write(result.output()));
            out.putObject("OutputDetails").put("Included", true);
        }
        ChildExecutions.date(out, "StartDate", result.startDate(), false);
        out.put("StateMachineArn", runtime.config().stateMachineArn());
        out.put("Status", result.status().name());
        ChildExecutions.date(out, "StopDate", result.stopDate(), false);
        return out;
    }

    private boolean describeExecution(Exchange exchange, JsonNode request, AsyncCallback callback) {
        String executionArn = text(request, "ExecutionArn");
        ExecutionRecord record = DeployedStateMachines.of(exchange.getContext()).forExecution(executionArn)
                .flatMap(runtime -> runtime.store().find(executionArn)).orElse(null);
        if (record == null) {
            return elsewhere(exchange, callback, () -> SfnErrors.of(sdk, "ExecutionDoesNotExist",
                    "Execution Does Not Exist: '" + executionArn + "'"), "execution " + executionArn);
        }
        return reply(exchange, ChildExecutions.describe(record, false, false), callback);
    }

    private boolean stopExecution(Exchange exchange, JsonNode request, AsyncCallback callback) {
        String executionArn = text(request, "ExecutionArn");
        StateMachineRuntime runtime = DeployedStateMachines.of(exchange.getContext()).forExecution(executionArn)
                .orElse(null);
        if (runtime == null) {
            return elsewhere(exchange, callback, () -> SfnErrors.of(sdk, "ExecutionDoesNotExist",
                    "Execution Does Not Exist: '" + executionArn + "'"), "execution " + executionArn);
        }
        java.time.Instant stopped;
        try {
            stopped = runtime.stop(executionArn, text(request, "Error"), text(request, "Cause"));
        } catch (AslError e) {
            throw SfnErrors.translate(sdk, e);
        }
        ObjectNode out = Json.NODES.objectNode();
        ChildExecutions.date(out, "StopDate", stopped, false);
        return reply(exchange, out, callback);
    }

    /** SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat: to a Task of this context waiting on the token. */
    private boolean answerTask(Exchange exchange, JsonNode request, AsyncCallback callback) {
        String token = text(request, "TaskToken");
        TaskTokens tokens = TaskCompletions.of(exchange.getContext()).holding(token);
        if (tokens == null) {
            return elsewhere(exchange, callback, () -> token == null || !OUR_TOKEN.matcher(token).matches()
                    ? SfnErrors.of(sdk, "InvalidToken", "Invalid Token: 'Invalid token'")
                    : SfnErrors.of(sdk, "TaskDoesNotExist", "Task Does Not Exist"), "task token");
        }
        try {
            switch (apiAction) {
                case "sendTaskSuccess" -> tokens.sendSuccess(token, taskOutput(request));
                case "sendTaskFailure" -> tokens.sendFailure(token, text(request, "Error"), text(request, "Cause"));
                default -> tokens.sendHeartbeat(token);
            }
        } catch (AslError e) {
            throw SfnErrors.translate(sdk, e);
        }
        return reply(exchange, Json.NODES.objectNode(), callback);
    }

    private JsonNode taskOutput(JsonNode request) {
        String output = text(request, "Output");
        if (output == null) {
            throw SfnErrors.of(sdk, "ValidationException", "1 validation error detected: Value null at 'output' "
                    + "failed to satisfy constraint: Member must not be null");
        }
        try {
            return Json.parse(output);
        } catch (JsonProcessingException e) {
            throw SfnErrors.of(sdk, "InvalidOutput", "Invalid Output: " + e.getOriginalMessage());
        }
    }

    private StateMachineRuntime.Started start(Exchange exchange, StateMachineRuntime runtime, JsonNode request) {
        String parent = exchange.getMessage().getHeader(AslConstants.EXECUTION_ARN, String.class);
        try {
            return ChildExecutions.of(exchange.getContext()).start(runtime, parent, childInput(request),
                    text(request, "Name"));
        } catch (AslError e) {
            throw SfnErrors.translate(sdk, e);
        }
    }

    /** The child's input: none or null is {}, JSON text is parsed, anything else is taken as it is (as AWS does). */
    private JsonNode childInput(JsonNode request) {
        JsonNode input = request.get("Input");
        if (input == null || input.isNull()) {
            return Json.NODES.objectNode();
        }
        if (!input.isTextual()) {
            return input;
        }
        try {
            return Json.parse(input.textValue());
        } catch (JsonProcessingException e) {
            throw SfnErrors.of(sdk, "InvalidExecutionInput", "Invalid State Machine Execution Input: '"
                    + e.getOriginalMessage() + "'");
        }
    }

    private static Optional<StateMachineRuntime> machine(Exchange exchange, String machineArn) {
        return DeployedStateMachines.of(exchange.getContext()).find(machineArn);
    }

    /**
     * What names nothing here: to the connector that calls AWS for this Resource, when the classpath has one; else
     * the error AWS gives for it (the log says how to run it here).
     */
    private boolean elsewhere(Exchange exchange, AsyncCallback callback,
            java.util.function.Supplier<AslError> notFound, String what) {
        AsyncProducer aws = onAws(exchange);
        if (aws != null) {
            return aws.process(exchange, callback);
        }
        LOG.warn("{} names a {} not deployed in this application, and no connector calls AWS for it: deploy that "
                + "state machine here (an asl: endpoint), or add io.github.camelasl:camel-asl-aws-sdk and "
                + "software.amazon.awssdk:sfn to reach AWS's", resource, what);
        throw notFound.get();
    }

    /** The connector on the classpath that serves {@link #resource} (calling AWS), made once; null for none. */
    private AsyncProducer onAws(Exchange exchange) {
        Optional<AsyncProducer> found = onAws;
        if (found == null) {
            synchronized (this) {
                if (onAws == null) {
                    onAws = connectorUri(exchange).map(uri -> {
                        try {
                            AsyncProducer producer = exchange.getContext().getEndpoint(uri).createAsyncProducer();
                            ServiceHelper.startService(producer);
                            return producer;
                        } catch (Exception e) {
                            throw new AslError("States.Runtime", "The connector for " + resource + " (" + uri
                                    + ") cannot be used: " + e.getMessage());
                        }
                    });
                }
                found = onAws;
            }
        }
        return found.orElse(null);
    }

    private Optional<String> connectorUri(Exchange exchange) {
        for (ResourceResolver connector : ServiceLoader.load(ResourceResolver.class,
                NestedProducer.class.getClassLoader())) {
            Optional<String> uri = connector.resolve(resource, exchange.getContext());
            if (uri.isPresent()) {
                return uri;
            }
        }
        return Optional.empty();
    }

    @Override
    protected void doStop() throws Exception {
        Optional<AsyncProducer> found = onAws;
        if (found != null) {
            found.ifPresent(ServiceHelper::stopService);
        }
        super.doStop();
    }

    /** The v1 SDK's response metadata, as the optimized integration adds it: AWS's JSON 1.0 answer {@code body}. */
    private static void metadata(ObjectNode out, String body) {
        String requestId = UUID.randomUUID().toString();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        String length = Integer.toString(body.getBytes(StandardCharsets.UTF_8).length);
        ObjectNode http = out.putObject("SdkHttpMetadata");
        ObjectNode all = http.putObject("AllHttpHeaders");
        ObjectNode single = http.putObject("HttpHeaders");
        String[][] headers = {{"x-amzn-RequestId", requestId}, {"connection", "keep-alive"},
            {"Content-Length", length}, {"Date", date}, {"Content-Type", "application/x-amz-json-1.0"}};
        for (String[] header : headers) {
            ArrayNode values = all.putArray(header[0]);
            values.add(header[1]);
            single.put(header[0], header[1]);
        }
        http.put("HttpStatusCode", 200);
        out.putObject("SdkResponseMetadata").put("RequestId", requestId);
    }

    private static boolean reply(Exchange exchange, JsonNode out, AsyncCallback callback) {
        exchange.getMessage().setBody(Json.write(out));
        callback.done(true);
        return true;
    }

    private JsonNode request(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        try {
            JsonNode request = body == null ? Json.NODES.objectNode() : Json.parse(body);
            if (!request.isObject()) {
                throw SfnErrors.of(sdk, "ValidationException", "The request must be a JSON object of the "
                        + apiAction + " API's members");
            }
            return request;
        } catch (JsonProcessingException e) {
            throw new AslError("States.Runtime", "The request to " + resource + " is not JSON: "
                    + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
