package io.github.camelasl.model;

import java.math.BigDecimal;
import java.util.List;

/** One Retry entry, with AWS's defaults filled in. maxDelaySeconds is null when absent. */
public record Retrier(
        List<String> errorEquals, BigDecimal intervalSeconds, int maxAttempts, BigDecimal backoffRate,
        Integer maxDelaySeconds, JitterStrategy jitterStrategy) {

    public enum JitterStrategy { FULL, NONE }
}
