package io.github.camelasl.aws;

import io.github.camelasl.resource.AwsArns;
import java.util.Optional;

/**
 * An Amazon Resource Name: {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}. The resource part keeps its
 * colons ({@code function:NAME:QUALIFIER}, {@code ::lambda:invoke} style service integrations). The connectors'
 * view of the component's {@link AwsArns.Arn}, which reads it.
 */
public record Arn(String partition, String service, String region, String account, String resource) {

    /** Parses an ARN (as the component's {@link AwsArns#parse} does); empty when the text is not one. */
    public static Optional<Arn> parse(String text) {
        return AwsArns.parse(text).map(arn -> new Arn(arn.partition(), arn.service(), arn.region(), arn.account(),
                arn.resource()));
    }

    /**
     * The integration of an optimized or SDK service integration, {@code arn:aws:states:::lambda:invoke} gives
     * "lambda:invoke" (with any {@code .sync} or {@code .waitForTaskToken} suffix), or empty for other ARNs.
     */
    public Optional<String> integration() {
        return new AwsArns.Arn(partition, service, region, account, resource).integration();
    }

    /**
     * The integration without a {@code .waitForTaskToken} suffix: the engine hands out the token and waits for
     * it (see TaskTokens), so a connector runs the callback variant exactly as the plain one.
     */
    public Optional<String> integrationCalledBack() {
        return integration().map(i -> i.endsWith(CALLBACK) ? i.substring(0, i.length() - CALLBACK.length()) : i);
    }

    private static final String CALLBACK = ".waitForTaskToken";
}
