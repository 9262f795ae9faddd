package io.github.camelasl.aws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.Arn;
import io.github.camelasl.aws.TaskRequest;
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
import java.util.regex.Pattern;
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

    /** AWS's function names (1 to 64) and qualifiers: $LATEST, a version or an alias (up to 128). */
    private static final Pattern FUNCTION = Pattern.compile("function:[A-Za-z0-9_-]{1,64}"
            + "(:(\\$LATEST|[A-Za-z0-9_-]{1,128}))?");

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
                return Optional.of(SCHEME + ":" + LambdaIntegration.function + ":" + functionArn(resource, arn));
            }
            if (arn.integrationCalledBack().filter("lambda:invoke"::equals).isPresent()) {
                return Optional.of(SCHEME + ":" + LambdaIntegration.invoke); // .waitForTaskToken too: see Arn
            }
            return Optional.empty();
        }).map(uri -> endpointOptions.isEmpty() ? uri : uri + "?" + query());
    }

    /** The function ARN, whole, when it can go into the endpoint URI and AWS would accept it. */
    private static String functionArn(String resource, Arn arn) {
        UriSafeText.require(resource, null, resource, "run by the Lambda connector");
        if (!FUNCTION.matcher(arn.resource()).matches()) {
            throw new ResourceRefusedException("The resource provided " + resource + " is not recognized. The value "
                    + "is not a valid resource ARN, or the resource is not available in this region. (A Lambda "
                    + "function ARN ends in function:NAME or function:NAME:QUALIFIER; NAME is 1 to 64 letters, "
                    + "digits, - or _; QUALIFIER is $LATEST, a version or an alias of the same characters.)");
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
