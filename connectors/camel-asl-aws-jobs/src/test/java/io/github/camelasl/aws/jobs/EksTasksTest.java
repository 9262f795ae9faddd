package io.github.camelasl.aws.jobs;

import static io.github.camelasl.aws.jobs.JobApps.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.aws.testing.JobLifecycleStandIn;
import io.github.camelasl.dataflow.Json;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EKS's create and delete actions with .sync: a create waits until the resource is ACTIVE (a failed one fails the
 * Task with its description), a delete until the resource is gone.
 */
class EksTasksTest {

    private static final String TASK = """
            {"StartAt": "Eks", "States": {
              "Eks": {"Type": "Task", "Resource": "arn:aws:states:::eks:%s.sync", "Parameters": %s,
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
    void createClusterWaitsUntilItIsActive() throws Exception {
        jobs.script("eks", "CREATING", "ACTIVE");
        JsonNode output = run("createCluster", "{\"Name\": \"prod\", \"RoleArn\": \"arn:aws:iam::1:role/r\", "
                + "\"ResourcesVpcConfig\": {\"SubnetIds\": [\"s-1\"]}}");
        assertEquals(Json.parse("{\"Cluster\": {\"Name\": \"prod\", \"Status\": \"ACTIVE\"}}"), output);
        ObjectNode sent = (ObjectNode) jobs.requests("eks", "CreateCluster").get(0).body();
        assertFalse(sent.remove("clientRequestToken").asText().isEmpty(), "the SDK's idempotency token");
        assertEquals(Json.parse("{\"name\":\"prod\",\"roleArn\":\"arn:aws:iam::1:role/r\",\"resourcesVpcConfig\":"
                + "{\"subnetIds\":[\"s-1\"]}}"), sent);
    }

    @Test
    void aNodegroupThatFailsToCreateFailsTheTask() throws Exception {
        jobs.script("eks", "CREATING", "CREATE_FAILED");
        JsonNode failure = run("createNodegroup", "{\"ClusterName\": \"prod\", \"NodegroupName\": \"ng\", "
                + "\"Subnets\": [\"s-1\"], \"NodeRole\": \"arn:aws:iam::1:role/n\"}").get("failure");
        assertEquals("States.TaskFailed", failure.get("Error").asText());
        assertEquals("CREATE_FAILED", Json.parse(failure.get("Cause").asText()).at("/Nodegroup/Status").asText());
    }

    @Test
    void deleteFargateProfileWaitsUntilItIsGone() throws Exception {
        jobs.script("eks", "CREATING", "ACTIVE").script("eks", "DELETING", "DELETING", "GONE");
        run("createFargateProfile", "{\"ClusterName\": \"prod\", \"FargateProfileName\": \"fp\", "
                + "\"PodExecutionRoleArn\": \"arn:aws:iam::1:role/p\"}");
        JsonNode output = run("deleteFargateProfile", "{\"ClusterName\": \"prod\", \"FargateProfileName\": \"fp\"}");
        assertEquals(Json.parse("{\"FargateProfile\": {\"ClusterName\": \"prod\", \"FargateProfileName\": \"fp\", "
                + "\"Status\": \"DELETING\"}}"), output);
        assertFalse(jobs.requests("eks", "DescribeFargateProfile").isEmpty());
    }
}
