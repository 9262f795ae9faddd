package io.github.camelasl.aws.jobs;

import static io.github.camelasl.aws.jobs.ServiceCalls.list;
import static io.github.camelasl.aws.jobs.ServiceCalls.parameters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.aws.sync.JobPoller;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import java.util.List;
import java.util.Set;

/**
 * One {@link JobPoller} per job service: the start call (its response, with AWS's HTTP metadata, is TaskSubmitted's
 * output), the describe call and its end states, the Task's output and the stop call. Where the describe call needs
 * a request member the start response lacks (Glue's JobName, EMR's ClusterId), it is added to TaskSubmitted's output,
 * so that a Task resumed after a restart, which has only that, follows the same job.
 */
final class JobPollers {

    /** Why a job is stopped, as its stop call's reason says. */
    static final String STOP_REASON = "Stopped by its Step Functions Task (timed out, or its execution stopped)";

    private JobPollers() {
    }

    /** glue:startJobRun.sync: GetJobRun's JobRun until SUCCEEDED, or FAILED, ERROR, TIMEOUT, STOPPED. */
    static JobPoller glueJobRun(Calls glue) {
        return new JobPoller() {
            @Override
            public ObjectNode start(JsonNode request) {
                ObjectNode submitted = glue.callWithMetadata("startJobRun", request);
                submitted.set("JobName", request.path("JobName"));
                return submitted;
            }

            @Override
            public JsonNode describe(JsonNode submitted) {
                return glue.call("getJobRun", parameters("JobName", submitted.path("JobName"), "RunId",
                        submitted.path("JobRunId"))).path("JobRun");
            }

            @Override
            public JobState state(JsonNode run) {
                return stateOf(run.path("JobRunState").asText(), Set.of("SUCCEEDED"),
                        Set.of("FAILED", "ERROR", "TIMEOUT", "STOPPED"));
            }

            @Override
            public JsonNode output(JsonNode run) {
                return run;
            }

            @Override
            public void stop(JsonNode submitted) {
                glue.call("batchStopJobRun", parameters("JobName", submitted.path("JobName"), "JobRunIds",
                        list(submitted.path("JobRunId"))));
            }
        };
    }

    /** athena:startQueryExecution.sync: GetQueryExecution until its Status.State is SUCCEEDED, FAILED, CANCELLED. */
    static JobPoller athenaQuery(Calls athena) {
        return new JobPoller() {
            @Override
            public ObjectNode start(JsonNode request) {
                return athena.callWithMetadata("startQueryExecution", request);
            }

            @Override
            public JsonNode describe(JsonNode submitted) {
                return athena.call("getQueryExecution", id(submitted));
            }

            @Override
            public JobState state(JsonNode described) {
                return stateOf(described.path("QueryExecution").path("Status").path("State").asText(),
                        Set.of("SUCCEEDED"), Set.of("FAILED", "CANCELLED"));
            }

            @Override
            public JsonNode output(JsonNode described) {
                return described;
            }

            @Override
            public void stop(JsonNode submitted) {
                athena.call("stopQueryExecution", id(submitted));
            }

            private ObjectNode id(JsonNode submitted) {
                return parameters("QueryExecutionId", submitted.path("QueryExecutionId"));
            }
        };
    }

    /** batch:submitJob.sync: DescribeJobs' job until SUCCEEDED or FAILED. */
    static JobPoller batchJob(Calls batch) {
        return new JobPoller() {
            @Override
            public ObjectNode start(JsonNode request) {
                return batch.callWithMetadata("submitJob", request);
            }

            @Override
            public JsonNode describe(JsonNode submitted) {
                return only(batch.call("describeJobs", parameters("Jobs", list(submitted.path("JobId")))), "Jobs",
                        "Batch job " + submitted.path("JobId").asText());
            }

            @Override
            public JobState state(JsonNode job) {
                return stateOf(job.path("Status").asText(), Set.of("SUCCEEDED"), Set.of("FAILED"));
            }

            @Override
            public JsonNode output(JsonNode job) {
                return job;
            }

            @Override
            public void stop(JsonNode submitted) {
                batch.call("terminateJob", parameters("JobId", submitted.path("JobId"), "Reason", STOP_REASON));
            }
        };
    }

