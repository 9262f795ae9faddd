package io.github.camelasl.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.apache.camel.CamelContext;

/**
 * The resolver chain. The first resolver with an answer wins; they are tried in this order:
 * <ol>
 * <li>user {@link ResourceMapping}s: those loaded from the component's {@code resourceMappings} files, then
 * the {@code ResourceMapping}s among the configured resolvers, then {@code ResourceMapping} beans in the
 * Camel registry (by bean name) — so a mapping can send an ARN a connector knows to an on-prem endpoint;</li>
 * <li>the other configured resolvers (the component's {@code resourceResolvers}), in their order;</li>
 * <li>the other {@link ResourceResolver} beans in the registry, by bean name;</li>
 * <li>the resolvers the connector modules on the classpath declare ({@link ServiceLoader}), by descending
 * {@link ResourceResolver#priority()};</li>
 * <li>activity ARNs, to the queue their {@code asl:activity:NAME} workers take tasks from;</li>
 * <li>plain Camel URIs ({@code direct:train}) whose component is known.</li>
 * </ol>
 * A resolver met twice (configured and bound in the registry) is tried once, at its first place.
 */
public final class ResourceResolvers {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResourceResolvers.class);


    private final List<ResourceResolver> chain;
    /** The resolvers the connector modules declare, for {@link ResolvedResource.Resolution#CONNECTOR}. */
    private final List<ResourceResolver> connectors = new ArrayList<>();
    private final CamelContext camelContext;

    public ResourceResolvers(CamelContext camelContext, List<ResourceResolver> configured) {
        this(camelContext, List.of(), configured);
    }

    /** {@code mappings} first (the component's mapping files), then {@code configured}, then the others. */
    public ResourceResolvers(CamelContext camelContext, List<ResourceMapping> mappings,
                             List<ResourceResolver> configured) {
        this.camelContext = camelContext;
        Map<String, ResourceResolver> bound = camelContext.getRegistry().findByTypeWithName(ResourceResolver.class);
        Collection<ResourceResolver> registry = bound == null ? List.of() : new TreeMap<>(bound).values();
        List<ResourceResolver> all = new ArrayList<>();
        mappings.forEach(m -> addOnce(all, m));
        configured.stream().filter(ResourceMapping.class::isInstance).forEach(r -> addOnce(all, r));
        registry.stream().filter(ResourceMapping.class::isInstance).forEach(r -> addOnce(all, r));
        configured.stream().filter(r -> !(r instanceof ResourceMapping)).forEach(r -> addOnce(all, r));
        registry.stream().filter(r -> !(r instanceof ResourceMapping)).forEach(r -> addOnce(all, r));
        connectors.addAll(byPriority(ServiceLoader.load(ResourceResolver.class,
                ResourceResolvers.class.getClassLoader())));
        all.addAll(connectors);
        all.add(new ActivityResolver());
        all.add(new CamelUriResolver());
        this.chain = List.copyOf(all);
    }

    /** Higher {@link ResourceResolver#priority()} first; equal ones keep their order (the sort is stable). */
    static List<ResourceResolver> byPriority(Iterable<ResourceResolver> resolvers) {
        List<ResourceResolver> sorted = new ArrayList<>();
        resolvers.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(ResourceResolver::priority).reversed());
        return sorted;
    }

    private static void addOnce(List<ResourceResolver> all, ResourceResolver resolver) {
        if (resolver != null && all.stream().noneMatch(r -> r == resolver)) {
            all.add(resolver);
        }
    }

    /** The resolvers in the order they are tried. */
    public List<ResourceResolver> chain() {
        return chain;
    }

    /**
     * The first resolver's answer and the form of the Resource it answered: as written or, for a service integration
     * ARN with a region and account, its regionless form ({@link AwsArns#regionlessIntegration}), so each resolver,
     * mapping and connector takes both forms of the same integration alike.
     */
    private record Answer(ResourceResolver resolver, String form, String uri) {
    }

    /** @throws ResourceRefusedException when the first resolver that knows {@code resource} refuses it */
    private Optional<Answer> answer(String resource) {
        String regionless = AwsArns.regionlessIntegration(resource).orElse(null);
        for (ResourceResolver resolver : chain) {
            Optional<String> uri = resolver.resolve(resource, camelContext);
            if (uri.isPresent()) {
                return Optional.of(new Answer(resolver, resource, uri.get()));
            }
            if (regionless != null) {
                uri = resolver.resolve(regionless, camelContext);
                if (uri.isPresent()) {
                    return Optional.of(new Answer(resolver, regionless, uri.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** @throws ResourceRefusedException when the first resolver that knows {@code resource} refuses it */
    public Optional<String> resolve(String resource) {
        return answer(resource).map(Answer::uri);
    }

    /** {@code resource} with the URI it resolves to and the kind of resolver that gave it, as policies see it. */
    public Optional<ResolvedResource> resolved(String resource) {
        return answer(resource).map(answer -> {
            boolean insertsParts = answer.resolver() instanceof ResourceMapping mapping
                    && mapping.rule(answer.form()).map(ResourceMapping.Rule::insertsParts).orElse(false);
            return new ResolvedResource(resource, answer.uri(), resolution(answer.resolver()), camelContext,
                    insertsParts);
        });
    }

    private ResolvedResource.Resolution resolution(ResourceResolver resolver) {
        if (resolver instanceof ResourceMapping) {
            return ResolvedResource.Resolution.RESOURCE_MAPPING;
        } else if (resolver instanceof ActivityResolver) {
            return ResolvedResource.Resolution.ACTIVITY;
        } else if (resolver instanceof CamelUriResolver) {
            return ResolvedResource.Resolution.CAMEL_URI;
        } else if (connectors.stream().anyMatch(c -> c == resolver)) {
            return ResolvedResource.Resolution.CONNECTOR;
        }
        return ResolvedResource.Resolution.RESOLVER;
    }

    /** The resolver that resolves {@code resource}: the first in the chain with an answer. */
    public Optional<ResourceResolver> resolver(String resource) {
        return answer(resource).map(Answer::resolver);
    }

    /**
     * The problems the resolver of {@code resource} finds in the Task state {@code taskState} (see
     * {@link ResourceResolver#check}); none when no resolver resolves it or one refuses it (validation reports
     * those itself) or when a resolver's check fails (a check must not stop a deployment it cannot judge).
     */
    public List<ResourceProblem> check(String resource, JsonNode taskState) {
        try {
            Optional<Answer> answer = answer(resource);
            List<ResourceProblem> problems = answer.isEmpty() ? null
                    : answer.get().resolver().check(answer.get().form(), taskState, camelContext);
            return problems == null ? List.of() : problems;
        } catch (RuntimeException e) {
            // a resolver's own fault, not the definition's: said, so it does not hide a problem unseen
            LOG.debug("The check of the Resource {} failed; the Task is deployed unchecked", resource, e);
            return List.of();
        }
    }
}
