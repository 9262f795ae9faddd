package io.github.camelasl.resource;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Which endpoints a definition may reach. A definition is code: every Resource it names (a Task's, a Map
 * ItemReader's, in nested Parallel branches and Map processors too) is put to the policy when the definition is
 * deployed, and one the policy denies fails the deployment with a {@code RESOURCE_NOT_ALLOWED} problem naming the
 * state, the Resource and the reason.
 *
 * <p>Two built-in policies, both refusing what runs code or reads the host (see {@link #defaults}):
 * <ul>
 * <li>{@link #defaults(Collection)}: everything else is allowed. For definitions that are part of the application
 * (they are trusted code, as its routes are).</li>
 * <li>{@link #strict(Collection)}: only connectors, resource mappings, resolvers, activities, {@code direct:} and
 * {@code seda:} are allowed; everything else must be allowed explicitly. For definitions that arrive from outside
 * (over HTTP).</li>
 * </ul>
 * On top of either (or of a policy of your own), {@link #withPatterns} adds the {@code deniedResources} and
 * {@code allowedResources} glob patterns. Bind a {@code ResourcePolicy} in the registry for anything finer: the
 * {@code asl} component uses it in place of the built-in one.
 */
@FunctionalInterface
public interface ResourcePolicy {

    /** Whether {@code resource} may be called. */
    Decision decide(ResolvedResource resource);

    /**
     * Allowed, or denied with the reason, which the deployment error shows after the Resource: say which rule
     * refused it ({@code the 'exec' component runs operating-system commands}).
     */
    record Decision(boolean allowed, String reason) {

        private static final Decision ALLOWED = new Decision(true, null);

        public Decision {
            if (!allowed) {
                Objects.requireNonNull(reason, "a denial needs a reason");
            }
        }

        public static Decision allow() {
            return ALLOWED;
        }

        public static Decision deny(String reason) {
            return new Decision(false, reason);
        }
    }

    /**
     * The default policy, in this order (the first rule that applies decides):
     * <ol>
     * <li>a Resource that writes a property placeholder ({@code {{...}}}), a Simple expression ({@code ${...}} or
     * {@code $simple{...}}, in any case) or a bean or class reference as an option value ({@code =#...}) or as a
     * {@code bean:} method parameter is denied: Camel would read the application's properties or environment, or
     * create objects, for it. The Resource is read as Camel reads it: percent-decoded, {@code RAW(...)} unwrapped,
     * option names in any case;</li>
     * <li>a resource mapping rule that inserts parts of the Resource into a {@code file:} URI is held to the
     * {@code file:} rule below (the Resource chose part of the path);</li>
     * <li>allowed: what connectors, resource mappings, configured resolvers and activity ARNs resolve to,
     * {@code direct:} and {@code seda:} endpoints (the application's own routes) and {@code bean:NAME} where NAME
     * is a bean in the registry, unless that bean is the application's infrastructure (a {@code CamelContext},
     * component, endpoint, service or registry, a {@code Map} or {@code Properties} such as Spring Boot's
     * {@code systemEnvironment}, a Spring {@code ApplicationContext} or {@code Environment}, a
     * {@code DataSource});</li>
     * <li>denied: components that run code or commands ({@code exec}, {@code class}, {@code language}, {@code ssh},
     * {@code docker}, {@code kubernetes-*}, {@code controlbus}, ...), that read templates, scripts or schemas from
     * a resource ({@code xslt}, {@code velocity}, {@code validator}, ...), that call an endpoint their path names
     * ({@code dataset-test}, {@code master}), that reach files ({@code file} outside {@code allowedFolders} or with
     * a file option that is absolute or holds {@code ..}, {@code stream}, {@code ftp}, {@code sftp}, ...) or the
     * application's databases
     * ({@code jdbc}, {@code sql}, {@code jpa}, ...), {@code bean:} naming a class rather than a registry bean, and
     * {@code asl:} with a {@code definition} to read and deploy;</li>
     * <li>everything else ({@code http:}, {@code kafka:}, {@code aws2-*:}, ...) is allowed.</li>
     * </ol>
     *
     * @param allowedFolders the folders {@code file:} endpoints may use (each with its sub-folders); none: no
     *                       {@code file:} endpoint is allowed
     */
    static ResourcePolicy defaults(Collection<Path> allowedFolders) {
        return new BuiltInResourcePolicy(allowedFolders, false);
    }

    /** {@link #defaults(Collection)} without folders: no {@code file:} endpoint is allowed. */
    static ResourcePolicy defaults() {
        return defaults(List.of());
    }

    /**
     * As {@link #defaults(Collection)}, but what no built-in rule allows is denied ({@code http:}, {@code kafka:},
     * ...; {@code bean:} too, since a registry may hold beans that were never meant to be called, the CamelContext
     * among them): the policy for definitions that arrive from outside the application.
     */
    static ResourcePolicy strict(Collection<Path> allowedFolders) {
        return new BuiltInResourcePolicy(allowedFolders, true);
    }

    /** {@link #strict(Collection)} without folders. */
    static ResourcePolicy strict() {
        return strict(List.of());
    }

    /**
     * This policy under glob patterns ({@code *} matches any run of characters) over the Resource as written or the
     * URI it resolves to (the scheme in any case, {@code scheme://x} as {@code scheme:x}): a Resource matching a
     * {@code denied} pattern, as written or percent-decoded as Camel decodes it, is denied; else one matching an {@code allowed} pattern is allowed, unless it carries a
     * property placeholder, a Simple expression or a bean reference (then, and otherwise, this policy decides).
     *
     * @throws IllegalArgumentException naming a pattern that is not a valid glob
     */
    default ResourcePolicy withPatterns(Collection<String> allowed, Collection<String> denied) {
        return new ResourcePatterns(allowed, denied, this);
    }
}