    /**
     * ecs:runTask.sync: DescribeTasks' task until its LastStatus is STOPPED; it failed when a container did not exit
     * with 0 (AWS's recorded failure has the task as cause).
     */
    static JobPoller ecsTask(Calls ecs) {
        return new JobPoller() {
            @Override
            public ObjectNode start(JsonNode request) {
                ObjectNode submitted = ecs.callWithMetadata("runTask", request);
                if (submitted.path("Tasks").isEmpty()) {
                    throw new AslError(ErrorNames.TASK_FAILED, "ECS started no task: "
                            + Json.write(submitted.path("Failures")));
                }
                return submitted;
            }

            @Override
            public JsonNode describe(JsonNode submitted) {
                JsonNode task = submitted.path("Tasks").path(0);
                return only(ecs.call("describeTasks", parameters("Cluster", task.path("ClusterArn"), "Tasks",
                        list(task.path("TaskArn")))), "Tasks", "ECS task " + task.path("TaskArn").asText());
            }

            @Override
            public JobState state(JsonNode task) {
                if (!"STOPPED".equals(task.path("LastStatus").asText())) {
                    return JobState.RUNNING;
                }
                for (JsonNode container : task.path("Containers")) {
                    if (!container.path("ExitCode").isNumber() || container.path("ExitCode").asInt() != 0) {
                        return JobState.FAILED;
                    }
                }
                return JobState.SUCCEEDED;
            }

            @Override
            public JsonNode output(JsonNode task) {
                return task;
            }

            @Override
            public void stop(JsonNode submitted) {
                JsonNode task = submitted.path("Tasks").path(0);
                ecs.call("stopTask", parameters("Cluster", task.path("ClusterArn"), "Task", task.path("TaskArn"),
                        "Reason", STOP_REASON));
            }
        };
    }

    /** elasticmapreduce:addStep.sync: DescribeStep until its Status.State is COMPLETED, or FAILED, CANCELLED, INTERRUPTED. */
    static JobPoller emrStep(Calls emr) {
        return new JobPoller() {
            @Override
            public ObjectNode start(JsonNode request) {
                ObjectNode submitted = JobActions.addStep(emr, request);
                submitted.set("ClusterId", request.path("ClusterId"));
                return submitted;
            }

            @Override
            public JsonNode describe(JsonNode submitted) {
                return emr.call("describeStep", parameters("ClusterId", submitted.path("ClusterId"), "StepId",
                        submitted.path("StepId")));
            }

            @Override
            public JobState state(JsonNode described) {
                return stateOf(described.path("Step").path("Status").path("State").asText(), Set.of("COMPLETED"),
                        Set.of("FAILED", "CANCELLED", "INTERRUPTED"));
            }

            @Override
            public JsonNode output(JsonNode described) {
                return described;
            }

            @Override
            public void stop(JsonNode submitted) {
                emr.call("cancelSteps", parameters("ClusterId", submitted.path("ClusterId"), "StepIds",
                        list(submitted.path("StepId"))));
            }
        };
    }

    /**
     * sagemaker:create{TrainingJob,TransformJob,ProcessingJob,LabelingJob,HyperParameterTuningJob}.sync: Describe*
     * until its *Status is Completed, or Failed or Stopped. The create call answers only the job's ARN; its name,
     * which the describe call takes, is added to TaskSubmitted's output.
     */
    static JobPoller sageMakerJob(Calls sageMaker, String job) {
        String nameMember = job + "Name";
        return new JobPoller() {
            @Override
            public ObjectNode start(JsonNode request) {
                ObjectNode submitted = sageMaker.callWithMetadata("create" + job, request);
                submitted.set(nameMember, request.path(nameMember));
                return submitted;
            }

            @Override
            public JsonNode describe(JsonNode submitted) {
                return sageMaker.call("describe" + job, parameters(nameMember, submitted.path(nameMember)));
            }

            @Override
            public JobState state(JsonNode described) {
                return stateOf(described.path(job + "Status").asText(), Set.of("Completed"),
                        Set.of("Failed", "Stopped"));
            }

            @Override
            public JsonNode output(JsonNode described) {
                return described;
            }

            @Override
            public void stop(JsonNode submitted) {
                sageMaker.call("stop" + job, parameters(nameMember, submitted.path(nameMember)));
            }
        };
    }

