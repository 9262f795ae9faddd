package io.github.camelasl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.Arn;
import io.github.camelasl.aws.AwsEnvironment;
import io.github.camelasl.mock.MockTestCase;
import io.github.camelasl.model.MapState;
import io.github.camelasl.model.StateMachine;
import io.github.camelasl.model.TaskState;
import io.github.camelasl.resource.ResourceResolvers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The calls of a run that would reach real AWS: a Task (not an activity, which a local worker answers) that no mock
 * answers, or a Map's ItemReader or ResultWriter, whose Resource resolves to an endpoint that calls AWS (a connector's
 * {@code asl-aws-*}, Camel's {@code aws2-*}, HTTP(S) to {@code *.amazonaws.com}), also through a --resource-map rule
 * that maps it to one; an ARN nothing resolves counts too. {@code --offline} refuses a run that has any; otherwise
 * the trace names, once per service, the endpoint and region they will call.
 */
final class AwsCalls {

    /** A state calling {@code service} of AWS through {@code resource}; {@code state} says which part (ItemReader). */
    record Call(String state, String resource, String service, String region) {
    }

    /** An HTTP(S) endpoint on an AWS host, anywhere in an endpoint URI (also as another component's target). */
    private static final Pattern AWS_HOST = Pattern.compile(
            "https?:(//)?([^/?#@]*@)?[^/?#:]*\\.amazonaws\\.com(\\.cn)?(?=[:/?#]|$)");

    private AwsCalls() {
    }

    /**
     * The calls of {@code machine} that would reach AWS, in definition order.
     *
     * @param resolvers what the run's deployment resolves Resources with (mappings, connectors, Camel URIs)
     * @param region    the state machine's region: a regionless integration's when the environment names none
     */
    static List<Call> of(StateMachine machine, MockTestCase mocks, ResourceResolvers resolvers, String region) {
        AwsEnvironment environment = AwsEnvironment.system();
        List<Call> calls = new ArrayList<>();
        for (TaskState task : TaskStates.of(machine).values()) {
            boolean mocked = mocks != null && mocks.responses(task.common().name()) != null;
            if (!task.isActivity() && !mocked) {
                call(task.common().name(), task.resource(), resolvers, environment, region).ifPresent(calls::add);
            }
        }
        for (MapState map : TaskStates.maps(machine)) {
            for (String part : List.of("ItemReader", "ResultWriter")) {
                JsonNode resource = part.equals("ItemReader") ? map.itemReader() : map.resultWriter();
                if (resource != null && resource.path("Resource").isTextual()) {
                    call(map.common().name() + " (" + part + ")", resource.path("Resource").asText(), resolvers,
                            environment, region).ifPresent(calls::add);
                }
            }
        }
        return calls;
    }

    private static java.util.Optional<Call> call(String state, String resource, ResourceResolvers resolvers,
            AwsEnvironment environment, String region) {
        java.util.Optional<String> uri;
        try {
            uri = resolvers.resolve(resource);
        } catch (RuntimeException refused) {
            uri = java.util.Optional.empty(); // the deployment says why
        }
        Arn arn = Arn.parse(resource).orElse(null);
        boolean aws = uri.map(AwsCalls::callsAws).orElse(arn != null);
        if (!aws) {
            return java.util.Optional.empty();
        }
        String service = arn != null ? service(arn) : uri.map(AwsCalls::scheme).orElse("aws");
        String callRegion = arn != null && !arn.region().isEmpty() ? arn.region() : environment.region(region);
        return java.util.Optional.of(new Call(state, resource, service, callRegion));
    }

    /** True when a Camel endpoint URI calls AWS: asl-aws-*, aws2-*, aws-*, or HTTP(S) to an amazonaws.com host. */
    static boolean callsAws(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        String scheme = scheme(lower);
        return scheme.startsWith("asl-aws-") || scheme.startsWith("aws2-") || scheme.startsWith("aws-")
                || AWS_HOST.matcher(lower).find();
    }

    private static String scheme(String uri) {
        int colon = uri.indexOf(':');
        return colon < 0 ? uri : uri.substring(0, colon);
    }

    /** {@code --offline}: a usage error naming each state that would call AWS and its Resource. */
    static void refuse(List<Call> calls) {
        if (calls.isEmpty()) {
            return;
        }
        throw CliException.usage("--offline: " + (calls.size() == 1 ? "a state would" : calls.size()
                + " states would") + " call AWS; mock them (--mock-config/--test-case, --mock-state, --mock-error) or "
                + "map them to endpoints that are not AWS (--resource-map):",
                calls.stream().map(c -> "state '" + c.state() + "': " + c.resource()).toList());
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
