package io.github.camelasl.aws.lambda;

import io.github.camelasl.aws.AwsConnectionConfiguration;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Where Lambda is and who calls it. Anything left unset comes from the environment, the standard AWS way (see
 * {@link io.github.camelasl.aws.AwsEnvironment}).
 */
@UriParams
public class LambdaConfiguration extends AwsConnectionConfiguration {

    @UriParam(label = "advanced", description = "The Lambda client to call Lambda with. One in the registry is used "
                                                + "when it is the only one; otherwise a client is built from the "
                                                + "other options.")
    @Metadata(autowired = true)
    private LambdaClient lambdaClient;

    public LambdaClient getLambdaClient() {
        return lambdaClient;
    }

    public void setLambdaClient(LambdaClient lambdaClient) {
        this.lambdaClient = lambdaClient;
    }

    @Override
    public LambdaConfiguration copy() {
        return (LambdaConfiguration) super.copy();
    }
}
