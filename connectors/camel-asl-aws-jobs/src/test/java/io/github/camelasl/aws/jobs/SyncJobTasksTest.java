package io.github.camelasl.aws.jobs;

import static io.github.camelasl.aws.jobs.JobApps.app;
import static io.github.camelasl.aws.jobs.JobApps.await;
import static io.github.camelasl.aws.jobs.JobApps.awaitEnd;
import static io.github.camelasl.aws.jobs.JobApps.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.testing.JobLifecycleStandIn;
import io.github.camelasl.dataflow.Json;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code .sync} job integrations end to end: real SDK clients against {@link JobLifecycleStandIn}, a job walking
 * its scripted statuses. Success gives the describe call's output; failure States.TaskFailed with it as cause; a
 * TimeoutSeconds or a stopped execution stops the job; a restart follows the job it started; throttled describe
 * calls are tried again.
 */
class SyncJobTasksTest {

    /** Each service's .sync action, a request AWS accepts, and where its output says how the job ended. */
    enum Service {
        GLUE("glue", "glue:startJobRun", "{\"JobName\": \"etl\", \"Arguments\": {\"--day\": \"1\"}}",
                "/JobRunState", "SUCCEEDED", "FAILED", "StartJobRun", "BatchStopJobRun"),
        ATHENA("athena", "athena:startQueryExecution", "{\"QueryString\": \"SELECT 1\", \"WorkGroup\": \"primary\"}",
                "/QueryExecution/Status/State", "SUCCEEDED", "FAILED", "StartQueryExecution", "StopQueryExecution"),
        BATCH("batch", "batch:submitJob", "{\"JobName\": \"nightly\", \"JobQueue\": \"q\", \"JobDefinition\": \"d:1\"}",
                "/Status", "SUCCEEDED", "FAILED", "SubmitJob", "TerminateJob"),
        ECS("ecs", "ecs:runTask", "{\"Cluster\": \"c1\", \"TaskDefinition\": \"td:3\", \"LaunchType\": \"FARGATE\"}",
                "/Containers/0/ExitCode", "0", "1", "RunTask", "StopTask"),
        EMR("emr", "elasticmapreduce:addStep", "{\"ClusterId\": \"j-1\", \"Step\": {\"Name\": \"spark\", "
                + "\"ActionOnFailure\": \"CONTINUE\", \"HadoopJarStep\": {\"Jar\": \"command-runner.jar\", "
                + "\"Args\": [\"spark-submit\"]}}}", "/Step/Status/State", "COMPLETED", "FAILED", "AddJobFlowSteps",
                "CancelSteps"),
        SAGEMAKER("sagemaker", "sagemaker:createTrainingJob", "{\"TrainingJobName\": \"train1\", \"RoleArn\": "
                + "\"arn:aws:iam::123456789012:role/r\", \"StoppingCondition\": {\"MaxRuntimeInSeconds\": 60}}",
                "/TrainingJobStatus", "Completed", "Failed", "CreateTrainingJob", "StopTrainingJob"),
        CODEBUILD("codebuild", "codebuild:startBuild", "{\"ProjectName\": \"site\", \"EnvironmentVariablesOverride\": "
                + "[{\"Name\": \"STAGE\", \"Value\": \"prod\"}]}", "/Build/BuildStatus", "SUCCEEDED", "FAILED",
                "StartBuild", "StopBuild");

        final String standIn;
        final String action;
        final String parameters;
        final String statusPointer;
        final String succeeded;
        final String failed;
        final String startOperation;
        final String stopOperation;

        Service(String standIn, String action, String parameters, String statusPointer, String succeeded,
                String failed, String startOperation, String stopOperation) {
            this.standIn = standIn;
            this.action = action;
            this.parameters = parameters;
            this.statusPointer = statusPointer;
            this.succeeded = succeeded;
            this.failed = failed;
            this.startOperation = startOperation;
            this.stopOperation = stopOperation;
        }

        String definition(String taskFields) {
            return """
                    {"StartAt": "Job", "States": {
                      "Job": {"Type": "Task", "Resource": "arn:aws:states:::%s.sync", "Parameters": %s, %s
                              "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.failure", "Next": "Failed"}],
                              "End": true},
                      "Failed": {"Type": "Pass", "End": true}}}""".formatted(action, parameters, taskFields);
        }
    }

