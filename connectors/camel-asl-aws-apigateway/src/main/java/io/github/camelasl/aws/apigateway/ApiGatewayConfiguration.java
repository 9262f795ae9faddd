package io.github.camelasl.aws.apigateway;

import io.github.camelasl.aws.AwsConnectionConfiguration;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * How {@code apigateway:invoke} Tasks call: {@code accessKey}/{@code secretKey} (else the default credential chain)
 * sign IAM_ROLE and RESOURCE_POLICY calls, in the region of the ApiEndpoint ({@code region} when the host does not
 * say); {@code uriEndpointOverride} sends every call to a local or on-prem stand-in instead of
 * {@code https://<ApiEndpoint>} (only this option: the AWS_ENDPOINT_URL variables do not apply to the APIs themselves).
 */
@UriParams
public class ApiGatewayConfiguration extends AwsConnectionConfiguration {

    @UriParam(description = "Comma-separated API hosts (abc123.execute-api.eu-west-1.amazonaws.com: list your "
                            + "API IDs) that Tasks whose ApiEndpoint comes from the data may call, signed with the "
                            + "application's credentials for IAM_ROLE. A '*.' entry allows every host under that "
                            + "domain: *.execute-api.<region>.amazonaws.com is every AWS customer's API in the "
                            + "region, so the data could send a signed request (and session token) to an API "
                            + "someone else owns; use it only for a domain you own.")
    private String allowedEndpoints;
    @UriParam(defaultValue = "true", description = "Whether an ApiEndpoint written in a deployed definition may be "
                                                   + "called without being in allowedEndpoints. Set false when "
                                                   + "definitions come from outside the application.")
    private boolean trustDefinitionEndpoints = true;
    @UriParam(defaultValue = "60", description = "How long a call may take, in seconds.")
    private int timeoutSeconds = 60;
    @UriParam(defaultValue = "262144", description = "The largest response body read, in bytes.")
    private int maxResponseSize = 262144;

    public String getAllowedEndpoints() {
        return allowedEndpoints;
    }

    public void setAllowedEndpoints(String allowedEndpoints) {
        this.allowedEndpoints = allowedEndpoints;
    }

    public boolean isTrustDefinitionEndpoints() {
        return trustDefinitionEndpoints;
    }

    public void setTrustDefinitionEndpoints(boolean trustDefinitionEndpoints) {
        this.trustDefinitionEndpoints = trustDefinitionEndpoints;
    }

    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    public void setTimeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public int getMaxResponseSize() {
        return maxResponseSize;
    }

    public void setMaxResponseSize(int maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }

    /** Whether {@code host} is among the allowed API hosts ({@code *.} allows the hosts under a domain). */
    boolean allows(String host) {
        if (allowedEndpoints == null) {
            return false;
        }
        for (String allowed : allowedEndpoints.split(",")) {
            String pattern = allowed.trim().toLowerCase(java.util.Locale.ROOT);
            if (pattern.isEmpty()) {
                continue;
            }
            if (pattern.startsWith("*.") ? host.endsWith(pattern.substring(1)) : host.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    boolean hasAllowedEndpoints() {
        return allowedEndpoints != null && !allowedEndpoints.isBlank();
    }

    @Override
    public ApiGatewayConfiguration copy() {
        return (ApiGatewayConfiguration) super.copy();
    }
}
