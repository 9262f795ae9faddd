package io.github.camelasl;

import org.apache.camel.builder.RouteBuilder;

/**
 * Makes the routes of AWS's Step Functions API for the asl component's {@code apiContextPath} option. The component
 * does not depend on the module that has them (camel-asl-server): it finds this factory as Camel finds its optional
 * factories, through the FactoryFinder entry {@code META-INF/services/org/apache/camel/asl-api} that module ships.
 */
public interface AslApiRoutesFactory {

    /** The FactoryFinder key (under META-INF/services/org/apache/camel/). */
    String FACTORY = "asl-api";

    /**
     * The API's routes, on camel-platform-http at {@code contextPath}, running state machines with the component's
     * deployer, store and task tokens.
     *
     * @param credentialsFile an AWS credentials file whose keys requests must be signed with (SigV4), or null for
     *                        callers on this host only
     * @param signingRegion   with a credentials file, the one region signatures must be scoped to, or null for any
     */
    RouteBuilder create(AslComponent component, String contextPath, String credentialsFile, String signingRegion)
            throws Exception;

    /**
     * As above, with the web console at {@code consoleContextPath} beside the API (null for none). A factory without
     * a console refuses a path rather than serve none silently.
     */
    default RouteBuilder create(AslComponent component, String contextPath, String credentialsFile,
            String signingRegion, String consoleContextPath) throws Exception {
        if (consoleContextPath != null) {
            throw new IllegalArgumentException("The asl component's consoleContextPath option (" + consoleContextPath
                    + "): this camel-asl-server serves no console; set the option to an empty value");
        }
        return create(component, contextPath, credentialsFile, signingRegion);
    }
}
