package io.github.camelasl.resource;

import java.net.URISyntaxException;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Route;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.URISupport;

/**
 * Whether the endpoint a Resource resolves to can serve its Task, asked when the definition is validated, so that
 * validation reports what would otherwise fail the deployment (an endpoint Camel cannot create) or the Task (nothing
 * consumes the endpoint). It never creates, registers or starts an endpoint: starting one can act on the outside
 * world (an aws2-sqs endpoint creates its queue, a class: endpoint runs the class's static initialiser).
 */
public final class EndpointReadiness {

    private EndpointReadiness() {
    }

    /**
     * Why Camel cannot create the endpoint of {@code uri}, or null when it can: a scheme no component has, an
     * option the component does not have, a {@code bean:} name the registry does not hold, a {@code class:} not on
     * the classpath. The component reads the URI and its options as the deployment's would, into an endpoint that
     * is neither registered nor started, and that is dropped.
     */
    public static String notCreatable(CamelContext camelContext, String uri) {
        try {
            String resolved = camelContext.resolvePropertyPlaceholders(uri);
            String scheme = StringHelper.before(resolved, ":");
            Component component = scheme == null ? null : camelContext.getComponent(scheme);
            if (component == null) {
                return cannotCreate("no component found with scheme: " + scheme);
            }
            String path = StringHelper.before(StringHelper.after(resolved, ":"), "?",
                    StringHelper.after(resolved, ":")).replaceFirst("^//", "");
            if ("class".equals(scheme)) {
                // loaded, not initialised; its options are the bean component's (bean.* ones set properties on
                // the instance the Task creates when it runs)
                Class.forName(path, false, classLoader(camelContext));
                camelContext.getComponent("bean").createEndpoint(withoutBeanProperties(
                        "bean:" + StringHelper.after(resolved, ":")));
                return null;
            }
            component.createEndpoint(resolved);
            // bean:#class:NAME and bean:#type:NAME are made or found when the endpoint starts: not looked up here
            if ("bean".equals(scheme) && !path.startsWith("#")
                    && camelContext.getRegistry().lookupByName(path) == null) {
                return cannotCreate("No bean could be found in the registry for: " + path);
            }
            return null;
        } catch (Exception | LinkageError e) {
            // LinkageError: a component whose classes are missing or fail to initialise must not escape validation
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? "" : root.getMessage();
            String why = root instanceof ClassNotFoundException ? "class not found: " + message
                    : root == e && e instanceof RuntimeException ? message
                            : root.getClass().getSimpleName() + ": " + message;
            return cannotCreate(why);
        }
    }

    private static String cannotCreate(String why) {
        return "Camel cannot create its endpoint (" + why + "), so the deployment fails";
    }

    private static ClassLoader classLoader(CamelContext camelContext) {
        ClassLoader loader = camelContext.getApplicationContextClassLoader();
        return loader != null ? loader : EndpointReadiness.class.getClassLoader();
    }

    /** The URI without its {@code bean.*} options, which the bean itself reads. */
    private static String withoutBeanProperties(String uri) throws URISyntaxException {
        String query = StringHelper.after(uri, "?");
        if (query == null) {
            return uri;
        }
        Map<String, Object> options = URISupport.parseQuery(query);
        options.keySet().removeIf(name -> name.startsWith("bean."));
        String kept = URISupport.createQueryString(options);
        return StringHelper.before(uri, "?") + (kept.isEmpty() ? "" : "?" + kept);
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
