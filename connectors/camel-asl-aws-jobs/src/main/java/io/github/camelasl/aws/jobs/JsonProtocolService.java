package io.github.camelasl.aws.jobs;

import io.github.camelasl.aws.V1ErrorNames;
import java.util.Set;

/**
 * A job service called over AWS's JSON 1.1 protocol, signed with SigV4, without its SDK client (SageMaker's and
 * CodeBuild's SDK modules are not on this project's Maven mirror): its ARN name, its signing name, the prefix of its
 * {@code X-Amz-Target}, its host and endpoint variable, whether its wire members are lower camel case (CodeBuild's
 * are; Step Functions' parameters and results are PascalCase), and its errors, v1's modelled exception names
 * among them.
 */
enum JsonProtocolService {

    SAGEMAKER("sagemaker", "sagemaker", "SageMaker", "api.sagemaker.%s.amazonaws.com", "SAGEMAKER", false,
            new V1ErrorNames("SageMaker", "AmazonSageMaker", null),
            Set.of("ConflictException", "ResourceInUseException", "ResourceLimitExceededException",
                    "ResourceNotFoundException")),
    CODEBUILD("codebuild", "codebuild", "CodeBuild_20161006", "codebuild.%s.amazonaws.com", "CODEBUILD", true,
            new V1ErrorNames("CodeBuild", "AWSCodeBuild", null),
            Set.of("AccountLimitExceededException", "InvalidInputException", "OAuthProviderException",
                    "ResourceAlreadyExistsException", "ResourceNotFoundException", "AccountSuspendedException"));

    final String arnName;
    final String signingName;
    final String targetPrefix;
    final String hostPattern;
    final String endpointName;
    final boolean camelCaseWire;
    final V1ErrorNames errors;
    /** v1's exception classes: an error code names one with "Exception" appended when it lacks it. */
    final Set<String> exceptions;

    JsonProtocolService(String arnName, String signingName, String targetPrefix, String hostPattern,
            String endpointName, boolean camelCaseWire, V1ErrorNames errors, Set<String> exceptions) {
        this.arnName = arnName;
        this.signingName = signingName;
        this.targetPrefix = targetPrefix;
        this.hostPattern = hostPattern;
        this.endpointName = endpointName;
        this.camelCaseWire = camelCaseWire;
        this.errors = errors;
        this.exceptions = exceptions;
    }
}
