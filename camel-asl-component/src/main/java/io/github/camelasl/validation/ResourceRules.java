package io.github.camelasl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.resource.AwsArns;
import io.github.camelasl.resource.ResourceProblem;

/**
 * A Task's Resource: supported by the runtime, of a kind the machine type allows, allowed by the resource policy,
 * served by an endpoint Camel can create (and that something consumes), and used as the runtime's checks require
 * (the parameters the service needs).
 */
final class ResourceRules {

    private ResourceRules() {
    }

    static void check(StateContext state) {
        if ("Map".equals(state.type())) {
            itemReader(state);
            resultWriter(state);
            return;
        }
        JsonNode value = state.field("Resource");
        if (!"Task".equals(state.type()) || value == null) {
            return;
        }
        String resource = value.asText();
        String location = state.at("Resource");
        // EXPRESS executions cannot wait on an activity worker or a callback, nor run a job to completion.
        if (state.options().express()) {
            if (AwsArns.isActivity(resource)) {
                state.problems().schema(Problems.expressActivity(), location);
            } else if (AwsArns.isSyncIntegration(resource)) {
                state.problems().schema(Problems.expressIntegration(".sync"), location);
            } else if (AwsArns.isCallbackIntegration(resource)
                    || !resource.startsWith("arn:") && resource.endsWith(".waitForTaskToken")) {
                state.problems().schema(Problems.expressIntegration(".waitForTaskToken"), location);
            }
        }
        supported(state, resource, state.node(), state.pointer());
    }

    /** A Map's ItemReader Resource is called as a Task's is: something must serve it, with what it requires. */
    private static void itemReader(StateContext state) {
        JsonNode reader = state.field("ItemReader");
        if (reader == null || !reader.path("Resource").isTextual()) {
            return;
        }
        supported(state, reader.path("Resource").textValue(), reader, state.at("ItemReader"));
        String objects = io.github.camelasl.engine.ItemReading.objectResource(reader);
        if (objects != null) {
            // LOAD_AND_FLATTEN reads each listed object through getObject, with the listing's Bucket and each Key
            com.fasterxml.jackson.databind.node.ObjectNode read = reader.deepCopy();
            String field = state.jsonata() ? "Arguments" : "Parameters";
            if (read.get(field) instanceof com.fasterxml.jackson.databind.node.ObjectNode request) {
                request.put("Key", "each listed object");
            }
            read.put("Resource", objects);
            supported(state, objects, read, state.at("ItemReader"));
        }
    }

    /** A Distributed Map's ResultWriter Resource writes the results as a Task call would: something must serve it. */
    private static void resultWriter(StateContext state) {
        JsonNode writer = state.field("ResultWriter");
        if (writer == null || !writer.path("Resource").isTextual()) {
            return;
        }
        supported(state, writer.path("Resource").textValue(), writer, state.at("ResultWriter"));
    }

    /** {@code owner} holds the Resource and its Parameters or Arguments; {@code pointer} is its location. */
    private static void supported(StateContext state, String resource, JsonNode owner, String pointer) {
        ResourceChecks checks = state.options().resourceChecks();
        if (!state.options().resourceSupported().test(resource)) {
            String message = checks.unsupported(resource);
            state.problems().schema(message != null ? message : Problems.unrecognizedResource(resource),
                    Locations.field(pointer, "Resource"));
            return;
        }
        // a mapping may run any Lambda ARN, but AWS recognises only function ARNs of its regions and accounts
        if (AwsArns.isLambda(resource) && !AwsArns.isLambdaFunction(resource)) {
            state.problems().schema(Problems.unrecognizedResource(resource), Locations.field(pointer, "Resource"));
            return;
        }
        String refusal = checks.notAllowed(resource);
        if (refusal != null) {
            state.problems().add(Problems.RESOURCE_NOT_ALLOWED, Problems.resourceNotAllowed(state.name(), resource,
                    refusal), Locations.field(pointer, "Resource"));
            return;
        }
        ResourceChecks.Unresolved unresolved = checks.unresolved(resource);
        if (unresolved != null) {
            String message = Problems.resourceUnresolved(state.name(), resource, unresolved.reason());
            String location = Locations.field(pointer, "Resource");
            // the Task's own problems (a parameter its connector requires) are reported too, so one pass shows all
            if (unresolved.severity() == Diagnostic.Severity.ERROR) {
                state.problems().add(Problems.RESOURCE_UNRESOLVED, message, location);
            } else {
                state.problems().warning(Problems.RESOURCE_UNRESOLVED, message, location);
            }
        }
        for (ResourceProblem problem : checks.check(resource, owner)) {
            state.problems().schema(problem.message(),
                    problem.field() == null || problem.field().isEmpty() ? Locations.of(pointer)
                            : Locations.field(pointer, problem.field()));
        }
    }
}
