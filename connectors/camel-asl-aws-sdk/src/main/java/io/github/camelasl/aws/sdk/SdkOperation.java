package io.github.camelasl.aws.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.aws.SdkJson;
import io.github.camelasl.resource.ResourceRefusedException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * One action of one service, as the SDK's client has it: {@code DynamoDbClient.getItem(GetItemRequest)}. Step
 * Functions' action is the client's method name ({@code getItem}, {@code listObjectsV2}); the request is built from
 * the Task's parameters by the request class's own model, and the response rendered the same way ({@link SdkJson}).
 */
final class SdkOperation {

    private final SdkServices.Service service;
    private final Method method;
    private final Method requestBuilder;

    private SdkOperation(SdkServices.Service service, Method method, Method requestBuilder) {
        this.service = service;
        this.method = method;
        this.requestBuilder = requestBuilder;
    }

    /**
     * The action {@code action} (case-insensitively, as the SDK spells acronyms) of {@code service}.
     *
     * @throws ResourceRefusedException when the client has no such action, or only a streaming one (a body streamed
     *                                  in or out, or events), which Step Functions' SDK integrations do not run
     */
    static SdkOperation find(SdkServices.Service service, String action) {
        Object found = FOUND.get(service.client()).computeIfAbsent(action, a -> {
            try {
                return lookUp(service, a);
            } catch (ResourceRefusedException refused) {
                return refused.getMessage();
            }
        });
        if (found instanceof String refusal) {
            throw new ResourceRefusedException(refusal);
        }
        return (SdkOperation) found;
    }

    /**
     * The operations (or why not) by client and action, looked up once: validation resolves a Resource several
     * times, and a client interface has hundreds of methods.
     */
    private static final ClassValue<Map<String, Object>> FOUND = new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> client) {
            return new ConcurrentHashMap<>();
        }
    };

    private static SdkOperation lookUp(SdkServices.Service service, String action) {
        Class<?> client = service.client();
        List<Method> named = Arrays.stream(client.getMethods())
                .filter(m -> m.getName().equalsIgnoreCase(action) && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getParameterCount() > 0 && SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0]))
                // the exact spelling first
                .sorted(Comparator.comparing((Method m) -> !m.getName().equals(action)))
                .toList();
        for (Method m : named) {
            if (m.getParameterCount() == 1 && SdkResponse.class.isAssignableFrom(m.getReturnType())) {
                try {
                    return new SdkOperation(service, m, m.getParameterTypes()[0].getMethod("builder"));
                } catch (NoSuchMethodException e) {
                    break; // a request without a builder is no model class
                }
            }
        }
        String where = client.getSimpleName() + " (" + service.module() + ")";
        if (!named.isEmpty()) {
            throw new ResourceRefusedException("The action '" + action + "' of " + where + " streams its request or "
                    + "response body, which Step Functions' SDK integrations do not support");
        }
        if (asyncOnly(service, action)) {
            throw new ResourceRefusedException("The action '" + action + "' of " + where + " streams events, which "
                    + "Step Functions' SDK integrations do not support");
        }
        throw new ResourceRefusedException(where + " has no action '" + action + "'");
    }

    /** True when only the asynchronous client has the action: an event stream (bedrockruntime converseStream). */
    private static boolean asyncOnly(SdkServices.Service service, String action) {
        if (service.asyncClientName() == null) {
            return false;
        }
        try {
            Class<?> async = Class.forName(service.asyncClientName(), false, service.client().getClassLoader());
            return Arrays.stream(async.getMethods()).anyMatch(m -> m.getName().equalsIgnoreCase(action));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    SdkServices.Service service() {
        return service;
    }

    /** The action as the SDK spells it: {@code listObjectsV2}. */
    String action() {
        return method.getName();
    }

    /** {@code secretsmanager:listSecrets}, for messages. */
    String what() {
        return service.name() + ":" + action();
    }

    /** A new, empty request builder (an SdkPojo: its fields are the request's members). */
    SdkPojo newRequest() {
        try {
            return (SdkPojo) requestBuilder.invoke(null);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot build a request for " + what(), e);
        }
    }

    /**
     * Calls the action on {@code client} with the request {@code parameters} describe and returns the response as
     * Step Functions' SDK integration does. The client's exceptions (SdkException) come out as thrown.
     */
    ObjectNode call(SdkClient client, JsonNode parameters) {
        SdkPojo request = newRequest();
        SdkJson.fill("aws-sdk:" + what(), request, parameters, Set.of());
        Object built = ((SdkBuilder<?, ?>) request).build();
        try {
            return SdkJson.toJson((SdkPojo) method.invoke(client, built));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(what() + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + what(), e);
        }
    }
}
