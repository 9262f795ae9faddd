package io.github.camelasl.aws.sdk;

import io.github.camelasl.aws.AwsConnectionConfiguration;
import org.apache.camel.spi.UriParams;

/**
 * Where the SDK integrations' calls go and as whom: region, endpoint override and keys, each unset one taken the
 * SDK's standard way (AWS_REGION, AWS_ENDPOINT_URL_&lt;SERVICE&gt; then AWS_ENDPOINT_URL, the default credential
 * chain). A client of the service's type bound in the registry replaces them all for that service.
 */
@UriParams
public class AwsSdkConfiguration extends AwsConnectionConfiguration {

    @Override
    public AwsSdkConfiguration copy() {
        return (AwsSdkConfiguration) super.copy();
    }
}
