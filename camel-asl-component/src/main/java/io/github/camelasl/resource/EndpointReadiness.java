package io.github.camelasl.resource;

import java.net.URISyntaxException;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.util.URISupport;

/**
 * Whether the endpoint a Resource resolves to can serve its Task, asked when the definition is validated, so that
 * validation reports what would otherwise fail the deployment (an endpoint Camel cannot create) or the Task (nothing
 * consumes the endpoint).
 */
public final class EndpointReadiness {

    private EndpointReadiness() {
    }

    /**
     * Why Camel cannot create the endpoint of {@code uri}, or null when it can: a {@code bean:} name the registry
     * does not hold, a {@code class:} not on the classpath, an option the component does not have. The deployment
     * creates the same endpoint when it starts the Task's route, and fails there; this creates it first (Camel keeps
     * it, as it keeps every endpoint it creates, for the deployment to use).
     */
    public static String notCreatable(CamelContext camelContext, String uri) {
        try {
            camelContext.getEndpoint(uri);
            return null;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? "" : root.getMessage();
            String why = root instanceof ClassNotFoundException ? "class not found: " + message
                    : root == e ? message : root.getClass().getSimpleName() + ": " + message;
            return "Camel cannot create its endpoint (" + why + "), so the deployment fails";
        }
    }

    /**
     * For a {@code direct:} or {@code seda:} endpoint in a started CamelContext: why no route consumes it now, saying
     * what happens to the Task when it runs; null when a route does, for other endpoints, and while the context is
     * starting (its routes' consumers are not started yet).
     */
    public static String notConsumed(CamelContext camelContext, String uri) {
        boolean direct = uri.startsWith("direct:");
        if (!direct && !uri.startsWith("seda:") || !camelContext.isStarted()) {
            return null;
        }
        String channel = channel(uri);
        for (Route route : camelContext.getRoutes()) {
            if (channel.equals(channel(route.getEndpoint().getEndpointUri()))) {
                return null;
            }
        }
        return "no route consumes " + channel + " now: unless one has started when the Task runs, "
                + (direct ? "the Task fails with States.TaskFailed (no consumers available on the endpoint, once the "
                        + "endpoint has waited its timeout for one)"
                        : "its call is never answered and the Task fails when the endpoint's timeout or the Task's "
                                + "TimeoutSeconds passes");
    }

    /** {@code direct://name}: the endpoint without its options, as producers and consumers of it share it. */
    private static String channel(String uri) {
        String normalized;
        try {
            normalized = URISupport.normalizeUri(uri);
        } catch (URISyntaxException e) {
            normalized = uri;
        }
        int query = normalized.indexOf('?');
        return query < 0 ? normalized : normalized.substring(0, query);
    }
}
