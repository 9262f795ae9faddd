package io.github.camelasl.aws.sdk;

import io.github.camelasl.aws.AwsConnectionConfiguration;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * Where the SDK integrations' calls go and as whom: region, endpoint override and keys, each unset one taken the
 * SDK's standard way (AWS_REGION, AWS_ENDPOINT_URL_&lt;SERVICE&gt; then AWS_ENDPOINT_URL, the default credential
 * chain); and how long and how large a reply may be. A client of the service's type bound in the registry replaces
 * them all for that service.
 */
@UriParams
public class AwsSdkConfiguration extends AwsConnectionConfiguration {

    @UriParam(defaultValue = "60s", javaType = "java.time.Duration",
              description = "How long a call may take, its retries included, on the clients the component builds: "
                            + "a service that answers slowly fails the Task (<Service>.SdkClientException) instead "
                            + "of holding it until its TimeoutSeconds.")
    private long apiCallTimeout = 60_000;
    @UriParam(defaultValue = "30s", javaType = "java.time.Duration",
              description = "How long one attempt of a call may take on the clients the component builds.")
    private long apiCallAttemptTimeout = 30_000;
    @UriParam(defaultValue = "16777216",
              description = "The bytes a reply may have on the clients the component builds, counted as it is read "
                            + "and before it is parsed: a larger one fails the Task (<Service>.SdkClientException).")
    private long maxResponseSize = 16L * 1024 * 1024;

    public long getApiCallTimeout() {
        return apiCallTimeout;
    }

    public void setApiCallTimeout(long apiCallTimeout) {
        this.apiCallTimeout = apiCallTimeout;
    }

    public long getApiCallAttemptTimeout() {
        return apiCallAttemptTimeout;
    }

    public void setApiCallAttemptTimeout(long apiCallAttemptTimeout) {
        this.apiCallAttemptTimeout = apiCallAttemptTimeout;
    }

    public long getMaxResponseSize() {
        return maxResponseSize;
    }

    public void setMaxResponseSize(long maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }

    @Override
    public AwsSdkConfiguration copy() {
        return (AwsSdkConfiguration) super.copy();
    }
}
