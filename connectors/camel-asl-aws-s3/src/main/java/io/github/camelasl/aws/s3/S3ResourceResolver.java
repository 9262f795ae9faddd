package io.github.camelasl.aws.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.Arn;
import io.github.camelasl.aws.TaskRequest;
import io.github.camelasl.resource.ResourceProblem;
import io.github.camelasl.resource.ResourceResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelContext;

/**
 * {@code arn:aws:states:::aws-sdk:s3:ACTION} (any partition) runs on {@code asl-aws-s3:ACTION} for the actions
 * the connector has, also as {@code .waitForTaskToken} (the engine hands out the token and waits); other actions
 * resolve to nothing, so validation reports the Resource as unsupported. A Map's ItemReader names {@code arn:aws:states:::s3:getObject} or
 * {@code s3:listObjectsV2}: the same calls, which AWS offers only there, so a Task naming them is refused. A
 * Distributed Map's ResultWriter names {@code arn:aws:states:::s3:putObject}: a putObject of the text the engine
 * gives (action {@code writeObject}).
 */
public final class S3ResourceResolver implements ResourceResolver {

    private static final String PREFIX = "aws-sdk:s3:";

    /**
     * The optimized integrations a Map's ItemReader names (the same S3 calls as the SDK integration's) and the one its
     * ResultWriter names, by the connector action that runs them.
     */
    private static final Map<String, String> MAP_INTEGRATIONS = Map.of("s3:getObject", "getObject",
            "s3:listObjectsV2", "listObjectsV2", "s3:putObject", S3Actions.WRITE_OBJECT);

    /** The parameters S3's API requires, by action (copyObject's source is checked on its own). */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "getObject", List.of("Bucket", "Key"),
            "putObject", List.of("Bucket", "Key"),
            "headObject", List.of("Bucket", "Key"),
            "deleteObject", List.of("Bucket", "Key"),
            "copyObject", List.of("Bucket", "Key"),
            "listObjectsV2", List.of("Bucket"),
            S3Actions.WRITE_OBJECT, List.of("Bucket"),
            "listObjects", List.of("Bucket"));

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        return action(resource).map(action -> "asl-aws-s3:" + action);
    }

    /** The Bucket (and Key, for an object) S3 requires of the action; listBuckets needs nothing. */
    @Override
    public List<ResourceProblem> check(String resource, JsonNode taskState) {
        Optional<String> mapIntegration = mapIntegration(resource);
        if (mapIntegration.isPresent() && "Task".equals(taskState.path("Type").asText())) {
            // AWS has these only as a Map's ItemReader or ResultWriter; a Task runs S3 through aws-sdk:s3:ACTION
            return List.of(new ResourceProblem("Resource", "The resource provided " + resource + " is not "
                    + "recognized. The value is not a valid resource ARN, or the resource is not available in this "
                    + "region. (" + mapIntegration.get() + " is a Map's ItemReader or ResultWriter, "
                    + "not a Task integration: a Task calls arn:aws:states:::aws-sdk:s3:ACTION)"));
        }
        String action = action(resource).orElse("");
        TaskRequest request = TaskRequest.of(taskState);
        List<ResourceProblem> problems = new ArrayList<>(
                request.require(REQUIRED.getOrDefault(action, List.of()).toArray(String[]::new)));
        if ("copyObject".equals(action) && !request.has("CopySource") && !request.has("SourceBucket")) {
            problems.add(ResourceProblem.missing(request.field(), "CopySource"));
        }
        return problems;
    }

    /**
     * {@code s3:getObject} of {@code arn:aws:states:::s3:getObject}: an ItemReader's (or ResultWriter's) Resource,
     * not a Task's.
     */
    private static Optional<String> mapIntegration(String resource) {
        return Arn.parse(resource).flatMap(Arn::integrationCalledBack).filter(MAP_INTEGRATIONS::containsKey);
    }

    private static Optional<String> action(String resource) {
        return Arn.parse(resource)
                .flatMap(Arn::integrationCalledBack)
                .flatMap(integration -> integration.startsWith(PREFIX)
                        ? Optional.of(integration.substring(PREFIX.length())).filter(S3Actions::supports)
                        : Optional.ofNullable(MAP_INTEGRATIONS.get(integration)));
    }
}
