package io.github.camelasl.aws;

import org.apache.camel.Component;
import org.apache.camel.support.DefaultEndpoint;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * An endpoint calling one AWS service with one SDK client: the client bound in its configuration (used as is, and
 * left open), or one it builds from its options and the environment on its first call (and closes when it stops).
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
    protected synchronized void doStop() throws Exception {
        if (ownsClient && client != null) {
            client.close();
        }
        client = null;
        super.doStop();
    }

    /**
     * The client, built on the first call rather than when the endpoint starts: a definition deploys (and a mocked
     * Task runs) without a region or credentials, which only a real call needs.
     */
    public synchronized C client() {
        if (client == null) {
            C configured = configuredClient();
            ownsClient = configured == null;
            client = ownsClient ? createClient(AwsEnvironment.system()) : configured;
        }
        return client;
    }
}
