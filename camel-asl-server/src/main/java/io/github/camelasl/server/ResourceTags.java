package io.github.camelasl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.store.ExecutionStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The tags of state machines and activities: TagResource, UntagResource and ListTagsForResource, and the tags given
 * to CreateStateMachine and CreateActivity. AWS's limits: 50 tags a resource, keys of 1 to 128 characters, values of
 * up to 256. Kept in the execution store with the state machines and activities (on a durable one they outlive a
 * restart).
 */
final class ResourceTags {

    static final int MAX_TAGS = 50;
    static final int MAX_KEY_LENGTH = 128;
    static final int MAX_VALUE_LENGTH = 256;

    private final Predicate<String> resourceExists;
    /** An entry for every resource created through the API (empty when it has no tags), in the tags' order. */
    private final Map<String, Map<String, String>> byArn = new ConcurrentHashMap<>();

    private final ExecutionStore store;

    /**
     * @param resourceExists whether a state machine or activity of that ARN exists
     * @param store          where the tags are kept: those it holds already are restored
     */
    ResourceTags(Predicate<String> resourceExists, ExecutionStore store) {
        this.resourceExists = resourceExists;
        this.store = store;
        store.tags().forEach((arn, tags) -> byArn.put(arn, new LinkedHashMap<>(tags)));
    }

    /**
     * The tags of a Create request's {@code tags} member, checked before anything is created: a list of
     * {@code {"key", "value"}}, a later key replacing an earlier one.
     */
    static Map<String, String> read(JsonNode request, String resourceArnForMessage) {
        JsonNode tags = request.get("tags");
        Map<String, String> out = new LinkedHashMap<>();
        if (tags == null || tags.isNull()) {
            return out;
        }
        if (!tags.isArray()) {
            throw ApiRequests.validation("tags", "Member must be a list of {\"key\", \"value\"}");
        }
        for (int i = 0; i < tags.size(); i++) {
            JsonNode tag = tags.get(i);
            String member = "tags." + (i + 1);
            if (!tag.isObject()) {
                throw ApiRequests.validation(member, "Member must be an object with key and value");
            }
            String key = ApiRequests.optionalText(tag, "key");
            String value = ApiRequests.optionalText(tag, "value");
            if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
                throw ApiRequests.validation(member + ".member.key", "Member must have length between 1 and "
                        + MAX_KEY_LENGTH);
            }
            if (value != null && value.length() > MAX_VALUE_LENGTH) {
                throw ApiRequests.validation(member + ".member.value", "Member must have length less than or "
                        + "equal to " + MAX_VALUE_LENGTH);
            }
            out.put(key, value == null ? "" : value);
        }
        if (out.size() > MAX_TAGS) {
            throw tooMany(resourceArnForMessage);
        }
        return out;
    }

    /**
     * A resource was created, with {@code tags}; one created before (an idempotent repeat of its Create) keeps its
     * tags, as on AWS.
     */
    synchronized void created(String arn, Map<String, String> tags) {
        if (!byArn.containsKey(arn)) {
            store.putTags(arn, tags);
            byArn.put(arn, new LinkedHashMap<>(tags));
        }
    }

    synchronized void deleted(String arn) {
        store.deleteTags(arn);
        byArn.remove(arn);
    }

    ObjectNode tagResource(JsonNode request) {
        String arn = existingResource(request);
        Map<String, String> added = read(request, arn);
        synchronized (this) {
            Map<String, String> merged = new LinkedHashMap<>(byArn.getOrDefault(arn, Map.of()));
            merged.putAll(added);
            if (merged.size() > MAX_TAGS) {
                throw tooMany(arn);
            }
            store.putTags(arn, merged);
            byArn.put(arn, merged);
        }
        return Json.NODES.objectNode();
    }

    ObjectNode untagResource(JsonNode request) {
        String arn = existingResource(request);
        JsonNode keys = request.get("tagKeys");
        if (keys == null || !keys.isArray()) {
            throw ApiRequests.validation("tagKeys", "Member must not be null, and a list of keys");
        }
        List<String> removed = new ArrayList<>();
        for (JsonNode key : keys) {
            if (!key.isTextual() || key.textValue().isEmpty() || key.textValue().length() > MAX_KEY_LENGTH) {
                throw ApiRequests.validation("tagKeys", "Member must be keys of 1 to " + MAX_KEY_LENGTH
                        + " characters, but held " + key);
            }
            removed.add(key.textValue());
        }
        synchronized (this) {
            Map<String, String> remaining = new LinkedHashMap<>(byArn.getOrDefault(arn, Map.of()));
            removed.forEach(remaining::remove);
            store.putTags(arn, remaining);
            byArn.put(arn, remaining);
        }
        return Json.NODES.objectNode();
    }

    ObjectNode listTagsForResource(JsonNode request) {
        String arn = existingResource(request);
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode items = out.putArray("tags");
        byArn.getOrDefault(arn, Map.of()).forEach((key, value) -> items.addObject().put("key", key)
                .put("value", value));
        return out;
    }

    /** The request's resourceArn: a state machine's or an activity's that exists. */
    private String existingResource(JsonNode request) {
        String arn = ApiRequests.requiredText(request, "resourceArn");
        StateMachineRegistry.checkArn(arn, null);
        String[] parts = arn.split(":", -1);
        if (!parts[2].equals("states") || parts.length != 7
                || !(parts[5].equals("stateMachine") || parts[5].equals("activity"))) {
            throw new AslError("InvalidArn", "Invalid Arn: '" + arn + "' (tags are kept for state machines and "
                    + "activities)");
        }
        if (!resourceExists.test(arn)) {
            throw new ResourceError("ResourceNotFound", "Resource not found: '" + arn + "'", arn);
        }
        return arn;
    }

    private static AslError tooMany(String arn) {
        return new ResourceError("TooManyTags", "Too many tags: a resource has at most " + MAX_TAGS + " tags"
                + (arn == null ? "" : " ('" + arn + "')"), arn);
    }

    /** AWS's ResourceNotFound and TooManyTags name the resource in a member of their own, resourceName. */
    static final class ResourceError extends AslError {

        private final String resourceName;

        ResourceError(String error, String message, String resourceName) {
            super(error, message);
            this.resourceName = resourceName;
        }

        /** The resource's ARN, or null when it has none yet (a Create refused). */
        String resourceName() {
            return resourceName;
        }
    }
}
