package io.github.camelasl.aws.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.Arn;
import io.github.camelasl.aws.TaskRequest;
import io.github.camelasl.resource.ResourceProblem;
import io.github.camelasl.resource.ResourceResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;

/** {@code arn:aws:states:::sns:publish} (any partition) runs on {@code asl-aws-sns:publish}. */
public final class SnsResourceResolver implements ResourceResolver {

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        return Arn.parse(resource)
                .flatMap(Arn::integrationCalledBack)
                .filter(("sns:" + SnsEndpoint.PUBLISH)::equals)
                .map(integration -> "asl-aws-sns:" + SnsEndpoint.PUBLISH);
    }

    /** Publish needs the Message, and where it goes: a TopicArn, a TargetArn or a PhoneNumber. */
    @Override
    public List<ResourceProblem> check(String resource, JsonNode taskState) {
        TaskRequest request = TaskRequest.of(taskState);
        List<ResourceProblem> problems = new ArrayList<>(request.require("Message"));
        request.requireOneOf("TopicArn", "TargetArn", "PhoneNumber").ifPresent(problems::add);
        return problems;
    }
}
