package io.github.camelasl.aws.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslConstants;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.route.TaskMessages;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Runs one action: the request-response call, or the start of a .sync job (or, resumed, following it again). */
final class JobsProducer extends DefaultProducer {

    private final JobActions.Action action;
    private final Calls calls;

    JobsProducer(JobsEndpoint endpoint, JobActions.Action action) {
        super(endpoint);
        this.action = action;
        this.calls = endpoint.calls(action.service());
    }

    @Override
    public JobsEndpoint getEndpoint() {
        return (JobsEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        JsonNode request = TaskMessages.toJson(exchange.getMessage().getBody());
        JsonNode reply;
        if (getEndpoint().isSync()) {
            String token = exchange.getMessage().getHeader(AslConstants.TASK_TOKEN, String.class);
            boolean resumed = Boolean.TRUE.equals(exchange.getMessage().getHeader(AslConstants.TASK_RESUMED,
                    Boolean.class));
            reply = getEndpoint().getComponent().syncJobs().submit(token, resumed, request,
                    action.sync().apply(calls));
        } else {
            reply = action.call().apply(calls, request);
        }
        exchange.getMessage().setBody(Json.write(reply));
    }
}
