package io.github.camelasl.aws.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.resource.ResourceProblem;
import io.github.camelasl.resource.ResourceRefusedException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which job ARNs run here, and on what: .sync only where AWS offers it, nothing for other actions or suffixes. */
class JobsResourceResolverTest {

    private final JobsResourceResolver resolver = new JobsResourceResolver();

    private Optional<String> resolve(String resource) {
        return resolver.resolve(resource, null);
    }

    @Test
    void eachServicesActionsResolveWithTheirSyncForm() {
        assertEquals(Optional.of("asl-aws-jobs:glue/startJobRun"), resolve("arn:aws:states:::glue:startJobRun"));
        assertEquals(Optional.of("asl-aws-jobs:glue/startJobRun?sync=true"),
                resolve("arn:aws:states:::glue:startJobRun.sync"));
        assertEquals(Optional.of("asl-aws-jobs:batch/submitJob?sync=true"),
                resolve("arn:aws:states:::batch:submitJob.sync"));
        assertEquals(Optional.of("asl-aws-jobs:elasticmapreduce/addStep?sync=true"),
                resolve("arn:aws:states:::elasticmapreduce:addStep.sync"));
        assertEquals(Optional.of("asl-aws-jobs:athena/getQueryResults"),
                resolve("arn:aws:states:::athena:getQueryResults"));
        assertEquals(Optional.of("asl-aws-jobs:eks/createNodegroup"), resolve("arn:aws:states:::eks:createNodegroup"));
        assertEquals(Optional.of("asl-aws-jobs:ecs/runTask"), resolve("arn:aws:states:::ecs:runTask.waitForTaskToken"));
    }

    @Test
    void whatAwsDoesNotOfferResolvesToNothing() {
        assertEquals(Optional.empty(), resolve("arn:aws:states:::glue:getJobRun"), "not an optimized action");
        assertEquals(Optional.empty(), resolve("arn:aws:states:::glue:startJobRun.sync:2"));
        assertEquals(Optional.empty(), resolve("arn:aws:states:::athena:getQueryResults.sync"));
        assertEquals(Optional.empty(), resolve("arn:aws:states:::batch:submitJob.waitForTaskToken"));
        assertEquals(Optional.empty(), resolve("arn:aws:states:::sagemaker:createModel.sync"));
        assertEquals(Optional.empty(), resolve("arn:aws:lambda:us-east-1:123456789012:function:f"));
    }

    @Test
    void eksRunJobAndCallAreRefusedSayingWhy() {
        for (String resource : List.of("arn:aws:states:::eks:runJob.sync", "arn:aws:states:::eks:call")) {
            ResourceRefusedException refused = assertThrows(ResourceRefusedException.class, () -> resolve(resource));
            assertTrue(refused.getMessage().contains("Kubernetes API"), refused.getMessage());
        }
    }

    @Test
    void sageMakerAndCodeBuildActionsResolve() {
        assertEquals(Optional.of("asl-aws-jobs:sagemaker/createTrainingJob?sync=true"),
                resolve("arn:aws:states:::sagemaker:createTrainingJob.sync"));
        assertEquals(Optional.of("asl-aws-jobs:sagemaker/createHyperParameterTuningJob?sync=true"),
                resolve("arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync"));
        assertEquals(Optional.of("asl-aws-jobs:sagemaker/createEndpoint"),
                resolve("arn:aws:states:::sagemaker:createEndpoint"));
        assertEquals(Optional.of("asl-aws-jobs:codebuild/startBuild?sync=true"),
                resolve("arn:aws:states:::codebuild:startBuild.sync"));
        assertEquals(Optional.of("asl-aws-jobs:codebuild/batchGetReports"),
                resolve("arn:aws:states:::codebuild:batchGetReports"));
    }

    @Test
    void missingRequiredParametersAreReportedAtDeployment() throws Exception {
        List<ResourceProblem> problems = resolver.check("arn:aws:states:::batch:submitJob.sync", Json.parse(
                "{\"Type\": \"Task\", \"Parameters\": {\"JobName.$\": \"$.name\", \"JobQueue\": \"q\"}}"));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(ResourceProblem.missing("Parameters", "JobDefinition").toString(), problems.get(0).toString());
        assertEquals(List.of(), resolver.check("arn:aws:states:::glue:startJobRun.sync", Json.parse(
                "{\"Type\": \"Task\", \"Parameters\": {\"JobName\": \"etl\"}}")));
    }
}
