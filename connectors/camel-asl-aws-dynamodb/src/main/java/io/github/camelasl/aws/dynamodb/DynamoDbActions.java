package io.github.camelasl.aws.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.aws.SdkJson;
import io.github.camelasl.aws.SdkMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The DynamoDB actions Step Functions optimizes, each with the parameters it lets a Task pass (a subset of the API's
 * members: no ReturnValuesOnConditionCheckFailure, for example) and its call. Parameters and results follow the SDK
 * model ({@link SdkJson}, DynamoDB's member names); the result also has the {@code SdkHttpMetadata} and
 * {@code SdkResponseMetadata} the optimized integration adds.
 */
final class DynamoDbActions {

    private record Action(Set<String> parameters, Supplier<SdkBuilder<?, ?>> request,
                          BiFunction<DynamoDbClient, Object, AwsResponse> call) {
    }

    private static final Set<String> WRITE = Set.of("TableName", "ConditionalOperator", "ConditionExpression",
            "Expected", "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnConsumedCapacity",
            "ReturnItemCollectionMetrics", "ReturnValues");

    private static final Map<String, Action> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("getItem", new Action(Set.of("Key", "TableName", "AttributesToGet", "ConsistentRead",
                "ExpressionAttributeNames", "ProjectionExpression", "ReturnConsumedCapacity"), GetItemRequest::builder,
                (client, request) -> client.getItem((GetItemRequest) request)));
        ACTIONS.put("putItem", new Action(with(WRITE, "Item"), PutItemRequest::builder,
                (client, request) -> client.putItem((PutItemRequest) request)));
        ACTIONS.put("updateItem", new Action(with(WRITE, "Key", "AttributeUpdates", "UpdateExpression"),
                UpdateItemRequest::builder, (client, request) -> client.updateItem((UpdateItemRequest) request)));
        ACTIONS.put("deleteItem", new Action(with(WRITE, "Key"), DeleteItemRequest::builder,
                (client, request) -> client.deleteItem((DeleteItemRequest) request)));
    }

    private DynamoDbActions() {
    }

    static boolean supports(String action) {
        return ACTIONS.containsKey(action);
    }

    static List<String> names() {
        return List.copyOf(ACTIONS.keySet());
    }

    /** The parameters {@code action} takes, sorted. */
    static Set<String> parameters(String action) {
        return new TreeSet<>(ACTIONS.get(action).parameters());
    }

    /** The parameters of {@code request} that {@code action} does not take, in their order. */
    static List<String> unsupported(String action, Iterable<String> request) {
        Set<String> allowed = ACTIONS.get(action).parameters();
        List<String> unsupported = new ArrayList<>();
        request.forEach(name -> {
            if (!allowed.contains(name)) {
                unsupported.add(name);
            }
        });
        return unsupported;
    }

    /** AWS's words for a parameter the optimized integration does not take. */
    static String notSupported(String parameter) {
        return "The field '" + parameter + "' is not supported by Step Functions";
    }

    /** Calls {@code action} with the request {@code input} describes; SDK exceptions are left to the caller. */
    static ObjectNode call(DynamoDbClient client, String action, JsonNode input) {
        Action a = ACTIONS.get(action);
        if (a == null) {
            throw new IllegalArgumentException("asl-aws-dynamodb has no action '" + action + "'");
        }
        if (input.isObject()) {
            // a computed request (JSONata Arguments, the state's input) is checked here rather than at deployment
            List<String> unsupported = unsupported(action, input::fieldNames);
            if (!unsupported.isEmpty()) {
                throw new IllegalArgumentException("dynamodb:" + action + ": " + notSupported(unsupported.get(0))
                        + "; it takes " + String.join(", ", parameters(action)));
            }
        }
        SdkBuilder<?, ?> builder = a.request().get();
        SdkJson.fill("dynamodb:" + action, (SdkPojo) builder, input, Set.of());
        AwsResponse response = a.call().apply(client, builder.build());
        ObjectNode result = SdkJson.toJson(response);
        SdkMetadata.append(result, response);
        return result;
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new TreeSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }
}
