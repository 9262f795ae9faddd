package io.github.camelasl.resource;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that reads ARNs: their six parts ({@link #parse}), the kinds of Task Resource the engine treats
 * apart (activities, {@code .sync} and {@code .waitForTaskToken} integrations), and what AWS recognises: partitions, regions and account ids as AWS Lambda's API reference writes them
 * (the FunctionArn pattern, https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html), and the
 * regional form of a Step Functions service integration,
 * {@code arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject}, which AWS's published samples use and AWS runs
 * as {@code arn:aws:states:::aws-sdk:s3:getObject}.
 */
public final class AwsArns {

    /** {@code aws}, {@code aws-cn}, {@code aws-us-gov}, ... */
    private static final String PARTITION = "aws[a-zA-Z-]*";
    /** {@code us-east-1}, {@code us-gov-west-1}, {@code us-iso-east-1}, {@code eusc-de-east-1}, ... */
    private static final String REGION = "(eusc-)?[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]";
    private static final String ACCOUNT = "[0-9]{12}";

    private static final Pattern REGIONAL_INTEGRATION = Pattern.compile(
            "arn:(?<partition>" + PARTITION + "):states:" + REGION + ":" + ACCOUNT
                    + ":(?!(activity|stateMachine|execution|express|mapRun):)(?<integration>[a-z0-9-]+:.+)");

    /**
     * AWS Lambda's function ARNs: a function name of 1 to 64 letters, digits, - or _, and a qualifier: $LATEST, a
     * version or an alias (up to 128 of the same characters).
     */
    private static final Pattern LAMBDA_FUNCTION = Pattern.compile("arn:" + PARTITION + ":lambda:" + REGION + ":"
            + ACCOUNT + ":function:[A-Za-z0-9_-]{1,64}(:(\\$LATEST|[A-Za-z0-9_-]{1,128}))?");

    /** An activity: {@code arn:aws:states:REGION:ACCOUNT:activity:NAME}. */
    private static final Pattern ACTIVITY = Pattern.compile("arn:[^:]+:states:[^:]*:[^:]*:activity:.+");
    /** A service integration run to completion: {@code arn:aws:states:::glue:startJobRun.sync} (or {@code .sync:2}). */
    private static final Pattern SYNC = Pattern.compile("arn:[^:]+:states:::.+\\.sync(:\\d+)?");
    /** A service integration that waits for its task token: {@code arn:aws:states:::sqs:sendMessage.waitForTaskToken}. */
    private static final Pattern WAIT_FOR_TASK_TOKEN = Pattern.compile("arn:[^:]+:states:::.+\\.waitForTaskToken");

    /**
     * An Amazon Resource Name's parts: {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}, the resource keeping
     * its colons ({@code function:NAME:QUALIFIER}, {@code lambda:invoke}).
     */
    public record Arn(String partition, String service, String region, String account, String resource) {

        /**
         * The integration of a (regionless) service integration ARN: {@code arn:aws:states:::lambda:invoke} gives
         * "lambda:invoke", with any {@code .sync} or {@code .waitForTaskToken} suffix; empty for other ARNs.
         */
        public Optional<String> integration() {
            return "states".equals(service) && region.isEmpty() && account.isEmpty() ? Optional.of(resource)
                    : Optional.empty();
        }
    }

    private AwsArns() {
    }

    /** The parts of an ARN; empty when the text is not one (no {@code arn:} prefix, or fewer than six parts). */
    public static Optional<Arn> parse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = text.split(":", 6);
        return parts.length < 6 ? Optional.empty()
                : Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
    }

    /** True for an activity ARN: a worker takes the task and answers. */
    public static boolean isActivity(String resource) {
        // asked several times per Task call: the plain substring test spares every other Task a regex match
        return resource != null && resource.contains(":activity:") && ACTIVITY.matcher(resource).matches();
    }

    /** True for a {@code .sync} service integration, given with or without a region and account. */
    public static boolean isSyncIntegration(String resource) {
        return resource != null && SYNC.matcher(regionlessIntegration(resource).orElse(resource)).matches();
    }

    /** True for a {@code .waitForTaskToken} service integration, given with or without a region and account. */
    public static boolean isCallbackIntegration(String resource) {
        return resource != null
                && WAIT_FOR_TASK_TOKEN.matcher(regionlessIntegration(resource).orElse(resource)).matches();
    }

    /** True for an ARN of the Lambda service ({@code arn:PARTITION:lambda:...}), valid or not. */
    public static boolean isLambda(String resource) {
        String[] parts = resource == null ? new String[0] : resource.split(":", 4);
        return parts.length == 4 && "arn".equals(parts[0]) && "lambda".equals(parts[2]);
    }

    /** True for a Lambda function ARN AWS recognises (see {@link #LAMBDA_FUNCTION}). */
    public static boolean isLambdaFunction(String resource) {
        return resource != null && LAMBDA_FUNCTION.matcher(resource).matches();
    }

    /**
     * The regionless form of a service integration ARN given with a region and account
     * ({@code arn:aws:states:us-east-1:123456789012:sqs:sendMessage} gives {@code arn:aws:states:::sqs:sendMessage});
     * empty for anything else, the states ARNs of activities, state machines and executions among them.
     */
    public static Optional<String> regionlessIntegration(String resource) {
        if (resource == null || !resource.startsWith("arn:")) {
            return Optional.empty();
        }
        Matcher matcher = REGIONAL_INTEGRATION.matcher(resource);
        return matcher.matches()
                ? Optional.of("arn:" + matcher.group("partition") + ":states:::" + matcher.group("integration"))
                : Optional.empty();
    }
}
