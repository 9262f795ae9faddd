package io.github.camelasl.aws.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.Arn;
import io.github.camelasl.aws.TaskRequest;
import io.github.camelasl.resource.ResourceProblem;
import io.github.camelasl.resource.ResourceResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * {@code arn:aws:states:::bedrock:invokeModel} (any partition; the regional form through the resolver chain) runs on
 * {@code asl-aws-bedrock:invokeModel}. It is request-response only on AWS. The other optimized Bedrock action,
 * createModelCustomizationJob (and its {@code .sync}), is not run here: it resolves to nothing, so validation refuses
 * it.
 */
public final class BedrockResourceResolver implements ResourceResolver {

    private static final String INVOKE_MODEL = "bedrock:" + BedrockEndpoint.INVOKE_MODEL;

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        return Arn.parse(resource)
                .flatMap(Arn::integration)
                .filter(INVOKE_MODEL::equals)
                .map(integration -> "asl-aws-bedrock:" + BedrockEndpoint.INVOKE_MODEL);
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
