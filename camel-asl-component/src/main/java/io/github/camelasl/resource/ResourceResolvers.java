package io.github.camelasl.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.apache.camel.CamelContext;

/**
 * The resolver chain: the explicitly configured resolvers first, then those in the Camel registry, then those
 * the connector modules on the classpath declare (ServiceLoader), then plain Camel URIs. The first answer wins.
 */
public final class ResourceResolvers {

    private final List<ResourceResolver> chain;
    private final CamelContext camelContext;

    public ResourceResolvers(CamelContext camelContext, List<ResourceResolver> configured) {
        this.camelContext = camelContext;
        List<ResourceResolver> all = new ArrayList<>(configured);
        all.addAll(camelContext.getRegistry().findByType(ResourceResolver.class));
        ServiceLoader.load(ResourceResolver.class, ResourceResolvers.class.getClassLoader()).forEach(all::add);
        all.add(new CamelUriResolver());
        this.chain = List.copyOf(all);
    }

    public Optional<String> resolve(String resource) {
        for (ResourceResolver resolver : chain) {
            Optional<String> uri = resolver.resolve(resource, camelContext);
            if (uri.isPresent()) {
                return uri;
            }
        }
        return Optional.empty();
    }
}
