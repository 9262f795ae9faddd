package io.github.camelasl.server;

import io.github.camelasl.AslApiRoutesFactory;
import io.github.camelasl.AslComponent;
import io.github.camelasl.server.console.ConsoleRoutes;
import java.nio.file.Path;
import org.apache.camel.builder.RouteBuilder;

/**
 * The API inside any Camel app: the asl component's {@code apiContextPath} option finds this factory through Camel's
 * FactoryFinder (META-INF/services/org/apache/camel/asl-api) and adds its routes on the app's own platform-http
 * server. State machines created through it run on the component's deployer (its resource policy and mappings) and
 * are kept in its STANDARD executions' store. The web console is served beside it (the {@code consoleContextPath}
 * option, by default /asl).
 */
public final class ComponentApiRoutes implements AslApiRoutesFactory {

    @Override
    public RouteBuilder create(AslComponent component, String contextPath, String credentialsFile,
            String signingRegion) {
        return create(component, contextPath, credentialsFile, signingRegion, null);
    }

    @Override
    public RouteBuilder create(AslComponent component, String contextPath, String credentialsFile,
            String signingRegion, String consoleContextPath) {
        if (consoleContextPath != null) {
            try {
                ConsoleRoutes.checkPath(consoleContextPath);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The asl component's consoleContextPath option: " + e.getMessage(),
                        e);
            }
        }
        AccessKeys keys = AccessKeys.NONE;
        if (credentialsFile != null) {
            try {
                keys = AccessKeys.fromCredentialsFile(Path.of(credentialsFile));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The asl component's apiCredentialsFile option: " + e.getMessage(),
                        e);
            }
            if (signingRegion != null) {
                try {
                    keys = keys.inRegion(signingRegion);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("The asl component's apiSigningRegion option: "
                            + e.getMessage(), e);
                }
            }
        }
        return new StepFunctionsApiRoutes(contextPath, component.deployer("STANDARD"),
                component.executionStore("STANDARD"), component.taskTokens(),
                StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, StepFunctionsApiRoutes.DEFAULT_ACTIVITY_TASK_POLL,
                keys).console(consoleContextPath);
    }
}
