package io.github.camelasl.aws.jobs;

import static io.github.camelasl.aws.jobs.ServiceCalls.list;
import static io.github.camelasl.aws.jobs.ServiceCalls.parameters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.aws.sync.JobPoller;
import io.github.camelasl.dataflow.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The optimized job integrations Step Functions offers, by their ARN action: which take {@code .sync} (and how it
 * follows the job), which {@code .waitForTaskToken}, the parameters AWS requires, and the SDK call of the
 * request-response form. Nothing else resolves, so validation refuses it as AWS does.
 */
final class JobActions {

    /** An action: {@code call} answers the request-response form; {@code sync}, when not null, follows the job. */
    record Action(String service, String name, List<String> required,
            BiFunction<Calls, JsonNode, ObjectNode> call, Function<Calls, JobPoller> sync,
            boolean callback) {
    }

    private static final Map<String, Action> ACTIONS = new LinkedHashMap<>();

    static {
        add("glue", "startJobRun", JobPollers::glueJobRun, false, "JobName");
        add("athena", "startQueryExecution", JobPollers::athenaQuery, false, "QueryString");
        add("athena", "stopQueryExecution", null, false, "QueryExecutionId");
        add("athena", "getQueryExecution", null, false, "QueryExecutionId");
        add("athena", "getQueryResults", null, false, "QueryExecutionId");
        add("batch", "submitJob", JobPollers::batchJob, false, "JobName", "JobQueue", "JobDefinition");
        add("ecs", "runTask", JobPollers::ecsTask, true, "TaskDefinition");
        add("elasticmapreduce", "addStep", JobActions::addStep, JobPollers::emrStep, "ClusterId", "Step");
        add("elasticmapreduce", "createCluster", JobActions::createCluster, null, "Name", "Instances");
        add("elasticmapreduce", "terminateCluster", JobActions::terminateCluster, null, "ClusterId");
        add("eks", "createCluster", calls -> JobPollers.eksResource(calls, "Cluster", false, "Name"), false,
                "Name", "RoleArn", "ResourcesVpcConfig");
        add("eks", "deleteCluster", calls -> JobPollers.eksResource(calls, "Cluster", true, "Name"), false, "Name");
        add("eks", "createNodegroup", calls -> JobPollers.eksResource(calls, "Nodegroup", false, "ClusterName",
                "NodegroupName"), false, "ClusterName", "NodegroupName", "Subnets", "NodeRole");
        add("eks", "deleteNodegroup", calls -> JobPollers.eksResource(calls, "Nodegroup", true, "ClusterName",
                "NodegroupName"), false, "ClusterName", "NodegroupName");
        add("eks", "createFargateProfile", calls -> JobPollers.eksResource(calls, "FargateProfile", false,
                "ClusterName", "FargateProfileName"), false, "ClusterName", "FargateProfileName", "PodExecutionRoleArn");
        add("eks", "deleteFargateProfile", calls -> JobPollers.eksResource(calls, "FargateProfile", true,
                "ClusterName", "FargateProfileName"), false, "ClusterName", "FargateProfileName");
        for (String job : List.of("TrainingJob", "TransformJob", "ProcessingJob", "LabelingJob",
                "HyperParameterTuningJob")) {
            add("sagemaker", "create" + job, calls -> JobPollers.sageMakerJob(calls, job), false, job + "Name");
        }
        add("sagemaker", "createModel", null, false, "ModelName");
        add("sagemaker", "createEndpointConfig", null, false, "EndpointConfigName", "ProductionVariants");
        add("sagemaker", "createEndpoint", null, false, "EndpointName", "EndpointConfigName");
        add("sagemaker", "updateEndpoint", null, false, "EndpointName", "EndpointConfigName");
        add("codebuild", "startBuild", JobPollers::codeBuild, false, "ProjectName");
        add("codebuild", "stopBuild", null, false, "Id");
        add("codebuild", "batchDeleteBuilds", null, false, "Ids");
        add("codebuild", "batchGetReports", null, false, "ReportArns");
    }

    private JobActions() {
    }

    /** An action whose request-response form is the SDK's action of the same name. */
    private static void add(String service, String name, Function<Calls, JobPoller> sync,
            boolean callback, String... required) {
        ACTIONS.put(service + ":" + name, new Action(service, name, List.of(required),
                (calls, request) -> calls.callWithMetadata(name, request), sync, callback));
    }

    private static void add(String service, String name, BiFunction<Calls, JsonNode, ObjectNode> call,
            Function<Calls, JobPoller> sync, String... required) {
        ACTIONS.put(service + ":" + name, new Action(service, name, List.of(required), call, sync, false));
    }

    /** {@code glue:startJobRun}: the action, if Step Functions offers it. */
    static Optional<Action> find(String integration) {
        return Optional.ofNullable(ACTIONS.get(integration));
    }

    static Map<String, Action> all() {
        return ACTIONS;
    }

    /**
     * elasticmapreduce:addStep is AddJobFlowSteps with one step: {@code {ClusterId, Step}} in, {@code {StepId}} out
     * (with the metadata).
     */
    static ObjectNode addStep(Calls emr, JsonNode request) {
        ObjectNode call = parameters("JobFlowId", request.path("ClusterId"), "Steps", list(request.path("Step")));
        request.properties().forEach(e -> {
            if (!e.getKey().equals("ClusterId") && !e.getKey().equals("Step")) {
                call.set(e.getKey(), e.getValue()); // refused by name below, as AddJobFlowSteps would
            }
        });
        ObjectNode response = emr.callWithMetadata("addJobFlowSteps", call);
        ObjectNode result = Json.NODES.objectNode();
        result.set("StepId", response.path("StepIds").path(0));
        response.properties().forEach(e -> {
            if (!e.getKey().equals("StepIds")) {
                result.set(e.getKey(), e.getValue());
            }
        });
        return result;
    }

    /** elasticmapreduce:createCluster is RunJobFlow: its request; {@code {ClusterId, ClusterArn}} out. */
    static ObjectNode createCluster(Calls emr, JsonNode request) {
        ObjectNode response = emr.callWithMetadata("runJobFlow", request);
        ObjectNode result = Json.NODES.objectNode();
        result.set("ClusterId", response.path("JobFlowId"));
        response.properties().forEach(e -> {
            if (!e.getKey().equals("JobFlowId")) {
                result.set(e.getKey(), e.getValue());
            }
        });
        return result;
    }

    /** elasticmapreduce:terminateCluster is TerminateJobFlows of one cluster: {@code {ClusterId}} in. */
    static ObjectNode terminateCluster(Calls emr, JsonNode request) {
        ObjectNode call = parameters("JobFlowIds", list(request.path("ClusterId")));
        request.properties().forEach(e -> {
            if (!e.getKey().equals("ClusterId")) {
                call.set(e.getKey(), e.getValue());
            }
        });
        return emr.callWithMetadata("terminateJobFlows", call);
    }
}
