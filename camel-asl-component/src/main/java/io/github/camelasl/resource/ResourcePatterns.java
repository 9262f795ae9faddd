package io.github.camelasl.resource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** A policy under allow and deny glob patterns (see {@link ResourcePolicy#withPatterns}). */
final class ResourcePatterns implements ResourcePolicy {

    /** One pattern, as written and normalised. */
    private record Rule(String pattern, String normalised) {

        static Rule of(String pattern) {
            String problem = Glob.problem(pattern);
            if (problem != null) {
                throw new IllegalArgumentException("resource policy: " + problem);
            }
            return new Rule(pattern, CamelUris.normalise(pattern));
        }

        /** Over the Resource as written, its regionless form (a regional integration ARN) and its URI. */
        boolean matches(ResolvedResource resource) {
            return forms(resource).stream().anyMatch(form -> Glob.matches(normalised, CamelUris.normalise(form)));
        }

        /** As {@link #matches}, or over the forms Camel decodes them to ({@code direct:admin%2Dx} is admin-x). */
        boolean matchesDecoded(ResolvedResource resource) {
            return matches(resource) || forms(resource).stream().anyMatch(
                    form -> Glob.matches(normalised, CamelUris.normalise(CamelUris.percentDecoded(form))));
        }

        private static List<String> forms(ResolvedResource resource) {
            return AwsArns.regionlessIntegration(resource.resource())
                    .map(regionless -> List.of(resource.resource(), regionless, resource.uri()))
                    .orElseGet(() -> List.of(resource.resource(), resource.uri()));
        }
    }

    private final List<Rule> allowed;
    private final List<Rule> denied;
    private final ResourcePolicy then;

    ResourcePatterns(Collection<String> allowed, Collection<String> denied, ResourcePolicy then) {
        this.allowed = compile(allowed);
        this.denied = compile(denied);
        this.then = Objects.requireNonNull(then, "then");
    }

    private static List<Rule> compile(Collection<String> patterns) {
        List<Rule> rules = new ArrayList<>();
        for (String pattern : patterns == null ? List.<String>of() : patterns) {
            rules.add(Rule.of(pattern == null ? null : pattern.strip()));
        }
        return List.copyOf(rules);
    }

    @Override
    public Decision decide(ResolvedResource resource) {
        for (Rule rule : denied) {
            if (rule.matchesDecoded(resource)) {
                return Decision.deny("it matches the denied pattern '" + rule.pattern() + "'");
            }
        }
        // a pattern allows an endpoint, not what Camel would read or create for its options
        if (CamelUris.hazard(resource.resource()) == null) {
            for (Rule rule : allowed) {
                if (rule.matches(resource)) {
                    return Decision.allow();
                }
            }
        }
        return then.decide(resource);
    }
}
