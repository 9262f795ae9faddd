package io.github.camelasl.aws.jobs;

import io.github.camelasl.aws.AwsConnectorComponent;
import io.github.camelasl.aws.sync.PollSchedule;
import io.github.camelasl.aws.sync.SyncJobs;
import io.github.camelasl.engine.TaskCompletions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code asl-aws-jobs:SERVICE/ACTION}: what {@code arn:aws:states:::glue:startJobRun} and the other job services'
 * optimized integrations run ({@link JobActions}); {@code sync=true} for their {@code .sync} form, which follows the
 * job on the component's scheduler until it ends. Its options are the defaults of every endpoint.
 */
@Component("asl-aws-jobs")
public class JobsComponent extends DefaultComponent implements AwsConnectorComponent {

    @Metadata(description = "The configuration every endpoint starts from.")
    private JobsConfiguration configuration = new JobsConfiguration();
    @Metadata(label = "advanced", defaultValue = "1000",
              description = "Milliseconds before a .sync job is first described.")
    private long pollInitialDelay = 1000;
    @Metadata(label = "advanced", defaultValue = "2",
              description = "Each wait between two descriptions of a .sync job is this many times the last.")
    private double pollMultiplier = 2;
    @Metadata(label = "advanced", defaultValue = "30000",
              description = "The longest wait, in milliseconds, between two descriptions of a .sync job.")
    private long pollMaxDelay = 30000;

    private final JobsClients clients = new JobsClients();
    private ScheduledExecutorService scheduler;
    private SyncJobs syncJobs;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        int slash = remaining.indexOf('/');
        if (slash <= 0 || remaining.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("asl-aws-jobs takes SERVICE/ACTION (glue/startJobRun), not '"
                    + remaining + "'");
        }
        JobsEndpoint endpoint = new JobsEndpoint(uri, this, remaining.substring(0, slash),
                remaining.substring(slash + 1), configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        PollSchedule schedule = new PollSchedule(Duration.ofMillis(pollInitialDelay), pollMultiplier,
                Duration.ofMillis(pollMaxDelay));
        scheduler = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                "asl-aws-jobs");
        syncJobs = new SyncJobs(TaskCompletions.of(getCamelContext()), scheduler, schedule);
    }

    @Override
    protected void doStop() throws Exception {
        if (syncJobs != null) {
            syncJobs.close();
        }
        if (scheduler != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(scheduler);
        }
        clients.close();
        super.doStop();
    }

    JobsClients clients() {
        return clients;
    }

    /** The .sync jobs followed now. */
    public SyncJobs syncJobs() {
        return syncJobs;
    }

    public JobsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(JobsConfiguration configuration) {
        this.configuration = configuration;
    }

    public long getPollInitialDelay() {
        return pollInitialDelay;
    }

    public void setPollInitialDelay(long pollInitialDelay) {
        this.pollInitialDelay = pollInitialDelay;
    }

    public double getPollMultiplier() {
        return pollMultiplier;
    }

    public void setPollMultiplier(double pollMultiplier) {
        this.pollMultiplier = pollMultiplier;
    }

    public long getPollMaxDelay() {
        return pollMaxDelay;
    }

    public void setPollMaxDelay(long pollMaxDelay) {
        this.pollMaxDelay = pollMaxDelay;
    }
}
