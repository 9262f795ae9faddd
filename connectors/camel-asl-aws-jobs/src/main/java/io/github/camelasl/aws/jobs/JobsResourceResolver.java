package io.github.camelasl.aws.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.Arn;
import io.github.camelasl.aws.TaskRequest;
import io.github.camelasl.resource.ResourceProblem;
import io.github.camelasl.resource.ResourceRefusedException;
import io.github.camelasl.resource.ResourceResolver;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * {@code arn:aws:states:::glue:startJobRun[.sync]} and the other job integrations of {@link JobActions} run on
 * {@code asl-aws-jobs:SERVICE/ACTION[?sync=true]}: {@code .sync} only where AWS offers it, {@code .waitForTaskToken}
 * only on {@code ecs:runTask}; any other action or suffix resolves to nothing, so validation refuses it.
 */
public final class JobsResourceResolver implements ResourceResolver {

    private static final String SYNC = ".sync";
    private static final String CALLBACK = ".waitForTaskToken";

    @Override
    public Optional<String> resolve(String resource, CamelContext camelContext) {
        return Arn.parse(resource).flatMap(Arn::integration).flatMap(JobsResourceResolver::uri);
    }

    static Optional<String> uri(String integration) {
        if (integration.startsWith("eks:runJob") || integration.startsWith("eks:call")) {
            throw new ResourceRefusedException("arn:aws:states:::" + integration + " talks to the EKS cluster's "
                    + "Kubernetes API, which camel-asl-aws-jobs does not call: map the Resource to an endpoint of "
                    + "your own (a resource mapping) to run it");
        }
        boolean sync = integration.endsWith(SYNC);
        boolean callback = integration.endsWith(CALLBACK);
        String plain = sync ? integration.substring(0, integration.length() - SYNC.length())
                : callback ? integration.substring(0, integration.length() - CALLBACK.length()) : integration;
        return JobActions.find(plain)
                .filter(action -> !sync || action.sync() != null)
                .filter(action -> !callback || action.callback())
                .map(action -> "asl-aws-jobs:" + plain.replace(':', '/') + (sync ? "?sync=true" : ""));
    }

    /** The parameters AWS requires of the action. */
    @Override
    public List<ResourceProblem> check(String resource, JsonNode taskState) {
        return Arn.parse(resource).flatMap(Arn::integration)
                .flatMap(i -> JobActions.find(i.replaceFirst("\\.(sync|waitForTaskToken)$", "")))
                .map(action -> TaskRequest.of(taskState).require(action.required().toArray(String[]::new)))
                .orElse(List.of());
    }
}
