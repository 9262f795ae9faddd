package io.github.camelasl.aws;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the region, endpoint and credentials of an AWS call come from, the standard way: {@code AWS_REGION}
 * (or the aws.region system property), {@code AWS_ENDPOINT_URL_<SERVICE>} then {@code AWS_ENDPOINT_URL}, and the
 * SDK's default credential chain. The connectors turn this into camel-aws2-* endpoint options; options set on
 * a connector override it.
 */
public final class AwsEnvironment {

    private final Function<String, String> env;

    public AwsEnvironment(Function<String, String> env) {
        this.env = env;
    }

    /** The process environment, with the matching Java system properties taking precedence. */
    public static AwsEnvironment system() {
        return new AwsEnvironment(name -> {
            String property = System.getProperty(name);
            return property != null ? property : System.getenv(name);
        });
    }

    public String region(String fallback) {
        String region = env.apply("AWS_REGION");
        if (region == null) {
            region = env.apply("AWS_DEFAULT_REGION");
        }
        return region != null ? region : fallback;
    }

    /** The endpoint for {@code service} (e.g. "SQS", "S3", "LAMBDA", "SNS"), or null for AWS's own. */
    public String endpoint(String service) {
        String specific = env.apply("AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT).replace('-', '_'));
        return specific != null ? specific : env.apply("AWS_ENDPOINT_URL");
    }

    /**
     * camel-aws2-* endpoint options for {@code service}: region, endpoint override when one is configured, and
     * the default credential chain (which reads AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profiles, roles).
     */
    public Map<String, String> camelOptions(String service, String region) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("region", region(region));
        String endpoint = endpoint(service);
        if (endpoint != null) {
            options.put("overrideEndpoint", "true");
            options.put("uriEndpointOverride", endpoint);
        }
        options.put("useDefaultCredentialsProvider", "true");
        return options;
    }
}
