package io.github.camelasl.aws.lambda;

import io.github.camelasl.aws.AwsConnectorComponent;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code asl-aws-lambda:} component: Lambda Tasks of ASL state machines, on the real Lambda service (or any
 * endpoint speaking its protocol) through camel-aws2-lambda. {@link LambdaResourceResolver} maps Lambda ARNs to it.
 */
@Component("asl-aws-lambda")
public class LambdaComponent extends DefaultComponent implements AwsConnectorComponent {

    @Metadata(description = "The connection options endpoints inherit (each can be set on an endpoint too).")
    private LambdaConfiguration configuration = new LambdaConfiguration();
    @Metadata(label = "advanced", defaultValue = "100",
              description = "How many invocations may wait on Lambda at once; more queue. Also the size of the "
                            + "connection pool of the clients the component builds.")
    private int maxConcurrentInvocations = 100;

    private LambdaClients clients;
    private ExecutorService invocations;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        LambdaEndpoint endpoint = new LambdaEndpoint(uri, this, configuration.copy());
        // integration[:function], the function being a name or an ARN (which has colons of its own)
        int colon = remaining.indexOf(':');
        String integration = colon < 0 ? remaining : remaining.substring(0, colon);
        try {
            endpoint.setIntegration(LambdaIntegration.valueOf(integration));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(uri + ": unknown integration '" + integration + "' (function or invoke)");
        }
        if (colon >= 0) {
            endpoint.setFunction(remaining.substring(colon + 1));
        }
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (invocations != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(invocations);
            invocations = null;
        }
        if (clients != null) {
            clients.close();
            clients = null;
        }
        super.doStop();
    }

    // made on first use: the asl: component builds its routes (and so these endpoints and producers) while the
    // CamelContext is still initializing, before components are started

    synchronized LambdaClients clients() {
        if (clients == null) {
            clients = new LambdaClients(maxConcurrentInvocations);
        }
        return clients;
    }

    synchronized ExecutorService invocations() {
        if (invocations == null) {
            invocations = getCamelContext().getExecutorServiceManager()
                    .newFixedThreadPool(this, "asl-aws-lambda", maxConcurrentInvocations);
        }
        return invocations;
    }

    public LambdaConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(LambdaConfiguration configuration) {
        this.configuration = configuration;
    }

    public int getMaxConcurrentInvocations() {
        return maxConcurrentInvocations;
    }

    public void setMaxConcurrentInvocations(int maxConcurrentInvocations) {
        this.maxConcurrentInvocations = maxConcurrentInvocations;
    }
}
