package io.github.camelasl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * For the Camel baselines of Parallel (multicast) and Map (split): gathers the parts' JsonNode bodies into one
 * array in input order, as ASL orders them, whatever order parallel parts finish in.
 */
final class OrderedResults implements AggregationStrategy {

    private static final String PARTS = "benchOrderedParts";

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        Exchange target = oldExchange == null ? newExchange : oldExchange;
        Map<Integer, JsonNode> parts = target.getProperty(PARTS, Map.class);
        if (parts == null) {
            parts = new TreeMap<>();
            target.setProperty(PARTS, parts);
        }
        Integer index = newExchange.getProperty(Exchange.MULTICAST_INDEX, Integer.class);
        if (index == null) {
            index = newExchange.getProperty(Exchange.SPLIT_INDEX, Integer.class);
        }
        parts.put(index, newExchange.getMessage().getBody(JsonNode.class));
        return target;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onCompletion(Exchange exchange) {
        Map<Integer, JsonNode> parts = exchange.getProperty(PARTS, Map.class);
        ArrayNode array = Workloads.JSON.createArrayNode();
        if (parts != null) {
            parts.values().forEach(array::add);
        }
        exchange.removeProperty(PARTS);
        exchange.getMessage().setBody(array);
    }
}
