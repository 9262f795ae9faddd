package io.github.camelasl.resource;

import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * A Resource that is a Camel endpoint URI ({@code direct:train}, {@code bean:etl?method=load}) is used as is; with
 * AWS's {@code .waitForTaskToken} suffix ({@code seda:approvals.waitForTaskToken}), the URI without it is called
 * and the Task then waits for its token.
 */
public final class CamelUriResolver implements ResourceResolver {

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        if (resource == null || resource.startsWith("arn:")) {
            return Optional.empty();
        }
        int colon = resource.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String scheme = resource.substring(0, colon);
        String uri = resource.endsWith(".waitForTaskToken")
                ? resource.substring(0, resource.length() - ".waitForTaskToken".length()) : resource;
        return camelContext.getComponent(scheme, true) != null ? Optional.of(uri) : Optional.empty();
    }
}
