package io.github.camelasl.aws.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslConstants;
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
 * {@code arn:aws:states:::dynamodb:getItem}, {@code putItem}, {@code updateItem} and {@code deleteItem} (any
 * partition; the regional form through the resolver chain) run on {@code asl-aws-dynamodb:ACTION}. These are
 * request-response only on AWS (no {@code .waitForTaskToken}, no {@code .sync}), and DynamoDB's other actions (query,
 * scan, ...) are not optimized ({@code aws-sdk:dynamodb:query} is the SDK integration's): they are refused with AWS's
 * words, so the definition is refused at deployment as AWS refuses it.
 */
public final class DynamoDbResourceResolver implements ResourceResolver {

    private static final String PREFIX = "dynamodb:";

    /**
     * @throws ResourceRefusedException for a {@code dynamodb:} integration AWS does not optimize ({@code query},
     *                                  {@code putItem.waitForTaskToken}, ...), in AWS's words
     */
    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        Optional<String> integration = integration(resource);
        if (integration.isPresent() && action(resource).isEmpty()) {
            throw new ResourceRefusedException(notRecognized(resource));
        }
        return action(resource).map(action -> "asl-aws-dynamodb:" + action);
    }

    /** AWS's words for a service integration it does not have (recorded: {@code dynamodb:query}). */
    static String notRecognized(String resource) {
        return "The resource provided " + resource + " is not recognized. The value is not a valid resource ARN, or "
                + "the resource is not available in this region.";
    }

    /**
     * TableName and the action's Key or Item are required; a parameter the action does not take is refused (the
     * Task's {@code CamelAslHeaders} is not a parameter).
     */
    @Override
    public List<ResourceProblem> check(String resource, JsonNode taskState) {
        String action = action(resource).orElseThrow();
        TaskRequest request = TaskRequest.of(taskState);
        List<ResourceProblem> problems = new ArrayList<>(
                request.require("TableName", "putItem".equals(action) ? "Item" : "Key"));
        JsonNode written = taskState.get(request.field() == null ? "Parameters" : request.field());
        if (request.literal() && written.isObject()) {
            List<String> names = new ArrayList<>();
            written.fieldNames().forEachRemaining(name -> names.add(
                    "Parameters".equals(request.field()) && name.endsWith(".$")
                            ? name.substring(0, name.length() - 2) : name));
            names.remove(AslConstants.HEADERS_FIELD); // the Task's headers, taken out of the request
            DynamoDbActions.unsupported(action, names).forEach(name -> problems.add(
                    new ResourceProblem(request.field(), DynamoDbActions.notSupported(name))));
        }
        return problems;
    }

    private static Optional<String> integration(String resource) {
        return Arn.parse(resource)
                .flatMap(Arn::integration)
                .filter(integration -> integration.startsWith(PREFIX));
    }

    private static Optional<String> action(String resource) {
        return integration(resource)
                .map(integration -> integration.substring(PREFIX.length()))
                .filter(DynamoDbActions::supports);
    }
}
