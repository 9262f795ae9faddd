package io.github.camelasl.aws.jobs;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Calls one job service action with the request a Task's effective input describes (AWS's PascalCase parameters)
 * and replies with its response as Step Functions returns it; with {@code sync=true} it starts the job, replies
 * with the start call's response (TaskSubmitted's output) and ends the Task when the job ends.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "asl-aws-jobs", title = "ASL AWS Jobs",
             syntax = "asl-aws-jobs:service/action", producerOnly = true, category = { Category.CLOUD })
public class JobsEndpoint extends DefaultEndpoint {

    @UriPath(description = "The service, as Step Functions' ARN names it: glue, athena, batch, ecs, "
                           + "elasticmapreduce, eks.")
    @Metadata(required = true)
    private String service;
    @UriPath(description = "The action, as the ARN names it: startJobRun, submitJob, runTask, addStep, ...")
    @Metadata(required = true)
    private String action;
    @UriParam(description = "Follow the job until it ends (the .sync form): the Task must hand out its token.")
    private boolean sync;
    @UriParam
    private JobsConfiguration configuration;

    public JobsEndpoint(String uri, JobsComponent component, String service, String action,
            JobsConfiguration configuration) {
        super(uri, component);
        this.service = service;
        this.action = action;
        this.configuration = configuration;
    }

    @Override
    public JobsComponent getComponent() {
        return (JobsComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        JobActions.Action found = JobActions.find(service + ":" + action).orElseThrow(() ->
                new IllegalArgumentException("asl-aws-jobs has no action '" + service + ":" + action + "'; it has "
                        + String.join(", ", JobActions.all().keySet())));
        if (sync && found.sync() == null) {
            throw new IllegalArgumentException("Step Functions has no " + service + ":" + action + ".sync");
        }
        return new JobsProducer(this, found);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("asl-aws-jobs is a producer: Tasks start jobs with it");
    }

    /**
     * The calls to the action's service: through its SDK client, taken on first use (not at deployment), or over its
     * JSON protocol where its SDK module is not used.
     */
    Calls calls(String serviceName) {
        for (JsonProtocolService json : JsonProtocolService.values()) {
            if (json.arnName.equals(serviceName)) {
                return new JsonProtocolCalls(json, configuration);
            }
        }
        JobService jobService = JobService.named(serviceName);
        return new ServiceCalls(jobService, () -> getComponent().clients().client(getCamelContext(), jobService,
                configuration));
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public boolean isSync() {
        return sync;
    }

    public void setSync(boolean sync) {
        this.sync = sync;
    }

    public JobsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(JobsConfiguration configuration) {
        this.configuration = configuration;
    }
}
