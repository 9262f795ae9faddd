package io.github.camelasl.resource;

import java.util.Objects;
import org.apache.camel.CamelContext;

/**
 * A Resource of a definition (a Task's, a Map ItemReader's) with the Camel endpoint URI it resolves to and how, as a
 * {@link ResourcePolicy} sees it.
 *
 * @param resource     the Resource as the definition writes it ({@code arn:aws:lambda:...}, {@code exec:ls})
 * @param uri          the Camel endpoint URI it resolves to (the Resource itself for a plain Camel URI, without a
 *                     {@code .waitForTaskToken} suffix)
 * @param resolution   which kind of resolver gave the URI
 * @param camelContext the CamelContext the definition is deployed in (its registry, for {@code bean:} names)
 * @param insertsResourceParts whether the URI holds parts of the Resource: a {@link ResourceMapping} rule inserted
 *                     them ({@code {1}}), so the definition chose part of a URI the application configured
 */
public record ResolvedResource(String resource, String uri, Resolution resolution, CamelContext camelContext,
                               boolean insertsResourceParts) {

    /** How a Resource was resolved; see {@link ResourceResolvers} for the order they are tried in. */
    public enum Resolution {
        /** A rule of a {@link ResourceMapping}: the application's own configuration chose the URI. */
        RESOURCE_MAPPING,
        /** A {@link ResourceResolver} the application configured or bound in the registry. */
        RESOLVER,
        /** A connector module on the classpath (Lambda, SQS, SNS, S3, ...). */
        CONNECTOR,
        /** An activity ARN, served by the application's {@code asl:activity:NAME} workers. */
        ACTIVITY,
        /** A plain Camel endpoint URI written in the definition. */
        CAMEL_URI
    }

    public ResolvedResource {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(resolution, "resolution");
    }

    /** A Resource whose URI holds none of its parts (as written, or chosen by the application). */
    public ResolvedResource(String resource, String uri, Resolution resolution, CamelContext camelContext) {
        this(resource, uri, resolution, camelContext, false);
    }
}
