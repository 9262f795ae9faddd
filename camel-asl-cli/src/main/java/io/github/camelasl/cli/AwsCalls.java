package io.github.camelasl.cli;

import io.github.camelasl.aws.Arn;
import io.github.camelasl.aws.AwsEnvironment;
import io.github.camelasl.mock.MockTestCase;
import io.github.camelasl.model.StateMachine;
import io.github.camelasl.model.TaskState;
import io.github.camelasl.resource.ResourceMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Tasks of a run that would call real AWS: an ARN (not an activity, which a local worker answers) that no mock
 * answers and no --resource-map rule sends elsewhere. {@code --offline} refuses a run that has any; otherwise the
 * trace names, once per service, the endpoint and region they will call.
 */
final class AwsCalls {

    /** A Task state calling {@code service} of AWS through {@code resource}. */
    record Call(String state, String resource, String service, String region) {
    }

    private AwsCalls() {
    }

    /**
     * The Tasks of {@code machine} that would call AWS, in definition order.
     *
     * @param region the state machine's region: a regionless integration's when the environment names none
     */
    static List<Call> of(StateMachine machine, MockTestCase mocks, List<ResourceMapping> mappings, String region) {
        ResourceMapping mapping = ResourceMapping.concat(mappings);
        AwsEnvironment environment = AwsEnvironment.system();
        List<Call> calls = new ArrayList<>();
        for (TaskState task : TaskStates.of(machine).values()) {
            String resource = task.resource();
            Arn arn = Arn.parse(resource).orElse(null);
            boolean mocked = mocks != null && mocks.responses(task.common().name()) != null;
            if (arn == null || task.isActivity() || mocked || mapping.map(resource).isPresent()) {
                continue;
            }
            calls.add(new Call(task.common().name(), resource, service(arn),
                    arn.region().isEmpty() ? environment.region(region) : arn.region()));
        }
        return calls;
    }

    /** {@code --offline}: a usage error naming each state that would call AWS and its Resource. */
    static void refuse(List<Call> calls) {
        if (calls.isEmpty()) {
            return;
        }
        throw CliException.usage("--offline: " + (calls.size() == 1 ? "a Task would" : calls.size() + " Tasks would")
                + " call AWS; mock them (--mock-config/--test-case, --mock-state, --mock-error) or map them "
                + "(--resource-map):", calls.stream().map(c -> "state '" + c.state() + "': " + c.resource()).toList());
    }

    /**
     * One line per service: {@code AWS lambda: https://lambda.us-east-1.amazonaws.com, region us-east-1 (states A,
     * B)}. The endpoint is AWS_ENDPOINT_URL_<SERVICE>, else AWS_ENDPOINT_URL, else AWS's own for the region.
     */
    static List<String> endpointLines(List<Call> calls) {
        AwsEnvironment environment = AwsEnvironment.system();
        Map<List<String>, List<String>> byServiceAndRegion = new LinkedHashMap<>();
        for (Call call : calls) {
            byServiceAndRegion.computeIfAbsent(List.of(call.service(), call.region()), k -> new ArrayList<>())
                    .add(call.state());
        }
        List<String> lines = new ArrayList<>();
        byServiceAndRegion.forEach((key, states) -> {
            String service = key.get(0);
            String region = key.get(1);
            String endpoint = environment.endpoint(service);
            lines.add("AWS " + service + ": " + (endpoint != null ? endpoint
                    : "https://" + service + "." + region + ".amazonaws.com") + ", region " + region + " (state"
                    + (states.size() == 1 ? " " : "s ") + String.join(", ", states) + ")");
        });
        return lines;
    }

    /** lambda for arn:aws:lambda:... and arn:aws:states:::lambda:invoke; s3 for arn:aws:states:::aws-sdk:s3:... */
    private static String service(Arn arn) {
        String integration = arn.integration().orElse(null);
        if (integration == null) {
            return arn.service();
        }
        String[] parts = integration.split(":");
        return "aws-sdk".equals(parts[0]) && parts.length > 1 ? parts[1] : parts[0];
    }
}
