package io.github.camelasl.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.camelasl.dataflow.Json;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

/** Array functions: States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique. */
final class ArrayFunctions {

    /** AWS's limit on the size of the array States.ArrayRange builds. */
    static final int MAX_RANGE_ITEMS = 1000;

    private ArrayFunctions() {
    }

    /** States.Array(value...): the arguments, in order, as an array. */
    static JsonNode array(Args args) {
        ArrayNode out = Json.NODES.arrayNode(args.size());
        args.all().forEach(out::add);
        return out;
    }

    /** States.ArrayPartition(array, chunkSize): chunks of chunkSize items, the last one holding what is left. */
    static JsonNode arrayPartition(Args args) {
        ArrayNode array = args.array(0, "the array to partition");
        long chunkSize = args.integer(1, "the chunk size");
        if (chunkSize <= 0) {
            throw args.fail("the chunk size must be a positive integer, but was " + chunkSize);
        }
        ArrayNode out = Json.NODES.arrayNode();
        ArrayNode chunk = null;
        for (int i = 0; i < array.size(); i++) {
            if (i % chunkSize == 0) {
                chunk = out.addArray();
            }
            chunk.add(array.get(i));
        }
        return out;
    }

    /** States.ArrayContains(array, value): whether the array holds an item equal to value (numbers by value). */
    static JsonNode arrayContains(Args args) {
        ArrayNode array = args.array(0, "the array to search");
        JsonNode wanted = args.get(1);
        for (JsonNode item : array) {
            if (JsonValues.sameValue(item, wanted)) {
                return Json.NODES.booleanNode(true);
            }
        }
        return Json.NODES.booleanNode(false);
    }

    /**
     * States.ArrayRange(first, last, step): first, first + step, ... while not past last; last is included when the
     * steps land on it. The step must not be 0 (it may be negative), and the result holds at most 1000 items.
     */
    static JsonNode arrayRange(Args args) {
        long first = args.integer(0, "the first element");
        long last = args.integer(1, "the last element");
        long step = args.integer(2, "the step");
        if (step == 0) {
            throw args.fail("the step must not be 0");
        }
        BigInteger distance = BigInteger.valueOf(last).subtract(BigInteger.valueOf(first));
        BigInteger count = distance.signum() != 0 && distance.signum() != Long.signum(step)
                ? BigInteger.ZERO
                : distance.divide(BigInteger.valueOf(step)).add(BigInteger.ONE);
        if (count.compareTo(BigInteger.valueOf(MAX_RANGE_ITEMS)) > 0) {
            throw args.fail("the range would hold " + count + " items, but an array can hold at most "
                    + MAX_RANGE_ITEMS);
        }
        ArrayNode out = Json.NODES.arrayNode(count.intValue());
        for (int i = 0; i < count.intValue(); i++) {
            out.add(JsonValues.integerNode(first + i * step));
        }
        return out;
    }

    /** States.ArrayGetItem(array, index): the item at a zero-based index, which must be inside the array. */
    static JsonNode arrayGetItem(Args args) {
        ArrayNode array = args.array(0, "the array");
        long index = args.integer(1, "the index");
        if (index < 0 || index >= array.size()) {
            throw args.fail("the index " + index + " is out of bounds for an array of " + array.size() + " item"
                    + (array.size() == 1 ? "" : "s"));
        }
        return array.get((int) index);
    }

    /** States.ArrayLength(array): the number of items. */
    static JsonNode arrayLength(Args args) {
        return Json.NODES.numberNode(args.array(0, "the array").size());
    }

    /** States.ArrayUnique(array): the array without duplicates, each value kept where it first appears. */
    static JsonNode arrayUnique(Args args) {
        ArrayNode array = args.array(0, "the array");
        Set<String> seen = new HashSet<>();
        ArrayNode out = Json.NODES.arrayNode();
        for (JsonNode item : array) {
            if (seen.add(JsonValues.canonicalKey(item))) {
                out.add(item);
            }
        }
        return out;
    }
}
