package io.github.camelasl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The engine's shapes write dates as ISO-8601 text (as the AWS CLI shows them); AWS's JSON 1.0 protocol sends them as
 * epoch seconds, which is what the SDKs parse. This turns the one into the other on the way out.
 */
final class WireDates {

    /** The date members of Step Functions' responses (history events carry "timestamp"). */
    private static final Set<String> DATE_MEMBERS = Set.of("creationDate", "updateDate", "startDate", "stopDate",
            "redriveDate", "timestamp");

    private WireDates() {
    }

    /**
     * {@code node} with every date member, here and below, as epoch seconds. A copy where anything changes: the
     * nodes may be the store's own (the in-memory store hands out its history events), which must stay as they are.
     */
    static JsonNode toEpochSeconds(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = object.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> member = it.next();
                if (DATE_MEMBERS.contains(member.getKey()) && member.getValue().isTextual()) {
                    out.set(member.getKey(), object.numberNode(epochSeconds(member.getValue().textValue())));
                } else {
                    out.set(member.getKey(), toEpochSeconds(member.getValue()));
                }
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = array.arrayNode(array.size());
            array.forEach(element -> out.add(toEpochSeconds(element)));
            return out;
        }
        return node; // value nodes cannot change
    }

    private static BigDecimal epochSeconds(String isoInstant) {
        try {
            return BigDecimal.valueOf(Instant.parse(isoInstant).toEpochMilli()).movePointLeft(3);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("not an ISO-8601 instant: " + isoInstant, e);
        }
    }
}
