package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A Distributed Map batches the items ItemsPath (or JSONata's Items) selects as it batches an ItemReader's: AWS's
 * ItemBatcher works on "the items" whatever their source, ItemSelector shaping each item before it is batched
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html). Before, such a Map
 * neither batched nor applied ItemSelector: every item went through alone and unchanged.
 */
class ItemsPathBatchingTest extends EngineTestSupport {

    private static final String PROCESSOR = """
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""";

    @Test
    void itemsPathItemsAreBatched() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.rows", "End": true,
                  "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"run.$": "$.run"}}, %s}}}"""
                .formatted(PROCESSOR), "{\"run\": 7, \"rows\": [1, 2, 3]}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals(json("[{\"BatchInput\": {\"run\": 7}, \"Items\": [1, 2]},"
                + " {\"BatchInput\": {\"run\": 7}, \"Items\": [3]}]"), result.output());
    }

    @Test
    void itemSelectorShapesEachItemBeforeItIsBatched() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.rows", "End": true,
                  "ItemSelector": {"id.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
                  "ItemBatcher": {"MaxItemsPerBatch": 2}, %s}}}""".formatted(PROCESSOR),
                "{\"rows\": [\"a\", \"b\", \"c\"]}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals(json("[{\"Items\": [{\"id\": \"a\", \"index\": 0}, {\"id\": \"b\", \"index\": 1}]},"
                + " {\"Items\": [{\"id\": \"c\", \"index\": 2}]}]"), result.output());
    }

    @Test
    void jsonataItemsAreBatched() throws Exception {
        ExecutionResult result = run("""
                {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map",
                  "Items": "{%% $states.input.rows %%}", "End": true, "ItemBatcher": {"MaxItemsPerBatch": 2}, %s}}}"""
                .formatted(PROCESSOR), "{\"rows\": [1, 2, 3]}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals(json("[{\"Items\": [1, 2]}, {\"Items\": [3]}]"), result.output());
    }
}
