package io.github.camelasl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Map: runs the item processor once per item. {@code itemSelector} is ItemSelector or the older Parameters;
 * {@code itemProcessor} is ItemProcessor or the older Iterator. Numeric fields are JsonNodes because
 * JSONata states may give them as expressions; null when absent.
 */
public record MapState(
        StateCommon common, StateMachine itemProcessor, String processorMode, String executionType,
        String itemsPath, JsonNode items, Template itemSelector, JsonNode maxConcurrency, String maxConcurrencyPath,
        JsonNode toleratedFailureCount, String toleratedFailureCountPath, JsonNode toleratedFailurePercentage,
        String toleratedFailurePercentagePath, JsonNode itemReader, JsonNode itemBatcher, JsonNode resultWriter,
        String label, JsonNode arguments, Template resultSelector, String resultPath, List<Retrier> retry,
        List<Catcher> catchers) implements State, ErrorHandling {

    public boolean distributed() {
        return "DISTRIBUTED".equals(processorMode);
    }
}
