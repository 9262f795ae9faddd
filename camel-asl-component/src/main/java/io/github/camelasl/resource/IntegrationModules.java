package io.github.camelasl.resource;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Maven modules that run a service integration, so a definition refused for want of one can name it: an
 * {@code aws-sdk:SERVICE:ACTION} integration runs on the SDK bridge with the service's AWS SDK for Java v2 module, an
 * optimized one ({@code dynamodb:putItem}) on its connector. Integrations AWS has that no module here runs yet
 * (sagemaker, codebuild, ...) name the module planned for them; {@code states:} is built into the engine.
 */
public final class IntegrationModules {

    static final String GROUP = "io.github.camelasl:";

    /** Optimized integrations, by the service part of {@code SERVICE:ACTION}. */
    private static final Map<String, String> OPTIMIZED = Map.ofEntries(
            Map.entry("lambda", "camel-asl-aws-lambda"),
            Map.entry("sqs", "camel-asl-aws-sqs"),
            Map.entry("sns", "camel-asl-aws-sns"),
            Map.entry("s3", "camel-asl-aws-s3"),
            Map.entry("dynamodb", "camel-asl-aws-dynamodb"),
            Map.entry("events", "camel-asl-aws-eventbridge"),
            Map.entry("bedrock", "camel-asl-aws-bedrock"),
            Map.entry("apigateway", "camel-asl-aws-apigateway"),
            Map.entry("http", "camel-asl-http"),
            Map.entry("glue", "camel-asl-aws-jobs"),
            Map.entry("athena", "camel-asl-aws-jobs"),
            Map.entry("batch", "camel-asl-aws-jobs"),
            Map.entry("ecs", "camel-asl-aws-jobs"),
            Map.entry("sagemaker", "camel-asl-aws-jobs"),
            Map.entry("elasticmapreduce", "camel-asl-aws-jobs"),
            Map.entry("codebuild", "camel-asl-aws-jobs"),
            Map.entry("eks", "camel-asl-aws-jobs"));

    /** Resources that are no service integration but an AWS resource ARN a connector calls, by ARN service. */
    private static final Map<String, String> RESOURCE_ARNS = Map.of("lambda", "camel-asl-aws-lambda");

    /** An AWS SDK v2 module's artifact id: the service's package name, as the aws-sdk ARNs write it. */
    private static final Pattern SDK_SERVICE = Pattern.compile("[a-z][a-z0-9]*");

    private IntegrationModules() {
    }

    /**
     * The Maven coordinates ({@code groupId:artifactId}) of the modules that together run {@code integration}
     * ({@code aws-sdk:dynamodb:putItem}, {@code dynamodb:putItem.sync}, ...); empty when none is known (an unknown
     * service) or the engine runs it itself ({@code states:}).
     */
    public static List<String> of(String integration) {
        if (integration == null) {
            return List.of();
        }
        String[] parts = integration.split(":", -1);
        if (parts.length < 2) {
            return List.of();
        }
        if ("aws-sdk".equals(parts[0])) {
            String service = parts[1].toLowerCase(Locale.ROOT);
            return parts.length >= 3 && SDK_SERVICE.matcher(service).matches()
                    ? List.of(GROUP + "camel-asl-aws-sdk", "software.amazon.awssdk:" + service) : List.of();
        }
        String module = OPTIMIZED.get(parts[0]);
        return module == null ? List.of() : List.of(GROUP + module);
    }

    /** The module that runs a Resource ARN of {@code service} itself ({@code arn:aws:lambda:...:function:f}). */
    public static List<String> ofResourceArn(String service) {
        String module = service == null ? null : RESOURCE_ARNS.get(service);
        return module == null ? List.of() : List.of(GROUP + module);
    }
}
