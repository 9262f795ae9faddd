package io.github.camelasl.aws;

import org.apache.camel.Component;
import org.apache.camel.support.DefaultEndpoint;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * An endpoint calling one AWS service with one SDK client: the client bound in its configuration (used as is, and
 * left open), or one it builds from its options and the environment when it starts (and closes when it stops).
 *
 * @param <C> the SDK client
 */
public abstract class AwsClientEndpoint<C extends SdkAutoCloseable> extends DefaultEndpoint {

    private C client;
    private boolean ownsClient;

    protected AwsClientEndpoint(String uri, Component component) {
        super(uri, component);
    }

    /** The client set on the configuration (bound in the registry), or null. */
    protected abstract C configuredClient();

    /** A client built from the options, the environment filling what they leave unset. */
    protected abstract C createClient(AwsEnvironment environment);

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        C configured = configuredClient();
        ownsClient = configured == null;
        client = ownsClient ? createClient(AwsEnvironment.system()) : configured;
    }

    @Override
    protected void doStop() throws Exception {
        if (ownsClient && client != null) {
            client.close();
        }
        client = null;
        super.doStop();
    }

    /** The client, while the endpoint is started. */
    public C client() {
        return client;
    }
}
