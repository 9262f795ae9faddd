package io.github.camelasl.aws.jobs;

import static io.github.camelasl.aws.jobs.JobApps.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.testing.JobLifecycleStandIn;
import io.github.camelasl.dataflow.Json;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request-response form: the call's response in PascalCase with AWS's HTTP metadata, EMR's actions mapped onto
 * its API, and failed calls named as Step Functions' optimized integrations name them (v1 names and causes).
 */
class RequestResponseTasksTest {

    private static final String TASK = """
            {"StartAt": "Job", "States": {
              "Job": {"Type": "Task", "Resource": "arn:aws:states:::%s", "Parameters": %s,
                      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.failure", "Next": "Failed"}],
                      "End": true},
              "Failed": {"Type": "Pass", "End": true}}}""";

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

    private JsonNode run(String action, String parameters) throws Exception {
        try (CamelContext app = app(folder, TASK.formatted(action, parameters), "memory", jobs)) {
            return JobApps.run(app, "{}");
        }
    }

    @Test
    void submitJobAnswersTheResponseWithItsHttpMetadata() throws Exception {
        JsonNode output = run("batch:submitJob", "{\"JobName\": \"n\", \"JobQueue\": \"q\", \"JobDefinition\": \"d\"}");
        assertEquals("job-1", output.get("JobId").asText(), output.toString());
        assertEquals("n", output.get("JobName").asText());
        assertEquals("arn:aws:batch:us-east-1:123456789012:job/job-1", output.get("JobArn").asText());
        assertEquals(200, output.at("/SdkHttpMetadata/HttpStatusCode").asInt());
        assertTrue(output.at("/SdkResponseMetadata/RequestId").asText().startsWith("req-"), output.toString());
        assertTrue(jobs.requests("batch", "DescribeJobs").isEmpty(), "request-response does not follow the job");
    }

    @Test
    void addStepIsAddJobFlowStepsOfOneStep() throws Exception {
        JsonNode output = run("elasticmapreduce:addStep", "{\"ClusterId\": \"j-9\", \"Step\": {\"Name\": \"s\", "
                + "\"HadoopJarStep\": {\"Jar\": \"command-runner.jar\"}}}");
        assertEquals("s-1", output.get("StepId").asText(), output.toString());
        assertEquals(Json.parse("{\"JobFlowId\":\"j-9\",\"Steps\":[{\"Name\":\"s\",\"HadoopJarStep\":{\"Jar\":"
                + "\"command-runner.jar\"}}]}"), jobs.requests("emr", "AddJobFlowSteps").get(0).body());
    }

    @Test
    void aFailedCallIsNamedAsStepFunctionsNamesIt() throws Exception {
        jobs.fail("StartJobRun", 1, 400, "EntityNotFoundException", "Job etl not found");
        JsonNode failure = run("glue:startJobRun", "{\"JobName\": \"etl\"}").get("failure");
        assertEquals("Glue.EntityNotFoundException", failure.get("Error").asText());
        assertTrue(failure.get("Cause").asText().matches("Job etl not found \\(Service: AWSGlue; Status Code: 400; "
                + "Error Code: EntityNotFoundException; Request ID: req-\\d+; Proxy: null\\)"), failure.toString());
    }

    @Test
    void anErrorTheModelDoesNotNameIsTheServicesV1BaseException() throws Exception {
        jobs.fail("SubmitJob", 1, 400, "SomethingNew", "no");
        JsonNode failure = run("batch:submitJob", "{\"JobName\": \"n\", \"JobQueue\": \"q\", \"JobDefinition\": "
                + "\"d\"}").get("failure");
        assertEquals("Batch.AWSBatchException", failure.get("Error").asText(), failure.toString());
    }

    @Test
    void aParameterTheActionDoesNotTakeIsRefusedByName() throws Exception {
        JsonNode failure = run("glue:startJobRun", "{\"JobName\": \"etl\", \"Bogus\": 1}").get("failure");
        assertTrue(failure.get("Cause").asText().contains("'Bogus'"), failure.toString());
        assertTrue(jobs.requests().isEmpty(), "nothing was called");
    }
}
