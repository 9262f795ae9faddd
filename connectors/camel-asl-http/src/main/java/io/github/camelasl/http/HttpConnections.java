package io.github.camelasl.http;

import io.github.camelasl.resource.AwsArns;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelContext;

/** Finds the {@link HttpConnection} a Task's ConnectionArn names: the component's, then the registry's. */
final class HttpConnections {

    private HttpConnections() {
    }

    /**
     * The NAME of {@code arn:aws:events:REGION:ACCOUNT:connection/NAME/ID} (EventBridge's connection ARN), or the
     * text itself when it is not such an ARN.
     */
    static String nameOf(String arnOrName) {
        return AwsArns.parse(arnOrName)
                .filter(arn -> "events".equals(arn.service()) && arn.resource().startsWith("connection/"))
                .map(arn -> {
                    String rest = arn.resource().substring("connection/".length());
                    int slash = rest.indexOf('/');
                    return slash < 0 ? rest : rest.substring(0, slash);
                })
                .orElse(arnOrName);
    }

    static Optional<HttpConnection> find(CamelContext camelContext, List<HttpConnection> configured,
                                         String arnOrName) {
        String name = nameOf(arnOrName);
        for (HttpConnection connection : configured) {
            if (name.equals(connection.getName())) {
                return Optional.of(connection);
            }
        }
        HttpConnection bound = camelContext.getRegistry().lookupByNameAndType(name, HttpConnection.class);
        if (bound != null) {
            return Optional.of(bound);
        }
        Set<HttpConnection> all = camelContext.getRegistry().findByType(HttpConnection.class);
        return all.stream().filter(c -> name.equals(c.getName())).findFirst();
    }
}
