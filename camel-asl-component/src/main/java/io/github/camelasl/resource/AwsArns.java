package io.github.camelasl.resource;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What AWS recognises in an ARN: partitions, regions and account ids as AWS Lambda's API reference writes them
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

    private AwsArns() {
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
