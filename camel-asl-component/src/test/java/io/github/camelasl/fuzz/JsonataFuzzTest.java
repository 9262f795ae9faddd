package io.github.camelasl.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.dataflow.jsonata.JsonataExpressions;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;

/**
 * A JSONata expression (first line, with or without its {@code {% %}}) over data (the rest), bound as a JSONata
 * state sees it: {@code $states.input}, {@code $states.context} and a variable. The validator's syntax check never
 * throws, and evaluation returns a value (or undefined) or fails with States.QueryEvaluationError.
 */
class JsonataFuzzTest {

    /** Tokens the fuzzer would take long to stumble on: every function AWS offers, operators, edge numbers. */
    @DictionaryEntries({"$states.input", "$states.context", "$item", "$pad(", "$range(", "$partition(", "$hash(",
            "$random(", "$uuid()", "$parse(", "$string(", "$number(", "$substring(", "$substringBefore(",
            "$substringAfter(", "$replace(", "$split(", "$join(", "$match(", "$contains(", "$sum(", "$count(", "$max(",
            "$min(", "$average(", "$map(", "$filter(", "$reduce(", "$sort(", "$reverse(", "$shuffle(", "$distinct(",
            "$zip(", "$keys(", "$lookup(", "$spread(", "$merge(", "$each(", "$sift(", "$append(", "$exists(", "$type(",
            "$boolean(", "$not(", "$formatNumber(", "$formatBase(", "$formatInteger(", "$parseInteger(", "$power(",
            "$sqrt(", "$floor(", "$ceil(", "$round(", "$abs(", "$now(", "$millis()", "$fromMillis(", "$toMillis(",
            "$base64encode(", "$base64decode(", "$encodeUrl(", "$decodeUrl(", "$eval(", "$trim(", "$uppercase(",
            "$lowercase(", "$length(", "$single(", "$assert(", "$error(", "function($x){", "~>", "..", ":=", "?:",
            "??", "**", "%.", "#$i", "@$v", "^(", "[0]", "1e308", "-1e308", "9007199254740993", "/[a-z]+/i"})
    @FuzzTest(maxDuration = "10m")
    void evaluate(byte[] bytes) {
        FuzzInput input = FuzzInput.of(bytes);
        String expression = input.head();
        JsonataExpressions.staticProblem(expression);
        ObjectNode states = Json.NODES.objectNode();
        states.set("input", input.data());
        states.set("context", FuzzInput.context());
        try {
            JsonataExpressions.evaluate(expression, states, input.bindings()::variable, "Output");
        } catch (AslError error) {
            FuzzInput.assertAslError(error, ErrorNames.QUERY_EVALUATION_ERROR);
        }
    }
}
