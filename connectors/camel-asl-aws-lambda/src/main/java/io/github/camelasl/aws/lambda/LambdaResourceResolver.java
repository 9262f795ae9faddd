package io.github.camelasl.aws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.Arn;
import io.github.camelasl.aws.TaskRequest;
import io.github.camelasl.resource.AwsArns;
import io.github.camelasl.resource.ResourceProblem;
import io.github.camelasl.resource.ResourceRefusedException;
import io.github.camelasl.resource.ResourceResolver;
import io.github.camelasl.resource.UriSafeText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;

/**
 * Maps Lambda Resources to {@code asl-aws-lambda:} endpoints: {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}
 * to {@code asl-aws-lambda:function:<the ARN>} and {@code arn:aws:states:::lambda:invoke} to
 * {@code asl-aws-lambda:invoke}. A function ARN that would change the endpoint URI ({@link UriSafeText}) or that
 * AWS would refuse (a name or qualifier outside AWS's characters) is refused at deployment. Found through
 * ServiceLoader when this module is on the classpath; put one built with endpoint options (region,
 * uriEndpointOverride, accessKey, secretKey) in the registry to point Tasks elsewhere.
 */
public final class LambdaResourceResolver implements ResourceResolver {

    static final String SCHEME = "asl-aws-lambda";

    private final Map<String, String> endpointOptions;

    /** The ServiceLoader's: the component's options and the environment decide where Lambda is. */
    public LambdaResourceResolver() {
        this(Map.of());
    }

    /** Adds {@code endpointOptions} to every endpoint URI it gives. */
    public LambdaResourceResolver(Map<String, String> endpointOptions) {
        this.endpointOptions = new LinkedHashMap<>(endpointOptions);
    }

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        return Arn.parse(resource).flatMap(arn -> {
            if ("lambda".equals(arn.service()) && arn.resource().startsWith("function:")) {
                return Optional.of(SCHEME + ":" + LambdaIntegration.function + ":" + functionArn(resource));
            }
            if (arn.integrationCalledBack().filter("lambda:invoke"::equals).isPresent()) {
                return Optional.of(SCHEME + ":" + LambdaIntegration.invoke); // .waitForTaskToken too: see Arn
            }
            return Optional.empty();
        }).map(uri -> endpointOptions.isEmpty() ? uri : uri + "?" + query());
    }

    /** The function ARN, whole, when it can go into the endpoint URI and AWS would accept it. */
    private static String functionArn(String resource) {
        UriSafeText.require(resource, null, resource, "run by the Lambda connector");
        if (!AwsArns.isLambdaFunction(resource)) {
            throw new ResourceRefusedException("The resource provided " + resource + " is not recognized. The value "
                    + "is not a valid resource ARN, or the resource is not available in this region. (A Lambda "
                    + "function ARN is arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]; REGION is an "
                    + "AWS region such as us-east-1, ACCOUNT 12 digits, NAME 1 to 64 letters, digits, - or _; "
                    + "QUALIFIER is $LATEST, a version or an alias of the same characters.)");
        }
        return resource;
    }

    /** {@code lambda:invoke} needs the FunctionName; a function ARN names the function itself. */
    @Override
    public List<ResourceProblem> check(String resource, JsonNode taskState) {
        boolean invoke = Arn.parse(resource).flatMap(Arn::integrationCalledBack).filter("lambda:invoke"::equals)
                .isPresent();
        return invoke ? TaskRequest.of(taskState).require("FunctionName") : List.of();
    }

    private String query() {
        return endpointOptions.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