    @TempDir
    Path folder;

    private JobLifecycleStandIn jobs;

    @BeforeEach
    void standIn() throws Exception {
        jobs = new JobLifecycleStandIn();
    }

    @AfterEach
    void close() {
        jobs.close();
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void aJobThatSucceedsGivesItsDescriptionAsTheTasksOutput(Service service) throws Exception {
        jobs.script(service.standIn, "RUNNING", "RUNNING", "SUCCEEDED");
        try (CamelContext app = app(folder, service.definition(""), "memory", jobs)) {
            JsonNode output = JobApps.run(app, "{}");
            assertEquals(service.succeeded, output.at(service.statusPointer).asText(), output.toString());
            assertEquals(1, jobs.requests(service.standIn, service.startOperation).size());
            assertTrue(jobs.requests().size() >= 4, "described until it ended: " + jobs.requests());
            assertEquals(0, app.getComponent("asl-aws-jobs", JobsComponent.class).syncJobs().following());
        }
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void aJobThatFailsFailsTheTaskWithItsDescriptionAsCause(Service service) throws Exception {
        jobs.script(service.standIn, "RUNNING", "FAILED");
        try (CamelContext app = app(folder, service.definition(""), "memory", jobs)) {
            JsonNode failure = JobApps.run(app, "{}")
                    .get("failure");
            assertEquals("States.TaskFailed", failure.get("Error").asText());
            JsonNode cause = Json.parse(failure.get("Cause").asText());
            assertEquals(service.failed, cause.at(service.statusPointer).asText(), cause.toString());
        }
    }

    @Test
    void theStartRequestIsTheTasksParametersInTheServicesWireNames() throws Exception {
        try (CamelContext app = app(folder, Service.BATCH.definition(""), "memory", jobs)) {
            JobApps.run(app, "{}");
            JsonNode submitted = jobs.requests("batch", "SubmitJob").get(0).body();
            assertEquals(Json.parse("{\"jobName\":\"nightly\",\"jobQueue\":\"q\",\"jobDefinition\":\"d:1\"}"),
                    submitted);
        }
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void timeoutSecondsStopsTheJob(Service service) throws Exception {
        jobs.script(service.standIn, "RUNNING");
        try (CamelContext app = app(folder, service.definition("\"TimeoutSeconds\": 1,"), "memory", jobs)) {
            JsonNode failure = JobApps.run(app, "{}")
                    .get("failure");
            assertEquals("States.Timeout", failure.get("Error").asText());
            await(service.stopOperation + " called", () -> !jobs.requests(service.standIn, service.stopOperation)
                    .isEmpty());
            await("the job stopped", () -> jobs.stopped(firstJobId(service)));
        }
    }

    /** The stand-in numbers its jobs from 1, with each service's id prefix. */
    private static String firstJobId(Service service) {
        return switch (service) {
            case GLUE -> "jr_1";
            case ATHENA -> "q-1";
            case BATCH -> "job-1";
            case ECS -> "arn:aws:ecs:us-east-1:123456789012:task/c1/1";
            case EMR -> "s-1";
            case SAGEMAKER -> "train1";
            case CODEBUILD -> "site:1";
        };
    }

    @Test
    void sageMakerIsCalledOverItsJsonProtocolSignedWithSigV4() throws Exception {
        try (CamelContext app = app(folder, Service.SAGEMAKER.definition(""), "memory", jobs)) {
            JsonNode output = JobApps.run(app, "{}");
            assertEquals("train1", output.get("TrainingJobName").asText(), output.toString());
            JobLifecycleStandIn.Request create = jobs.requests("sagemaker", "CreateTrainingJob").get(0);
            assertEquals(Json.parse(Service.SAGEMAKER.parameters), create.body(), "the parameters are the wire body");
            assertTrue(create.authorization().startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/"), create.toString());
            assertTrue(create.authorization().contains("/us-east-1/sagemaker/aws4_request"), create.toString());
        }
    }

    @Test
    void codeBuildsWireMembersAreLowerCamelCaseAndItsResultPascalCase() throws Exception {
        try (CamelContext app = app(folder, Service.CODEBUILD.definition(""), "memory", jobs)) {
            JsonNode output = JobApps.run(app, "{}");
            assertEquals(Json.parse("{\"Build\": {\"Id\": \"site:1\", \"Arn\": "
                    + "\"arn:aws:codebuild:us-east-1:123456789012:build/site:1\", \"ProjectName\": \"site\", "
                    + "\"BuildStatus\": \"SUCCEEDED\"}}"), output);
            assertEquals(Json.parse("{\"projectName\": \"site\", \"environmentVariablesOverride\": [{\"name\": "
                    + "\"STAGE\", \"value\": \"prod\"}]}"), jobs.requests("codebuild", "StartBuild").get(0).body());
        }
    }

    @Test
    void stoppingTheExecutionStopsTheJob() throws Exception {
        jobs.script("glue", "RUNNING");
        try (CamelContext app = app(folder, Service.GLUE.definition(""), "memory", jobs)) {
            String arn = start(app, "{}", "stopped");
            await("the job described", () -> !jobs.requests("glue", "GetJobRun").isEmpty());
            app.createProducerTemplate().requestBody("direct:stop", "{\"executionArn\": \"" + arn + "\"}",
                    String.class);
            await("the job stopped", () -> jobs.stopped("jr_1"));
            JsonNode stop = jobs.requests("glue", "BatchStopJobRun").get(0).body();
            assertEquals(Json.parse("{\"JobName\":\"etl\",\"JobRunIds\":[\"jr_1\"]}"), stop);
            int described = jobs.requests("glue", "GetJobRun").size();
            Thread.sleep(200);
            assertEquals(described, jobs.requests("glue", "GetJobRun").size(), "no longer followed");
        }
    }

    @Test
    void aRestartFollowsTheJobItStartedAndStartsNoOther() throws Exception {
        jobs.script("glue", "RUNNING");
        String arn;
        try (CamelContext app = app(folder, Service.GLUE.definition(""), "sqlite", jobs)) {
            arn = start(app, "{}", "durable");
            await("the job described", () -> !jobs.requests("glue", "GetJobRun").isEmpty());
        }
        assertTrue(jobs.requests("glue", "BatchStopJobRun").isEmpty(), "stopping the app leaves the job running");
        int describedBefore = jobs.requests("glue", "GetJobRun").size();
        try (CamelContext app = app(folder, Service.GLUE.definition(""), "sqlite", jobs)) {
            await("the same job described again", () -> jobs.requests("glue", "GetJobRun").size() > describedBefore);
            jobs.set("jr_1", "SUCCEEDED");
            JsonNode described = awaitEnd(app, arn);
            assertEquals("SUCCEEDED", described.get("status").asText(), described.toString());
            assertEquals("SUCCEEDED", Json.parse(described.get("output").asText()).get("JobRunState").asText());
            assertEquals(1, jobs.requests("glue", "StartJobRun").size(), "no second job");
            List<JsonNode> describes = jobs.requests("glue", "GetJobRun").stream().map(r -> r.body()).toList();
            assertEquals(Json.parse("{\"JobName\":\"etl\",\"RunId\":\"jr_1\"}"), describes.get(describes.size() - 1));
        }
    }

    @Test
    void throttledDescribeCallsAreTriedAgain() throws Exception {
        jobs.script("glue", "RUNNING", "SUCCEEDED").throttle("GetJobRun", 3);
        try (CamelContext app = app(folder, Service.GLUE.definition(""), "memory", jobs)) {
            JsonNode output = JobApps.run(app, "{}");
            assertEquals("SUCCEEDED", output.get("JobRunState").asText(), output.toString());
            assertTrue(jobs.requests("glue", "GetJobRun").size() >= 5);
        }
    }

    @Test
    void aDescribeCallTheServiceRefusesFailsTheTaskWithItsError() throws Exception {
        jobs.fail("GetJobRun", 1, 400, "EntityNotFoundException", "Job run jr_1 not found");
        try (CamelContext app = app(folder, Service.GLUE.definition(""), "memory", jobs)) {
            JsonNode failure = JobApps.run(app, "{}")
                    .get("failure");
            assertEquals("Glue.EntityNotFoundException", failure.get("Error").asText());
            assertTrue(failure.get("Cause").asText().startsWith("Job run jr_1 not found (Service: AWSGlue; Status "
                    + "Code: 400; Error Code: EntityNotFoundException; Request ID: "), failure.toString());
        }
    }
}
