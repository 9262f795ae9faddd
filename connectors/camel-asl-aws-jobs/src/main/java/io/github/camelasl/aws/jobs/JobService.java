package io.github.camelasl.aws.jobs;

import io.github.camelasl.aws.V1ErrorNames;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.BatchException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.EmrException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.GlueException;

/**
 * A job service: its name in Step Functions' ARNs, its SDK client, the name of its endpoint variable
 * ({@code AWS_ENDPOINT_URL_<name>}) and its errors, named as Step Functions' optimized integrations name them (the
 * AWS SDK for Java v1's exception names: {@code Glue.EntityNotFoundException}, {@code Batch.ClientException}).
 */
enum JobService {

    GLUE("glue", GlueClient.class, "GLUE", new V1ErrorNames("Glue", "AWSGlue", GlueException.class)),
    ATHENA("athena", AthenaClient.class, "ATHENA", new V1ErrorNames("Athena", "AmazonAthena",
            AthenaException.class)),
    BATCH("batch", BatchClient.class, "BATCH", new V1ErrorNames("Batch", "AWSBatch", BatchException.class)),
    ECS("ecs", EcsClient.class, "ECS", new V1ErrorNames("ECS", "AmazonECS", EcsException.class)),
    EMR("elasticmapreduce", EmrClient.class, "EMR", new V1ErrorNames("EMR", "AmazonElasticMapReduce",
            EmrException.class)),
    EKS("eks", EksClient.class, "EKS", new V1ErrorNames("EKS", "AmazonEKS", EksException.class));

    private final String arnName;
    private final Class<? extends SdkClient> client;
    private final String endpointName;
    private final V1ErrorNames errors;

    JobService(String arnName, Class<? extends SdkClient> client, String endpointName, V1ErrorNames errors) {
        this.arnName = arnName;
        this.client = client;
        this.endpointName = endpointName;
        this.errors = errors;
    }

    /** The service as the ARN names it: {@code glue}, {@code elasticmapreduce}. */
    String arnName() {
        return arnName;
    }

    Class<? extends SdkClient> client() {
        return client;
    }

    String endpointName() {
        return endpointName;
    }

    V1ErrorNames errors() {
        return errors;
    }

    static JobService named(String arnName) {
        for (JobService service : values()) {
            if (service.arnName.equals(arnName)) {
                return service;
            }
        }
        throw new IllegalArgumentException("asl-aws-jobs has no service '" + arnName + "'");
    }
}
