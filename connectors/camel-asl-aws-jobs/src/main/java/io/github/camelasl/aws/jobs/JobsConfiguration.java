package io.github.camelasl.aws.jobs;

import io.github.camelasl.aws.AwsConnectionConfiguration;
import org.apache.camel.spi.UriParams;

/**
 * Where the job services' calls go and as whom. Unset values come from the environment, the standard AWS way
 * ({@link io.github.camelasl.aws.AwsEnvironment}, {@code AWS_ENDPOINT_URL_GLUE} and the like); a client of the
 * service's type in the registry ({@code GlueClient}, {@code BatchClient}, ...) replaces them all for that service.
 */
@UriParams
public class JobsConfiguration extends AwsConnectionConfiguration {

    @Override
    public JobsConfiguration copy() {
        return (JobsConfiguration) super.copy();
    }
}
