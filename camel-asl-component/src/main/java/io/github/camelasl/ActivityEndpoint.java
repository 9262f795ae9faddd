package io.github.camelasl;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import io.github.camelasl.engine.TaskTokens;
import io.github.camelasl.route.TaskMessages;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.service.ServiceHelper;

/**
 * {@code from("asl:activity:NAME")}: a worker of the activity {@code arn:aws:states:REGION:ACCOUNT:activity:NAME}.
 * Each exchange is one activity task: the body is the Task's effective input (JSON text), the
 * {@value AslConstants#TASK_TOKEN} header its token. With {@code autoReply} (the default) the route's end answers
 * the task: its body as SendTaskSuccess's output, or its exception as SendTaskFailure (an AslError's name, else
 * States.TaskFailed); without, the worker answers later with the sendTask* operations, as AWS's workers do. Tasks
 * wait in a queue until a worker takes them (ActivityStarted is recorded then).
 */
public final class ActivityEndpoint extends DefaultEndpoint {

    private final String activityName;
    private boolean autoReply = true;

    ActivityEndpoint(String uri, AslComponent component, String activityName) {
        super(uri, component);
        this.activityName = activityName;
    }

    /** The queue an activity's tasks wait in (shared by the Task that schedules them and the workers). */
    public static String queueUri(String activityName) {
        return "seda:asl-activity-" + activityName + "?waitForTaskToComplete=Never&size=100000";
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("asl:activity:" + activityName + " is where workers take tasks "
                + "(from(\"asl:activity:" + activityName + "\")); a Task state with the activity's ARN schedules them");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Endpoint queue = getCamelContext().getEndpoint(queueUri(activityName));
        TaskTokens tokens = ((AslComponent) getComponent()).taskTokens();
        String workerName = getCamelContext().getName() + "/" + activityName;
        Processor worker = exchange -> {
            String token = exchange.getMessage().getHeader(AslConstants.TASK_TOKEN, String.class);
            tokens.started(token, workerName);
            try {
                processor.process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (autoReply) {
                reply(tokens, token, exchange);
            }
        };
        Consumer fromQueue = queue.createConsumer(worker);
        return new DefaultConsumer(this, processor) {
            @Override
            protected void doStart() throws Exception {
                super.doStart();
                ServiceHelper.startService(fromQueue);
            }

            @Override
            protected void doStop() throws Exception {
                ServiceHelper.stopService(fromQueue);
                super.doStop();
            }
        };
    }

    /** The route's end answers the task, unless the worker answered it already (or it ended meanwhile). */
    private static void reply(TaskTokens tokens, String token, Exchange exchange) {
        try {
            Exception failure = exchange.getException();
            if (failure != null) {
                exchange.setException(null);
                AslError error = failure instanceof AslError aslError ? aslError
                        : new AslError(ErrorNames.TASK_FAILED, String.valueOf(failure.getMessage()));
                tokens.sendFailure(token, error.error(), error.cause());
            } else {
                tokens.sendSuccess(token, TaskMessages.toJson(exchange.getMessage().getBody(), exchange,
                        io.github.camelasl.engine.ExecutionLimits.MAX_PAYLOAD_SIZE_CEILING));
            }
        } catch (AslError e) {
            if (!"TaskDoesNotExist".equals(e.error())) {
                throw e;
            }
        } catch (IllegalArgumentException e) {
            tokens.sendFailure(token, ErrorNames.TASK_FAILED, "the worker's reply is not JSON: " + e.getMessage()
                    + " (" + Json.NODES.textNode(String.valueOf(exchange.getMessage().getBody())) + ")");
        }
    }

    public boolean isAutoReply() {
        return autoReply;
    }

    public void setAutoReply(boolean autoReply) {
        this.autoReply = autoReply;
    }
}
