package io.github.camelasl.aws.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.aws.SdkJson;
import io.github.camelasl.aws.SdkMetadata;
import io.github.camelasl.dataflow.Json;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Calls one service's actions by their SDK names with Step Functions' JSON (PascalCase members, by the SDK's model:
 * {@link SdkJson}), answering the response the same way. Failures come out named as Step Functions names them
 * ({@link JobService#errors()}), the SDK's exception kept as origin (so a throttled call can be told).
 */
final class ServiceCalls implements Calls {

    private static final Map<String, Method> METHODS = new ConcurrentHashMap<>();

    private final JobService service;
    private final Supplier<SdkClient> client;

    ServiceCalls(JobService service, Supplier<SdkClient> client) {
        this.service = service;
        this.client = client;
    }

    JobService service() {
        return service;
    }

    @Override
    public ObjectNode callWithMetadata(String action, JsonNode parameters) {
        return call(action, parameters, true);
    }

    @Override
    public ObjectNode call(String action, JsonNode parameters) {
        return call(action, parameters, false);
    }

    /** Parameters built in code (a describe call's): names and values, each a JsonNode or a text. */
    static ObjectNode parameters(Object... namesAndValues) {
        ObjectNode parameters = Json.NODES.objectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            parameters.set((String) namesAndValues[i], value instanceof JsonNode node ? node
                    : Json.NODES.textNode(String.valueOf(value)));
        }
        return parameters;
    }

    /** A one-element array of {@code value}, for the list parameters of describe and stop calls. */
    static JsonNode list(JsonNode value) {
        return Json.NODES.arrayNode().add(value);
    }

    private ObjectNode call(String action, JsonNode parameters, boolean metadata) {
        Method method = method(action);
        SdkPojo request;
        try {
            request = (SdkPojo) method.getParameterTypes()[0].getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a request for " + what(action), e);
        }
        SdkJson.fill(what(action), request, parameters, Set.of());
        Object response;
        try {
            response = method.invoke(client.get(), ((SdkBuilder<?, ?>) request).build());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SdkException failure) {
                throw service.errors().from(failure);
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(what(action) + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + what(action), e);
        }
        ObjectNode result = SdkJson.toJson((SdkPojo) response);
        if (metadata && response instanceof AwsResponse aws) {
            SdkMetadata.append(result, aws);
        }
        return result;
    }

    private String what(String action) {
        return service.arnName() + ":" + action;
    }

    /** The client's method for {@code action}: one request in, a response out. */
    private Method method(String action) {
        return METHODS.computeIfAbsent(service.client().getName() + "#" + action, key -> {
            for (Method m : service.client().getMethods()) {
                if (m.getName().equals(action) && m.getParameterCount() == 1
                        && SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0])) {
                    return m;
                }
            }
            throw new IllegalStateException(service.client().getSimpleName() + " has no action " + action);
        });
    }
}
