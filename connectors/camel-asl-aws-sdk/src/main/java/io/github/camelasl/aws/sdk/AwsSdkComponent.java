package io.github.camelasl.aws.sdk;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code asl-aws-sdk:SERVICE/ACTION}: what {@code arn:aws:states:::aws-sdk:SERVICE:ACTION} runs, for every service
 * whose AWS SDK for Java v2 module is on the classpath. Its options are the defaults of every endpoint; its
 * clients are shared by the endpoints of a service.
 */
@Component("asl-aws-sdk")
public class AwsSdkComponent extends DefaultComponent {

    @Metadata(description = "The configuration every endpoint starts from.")
    private AwsSdkConfiguration configuration = new AwsSdkConfiguration();

    private final SdkClients clients = new SdkClients();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        int slash = remaining.indexOf('/');
        if (slash <= 0 || slash == remaining.length() - 1 || remaining.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("asl-aws-sdk takes SERVICE/ACTION (secretsmanager/listSecrets), not '"
                    + remaining + "'");
        }
        AwsSdkEndpoint endpoint = new AwsSdkEndpoint(uri, this, remaining.substring(0, slash),
                remaining.substring(slash + 1), configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    SdkClients clients() {
        return clients;
    }

    @Override
    protected void doStop() throws Exception {
        clients.close();
        super.doStop();
    }

    public AwsSdkConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(AwsSdkConfiguration configuration) {
        this.configuration = configuration;
    }
}
