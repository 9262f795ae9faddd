package io.github.camelasl.aws.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.Arn;
import io.github.camelasl.aws.TaskRequest;
import io.github.camelasl.resource.ResourceProblem;
import io.github.camelasl.resource.ResourceRefusedException;
import io.github.camelasl.resource.ResourceResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * {@code arn:aws:states:::bedrock:invokeModel} (any partition; the regional form through the resolver chain) runs on
 * {@code asl-aws-bedrock:invokeModel}, request-response. The other optimized Bedrock action,
 * createModelCustomizationJob (and its {@code .sync}), and the callback forms are not run here: they are refused,
 * naming what the module runs, so the definition is refused at deployment.
 */
public final class BedrockResourceResolver implements ResourceResolver {

    private static final String INVOKE_MODEL = "bedrock:" + BedrockEndpoint.INVOKE_MODEL;

    /**
     * @throws ResourceRefusedException for another {@code bedrock:} integration (createModelCustomizationJob, its
     *                                  {@code .sync}, a callback form), naming what the module runs
     */
    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        Optional<String> integration = Arn.parse(resource).flatMap(Arn::integration)
                .filter(i -> i.startsWith("bedrock:"));
        if (integration.isEmpty()) {
            return Optional.empty();
        }
        if (!INVOKE_MODEL.equals(integration.get())) {
            throw new ResourceRefusedException("The resource provided " + resource + " is not supported: "
                    + "camel-asl-aws-bedrock runs arn:aws:states:::bedrock:invokeModel (request-response) only; map the "
                    + "ARN to a Camel endpoint with the resourceMappings option");
        }
        return Optional.of("asl-aws-bedrock:" + BedrockEndpoint.INVOKE_MODEL);
    }

    /** ModelId is required; the integration's Input and Output (S3 objects) are refused, naming the field. */
    @Override
    public List<ResourceProblem> check(String resource, JsonNode taskState) {
        TaskRequest request = TaskRequest.of(taskState);
        List<ResourceProblem> problems = new ArrayList<>(request.require("ModelId"));
        if (request.literal()) {
            for (String field : List.of("Input", "Output")) {
                if (request.has(field)) {
                    problems.add(new ResourceProblem(request.field(), InvokeModel.notRun(field)));
                }
            }
        }
        return problems;
    }
}
