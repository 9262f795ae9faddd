package io.github.camelasl.aws;

import java.util.Optional;

/**
 * An Amazon Resource Name: {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}. The resource part keeps its
 * colons ({@code function:NAME:QUALIFIER}, {@code ::lambda:invoke} style service integrations).
 */
public record Arn(String partition, String service, String region, String account, String resource) {

    /** Parses an ARN; empty when the text is not one. */
    public static Optional<Arn> parse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6) {
            return Optional.empty();
        }
        return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
    }

    /**
     * The integration of an optimized or SDK service integration, {@code arn:aws:states:::lambda:invoke} gives
     * "lambda:invoke" (with any {@code .sync} or {@code .waitForTaskToken} suffix), or empty for other ARNs.
     */
    public Optional<String> integration() {
        if (!"states".equals(service) || !region.isEmpty() || !account.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(resource);
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