    /**
     * codebuild:startBuild.sync: BatchGetBuilds' build until its BuildStatus is SUCCEEDED, or FAILED, FAULT, STOPPED,
     * TIMED_OUT; the output is {@code {Build}}, as startBuild's.
     */
    static JobPoller codeBuild(Calls codeBuild) {
        return new JobPoller() {
            @Override
            public ObjectNode start(JsonNode request) {
                return codeBuild.callWithMetadata("startBuild", request);
            }

            @Override
            public JsonNode describe(JsonNode submitted) {
                String id = submitted.path("Build").path("Id").asText();
                ObjectNode described = Json.NODES.objectNode();
                described.set("Build", only(codeBuild.call("batchGetBuilds", parameters("Ids",
                        list(Json.NODES.textNode(id)))), "Builds", "CodeBuild build " + id));
                return described;
            }

            @Override
            public JobState state(JsonNode described) {
                return stateOf(described.path("Build").path("BuildStatus").asText(), Set.of("SUCCEEDED"),
                        Set.of("FAILED", "FAULT", "STOPPED", "TIMED_OUT"));
            }

            @Override
            public JsonNode output(JsonNode described) {
                return described;
            }

            @Override
            public void stop(JsonNode submitted) {
                codeBuild.call("stopBuild", parameters("Id", submitted.path("Build").path("Id")));
            }
        };
    }

    /**
     * eks:create{Cluster,Nodegroup,FargateProfile}.sync: Describe* until its Status is ACTIVE, or FAILED,
     * CREATE_FAILED; the delete actions' .sync: until the describe call answers ResourceNotFoundException (the
     * Task's output is then the delete call's response), or DELETE_FAILED. The resource's names, which the describe
     * call takes, are in the create and delete responses. AWS does not undo an EKS change on a timeout: stop does
     * nothing.
     */
    static JobPoller eksResource(Calls eks, String kind, boolean delete, String... keys) {
        String gone = "EKS.ResourceNotFoundException";
        return new JobPoller() {
            @Override
            public ObjectNode start(JsonNode request) {
                return eks.callWithMetadata((delete ? "delete" : "create") + kind, request);
            }

            @Override
            public JsonNode describe(JsonNode submitted) {
                JsonNode resource = submitted.path(kind);
                ObjectNode names = Json.NODES.objectNode();
                for (String key : keys) {
                    // the cluster's own name is Name; a nodegroup's or profile's cluster is ClusterName
                    names.set(key, resource.path(key));
                }
                try {
                    return eks.call("describe" + kind, names);
                } catch (AslError e) {
                    if (delete && gone.equals(e.error())) {
                        ObjectNode deleted = submitted.deepCopy();
                        deleted.remove(List.of("SdkHttpMetadata", "SdkResponseMetadata"));
                        deleted.put("Deleted", true);
                        return deleted;
                    }
                    throw e;
                }
            }

            @Override
            public JobState state(JsonNode described) {
                if (described.path("Deleted").asBoolean()) {
                    return JobState.SUCCEEDED;
                }
                return stateOf(described.path(kind).path("Status").asText(), delete ? Set.of() : Set.of("ACTIVE"),
                        Set.of("FAILED", "CREATE_FAILED", "DELETE_FAILED"));
            }

            @Override
            public JsonNode output(JsonNode described) {
                if (described.path("Deleted").asBoolean()) {
                    ObjectNode output = ((ObjectNode) described).deepCopy();
                    output.remove("Deleted");
                    return output;
                }
                return described;
            }

            @Override
            public void stop(JsonNode submitted) {
                // AWS leaves an EKS change it started to finish
            }
        };
    }

    private static JobPoller.JobState stateOf(String status, Set<String> succeeded, Set<String> failed) {
        return succeeded.contains(status) ? JobPoller.JobState.SUCCEEDED
                : failed.contains(status) ? JobPoller.JobState.FAILED : JobPoller.JobState.RUNNING;
    }

    /** The one element of a describe call's list; a job the service no longer knows fails the Task. */
    private static JsonNode only(JsonNode described, String list, String what) {
        JsonNode element = described.path(list).path(0);
        if (!element.isObject()) {
            throw new AslError(ErrorNames.TASK_FAILED, what + " is unknown to the service: " + Json.write(described));
        }
        return element;
    }
}
