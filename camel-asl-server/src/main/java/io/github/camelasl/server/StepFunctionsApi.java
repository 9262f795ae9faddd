package io.github.camelasl.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.teststate.StateTester;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.AsyncCallback;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * AWS's wire protocol for Step Functions: JSON 1.0 over HTTP POST, the action named by
 * {@code X-Amz-Target: AWSStepFunctions.<Action>}, errors as HTTP 400 with {@code {"__type", "message"}}. Dispatches
 * each action to the class that does it. Nothing in a request picks an endpoint or sets a header Camel acts on: the
 * reply carries only the headers set here.
 */
final class StepFunctionsApi extends AsyncProcessorSupport {

    static final String TARGET_PREFIX = "AWSStepFunctions.";
    /** Our own actions, beyond AWS's: {@code X-Amz-Target: CamelAsl.<Action>}. */
    static final String OWN_TARGET_PREFIX = "CamelAsl.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    /**
     * How many TestState requests run at once: an unmocked Task may wait minutes for its Resource, so they run on
     * threads of their own, not the HTTP server's workers, and one more is throttled at once rather than queued.
     */
    static final int MAX_CONCURRENT_TEST_STATES = 8;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StepFunctionsApi.class);

    /** What an action does with its request: its response. */
    @FunctionalInterface
    interface Action {
        JsonNode apply(JsonNode request) throws Exception;
    }

    /**
     * An action whose response comes later (StartSyncExecution's, when the execution ends; TestState's, from a thread
     * of its own): it holds none of the HTTP server's workers while it waits.
     */
    @FunctionalInterface
    interface LaterAction {
        CompletionStage<JsonNode> apply(JsonNode request) throws Exception;
    }

    private final Map<String, Action> actions;
    private final Map<String, LaterAction> laterActions;
    private final Map<String, Action> ownActions;
    private final long maxRequestBytes;
    /** Where TestState runs: made when the route starts, shut down when it stops. */
    private volatile ThreadPoolExecutor testStateRuns;
    /** A permit for each TestState running: given back before its answer goes, so the next caller finds it. */
    private final Semaphore testStateSlots = new Semaphore(MAX_CONCURRENT_TEST_STATES);

    /** @param tester runs TestState: one state of a definition, mocked or calling through the deployer */
    StepFunctionsApi(StateMachineRegistry stateMachines, ExecutionActions executions, ActivityActions activities,
            ResourceTags tags, StateTester tester, long maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
        this.ownActions = Map.of("RestartExecution", executions::restart);
        MapRunActions mapRuns = executions.mapRuns();
        this.actions = Map.ofEntries(
                Map.entry("CreateStateMachine", request -> {
                    // the tags are checked before the state machine is created
                    Map<String, String> given = ResourceTags.read(request, null);
                    JsonNode created = stateMachines.create(request);
                    tags.created(created.get("stateMachineArn").textValue(), given);
                    return created;
                }),
                Map.entry("DescribeStateMachine", stateMachines::describe),
                Map.entry("ListStateMachines", stateMachines::list),
                Map.entry("UpdateStateMachine", stateMachines::update),
                Map.entry("DeleteStateMachine", request -> {
                    JsonNode deleted = stateMachines.delete(request);
                    tags.deleted(request.get("stateMachineArn").textValue());
                    return deleted;
                }),
                Map.entry("ValidateStateMachineDefinition", stateMachines::validate),
                Map.entry("PublishStateMachineVersion", stateMachines.versions()::publish),
                Map.entry("ListStateMachineVersions", stateMachines.versions()::list),
                Map.entry("DeleteStateMachineVersion", stateMachines.versions()::delete),
                Map.entry("CreateStateMachineAlias", stateMachines.versions()::createAlias),
                Map.entry("DescribeStateMachineAlias", stateMachines.versions()::describeAlias),
                Map.entry("UpdateStateMachineAlias", stateMachines.versions()::updateAlias),
                Map.entry("ListStateMachineAliases", stateMachines.versions()::listAliases),
                Map.entry("DeleteStateMachineAlias", stateMachines.versions()::deleteAlias),
                Map.entry("StartExecution", executions::start),
                Map.entry("DescribeExecution", executions::describe),
                Map.entry("ListExecutions", executions::list),
                Map.entry("GetExecutionHistory", executions::history),
                Map.entry("StopExecution", executions::stop),
                Map.entry("RedriveExecution", executions::redrive),
                Map.entry("SendTaskSuccess", executions::sendTaskSuccess),
                Map.entry("SendTaskFailure", executions::sendTaskFailure),
                Map.entry("SendTaskHeartbeat", executions::sendTaskHeartbeat),
                Map.entry("DescribeStateMachineForExecution", executions::describeStateMachineForExecution),
                Map.entry("DescribeMapRun", mapRuns::describe),
                Map.entry("ListMapRuns", mapRuns::list),
                Map.entry("UpdateMapRun", mapRuns::update),
                Map.entry("CreateActivity", activities::create),
                Map.entry("DescribeActivity", activities::describe),
                Map.entry("ListActivities", activities::list),
                Map.entry("DeleteActivity", activities::delete),
                Map.entry("GetActivityTask", activities::getActivityTask),
                Map.entry("TagResource", tags::tagResource),
                Map.entry("UntagResource", tags::untagResource),
                Map.entry("ListTagsForResource", tags::listTagsForResource));
        this.laterActions = Map.of("StartSyncExecution", executions::startSync,
                "TestState", request -> onTestStateThread(() -> tester.test(request)));
    }

    /**
     * Runs one of AWS's actions that answer at once (not StartSyncExecution or TestState) as a request to the route
     * would, for the console's own queries; its response with ISO-8601 dates, or the AslError it answers with.
     */
    JsonNode call(String action, JsonNode request) throws Exception {
        Action found = actions.get(action);
        if (found == null) {
            throw new IllegalArgumentException("not an action that answers at once: " + action);
        }
        return found.apply(request);
    }

    /** Runs {@code test} on a TestState thread; ThrottlingException when all are busy. */
    private CompletionStage<JsonNode> onTestStateThread(java.util.function.Supplier<JsonNode> test) {
        ThreadPoolExecutor runs = testStateRuns;
        if (runs == null) {
            throw new IllegalStateException("TestState runs only once the API's route has started");
        }
        if (!testStateSlots.tryAcquire()) {
            throw new AslError("ThrottlingException", "Rate exceeded: " + MAX_CONCURRENT_TEST_STATES
                    + " TestState requests are running, the most this server runs at once; try again later");
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        try {
            runs.execute(() -> {
                JsonNode response = null;
                Throwable failure = null;
                try {
                    response = test.get();
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    testStateSlots.release();
                }
                if (failure == null) {
                    answer.complete(response);
                } else {
                    answer.completeExceptionally(failure);
                }
            });
        } catch (RejectedExecutionException stopped) {
            testStateSlots.release();
            throw new IllegalStateException("the API's route is stopping", stopped);
        }
        return answer;
    }

    @Override
    protected void doStart() {
        AtomicInteger count = new AtomicInteger();
        // the slots cap what runs; the queue only holds a run whose slot was freed by a thread not yet back
        ThreadPoolExecutor runs = new ThreadPoolExecutor(MAX_CONCURRENT_TEST_STATES, MAX_CONCURRENT_TEST_STATES,
                30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "asl-test-state-run-" + count.incrementAndGet());
                    thread.setDaemon(true); // a TestState waiting on its Resource does not keep the JVM up
                    return thread;
                });
        runs.allowCoreThreadTimeOut(true);
        testStateRuns = runs;
    }

    @Override
    protected void doStop() {
        ThreadPoolExecutor runs = testStateRuns;
        testStateRuns = null;
        if (runs != null) {
            runs.shutdownNow(); // a TestState still running is interrupted: it answers States.TaskFailed
        }
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Message message = exchange.getMessage();
        String target = message.getHeader("X-Amz-Target", String.class);
        long declaredLength = declaredLength(message);
        CompletableFuture<JsonNode> started;
        try {
            if (declaredLength > maxRequestBytes) {
                throw tooLarge(declaredLength);
            }
            started = actionOf(target).apply(request(message)).toCompletableFuture();
        } catch (Exception e) {
            started = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<JsonNode> answer = started;
        if (answer.isDone()) {
            reply(message, target, answer);
            callback.done(true);
            return true;
        }
        answer.whenComplete((response, failure) -> {
            reply(message, target, answer);
            callback.done(false);
        });
        return false;
    }

    private static void reply(Message message, String target, CompletableFuture<JsonNode> answer) {
        int status = 200;
        JsonNode response;
        try {
            response = WireDates.toEpochSeconds(answer.join());
        } catch (CompletionException e) {
            Throwable failure = e.getCause() != null ? e.getCause() : e;
            if (failure instanceof AslError error) {
                status = error.error().equals("RequestEntityTooLarge") ? 413 : 400;
                ObjectNode shaped = error(error.error(), error.cause());
                if (error instanceof ResourceTags.ResourceError resourceError && resourceError.resourceName() != null) {
                    shaped.put("resourceName", resourceError.resourceName());
                }
                response = shaped;
            } else {
                LOG.warn("{} failed unexpectedly", target, failure);
                status = 500;
                response = error("InternalFailure", "The server failed to process the request (see its log)");
            }
        }
        message.removeHeaders("*"); // the request's headers do not go back, nor reach anything Camel does
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        message.setBody(Json.write(response));
    }

    /** The action {@code target} names: AWS's ({@code AWSStepFunctions.<Action>}) or ours ({@code CamelAsl.<Action>}). */
    private LaterAction actionOf(String target) {
        Action action;
        String name;
        if (target != null && target.startsWith(TARGET_PREFIX)) {
            name = target.substring(TARGET_PREFIX.length());
            LaterAction later = laterActions.get(name);
            if (later != null) {
                return later;
            }
            action = actions.get(name);
        } else if (target != null && target.startsWith(OWN_TARGET_PREFIX)) {
            name = target.substring(OWN_TARGET_PREFIX.length());
            action = ownActions.get(name);
        } else {
            throw new AslError("UnknownOperationException", "The X-Amz-Target header must name an action as "
                    + TARGET_PREFIX + "<Action> (or " + OWN_TARGET_PREFIX + "<Action> for this server's own), but "
                    + "was " + (target == null ? "missing" : "'" + target + "'"));
        }
        if (action == null) {
            throw new AslError("UnknownOperationException", "The action " + name + " is not supported by this "
                    + "server (yet)");
        }
        return request -> CompletableFuture.completedFuture(action.apply(request));
    }

    /** The body, bounded: one over the cap is refused (the HTTP server's own limit stops it before it is read). */
    private JsonNode request(Message message) {
        byte[] body = message.getBody(byte[].class);
        if (body == null || body.length == 0) {
            return Json.NODES.objectNode();
        }
        if (body.length > maxRequestBytes) {
            throw tooLarge(body.length);
        }
        JsonNode request;
        try {
            request = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new AslError("SerializationException", "The request body is not JSON: " + e.getOriginalMessage());
        }
        if (!request.isObject()) {
            throw new AslError("SerializationException", "The request body must be a JSON object");
        }
        return request;
    }

    private AslError tooLarge(long length) {
        return new AslError("RequestEntityTooLarge", requestTooLargeMessage(maxRequestBytes)
                + " (this one has " + length + " bytes)");
    }

    static String requestTooLargeMessage(long maxRequestBytes) {
        return "The request body is larger than the server's limit of " + maxRequestBytes + " bytes";
    }

    private static long declaredLength(Message message) {
        String length = message.getHeader("Content-Length", String.class);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static ObjectNode error(String type, String message) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("__type", type);
        out.put("message", message);
        return out;
    }
}
