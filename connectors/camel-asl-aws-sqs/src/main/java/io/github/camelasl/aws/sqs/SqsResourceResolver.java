package io.github.camelasl.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.Arn;
import io.github.camelasl.aws.TaskRequest;
import io.github.camelasl.resource.ResourceProblem;
import io.github.camelasl.resource.ResourceResolver;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;

/** {@code arn:aws:states:::sqs:sendMessage} (any partition) runs on {@code asl-aws-sqs:sendMessage}. */
public final class SqsResourceResolver implements ResourceResolver {

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        return Arn.parse(resource)
                .flatMap(Arn::integrationCalledBack)
                .filter(("sqs:" + SqsEndpoint.SEND_MESSAGE)::equals)
                .map(integration -> "asl-aws-sqs:" + SqsEndpoint.SEND_MESSAGE);
    }

    /** SendMessage needs the QueueUrl and the MessageBody. */
    @Override
    public List<ResourceProblem> check(String resource, JsonNode taskState) {
        return TaskRequest.of(taskState).require("QueueUrl", "MessageBody");
    }
}
