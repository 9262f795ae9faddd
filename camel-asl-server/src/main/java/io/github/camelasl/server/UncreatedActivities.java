package io.github.camelasl.server;

import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import java.util.function.Predicate;
import org.apache.camel.Endpoint;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.spi.EndpointStrategy;
import org.apache.camel.support.DefaultInterceptSendToEndpoint;

/**
 * As on AWS, an activity Task whose activity was never created (nor deleted since) fails its execution with
 * States.Runtime when it runs, rather than wait in a queue no worker polls. An activity exists when it was created
 * through the API or when in-app workers ({@code from("asl:activity:NAME")}) consume its queue. Wraps each
 * activity queue's endpoint (see ActivityEndpoint#queueUri) as Camel registers it, so the check runs on every
 * send to the queue.
 */
final class UncreatedActivities implements EndpointStrategy {

    /** The normalized URI of an activity's queue: seda://asl-activity-NAME?... */
    private static final String QUEUE_PREFIX = "seda://asl-activity-";

    private final Predicate<String> createdByName;

    UncreatedActivities(Predicate<String> createdByName) {
        this.createdByName = createdByName;
    }

    @Override
    public Endpoint registerEndpoint(String uri, Endpoint endpoint) {
        if (!uri.startsWith(QUEUE_PREFIX) || !(endpoint instanceof SedaEndpoint queue)) {
            return endpoint;
        }
        int options = uri.indexOf('?');
        String name = uri.substring(QUEUE_PREFIX.length(), options < 0 ? uri.length() : options);
        DefaultInterceptSendToEndpoint checked = new DefaultInterceptSendToEndpoint(queue, false);
        checked.setBefore(exchange -> {
            if (!createdByName.test(name) && queue.getConsumers().isEmpty()) {
                throw new AslError(ErrorNames.RUNTIME, "The activity " + name + " does not exist (create it with "
                        + "CreateActivity before a Task runs it)");
            }
        });
        return checked;
    }
}
