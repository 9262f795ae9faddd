package io.github.camelasl.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.camelasl.dataflow.intrinsic.IntrinsicFunctions;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;

/**
 * An intrinsic function call (first line, e.g. {@code States.Format('{}', $.a)}) over data (the rest): the static
 * check the validator makes never throws, and evaluation, as a payload template, ErrorPath or Assign runs it,
 * returns a value or fails with States.IntrinsicFailure or States.Runtime, whatever the call and the data.
 */
class IntrinsicFuzzTest {

    /** Every function name, the paths a call reads, and numbers at the edges of the ranges the functions check. */
    @DictionaryEntries({"States.Format(", "States.StringToJson(", "States.JsonToString(", "States.Array(",
            "States.ArrayPartition(", "States.ArrayContains(", "States.ArrayRange(", "States.ArrayGetItem(",
            "States.ArrayLength(", "States.ArrayUnique(", "States.Base64Encode(", "States.Base64Decode(",
            "States.Hash(", "States.JsonMerge(", "States.MathRandom(", "States.MathAdd(", "States.StringSplit(",
            "States.UUID()", "$$.Execution.Id", "$$.Map.Item.Value", "$item", "$.a", "'SHA-512'", "'{}'", "\\{",
            "1e400", "-1.5", "2147483648", "9223372036854775808", "false", "null"})
    @FuzzTest(maxDuration = "10m")
    void evaluate(byte[] bytes) {
        FuzzInput input = FuzzInput.of(bytes);
        String expression = input.head();
        IntrinsicFunctions.staticProblem(expression);
        try {
            IntrinsicFunctions.evaluate(expression, input.data(), input.bindings());
        } catch (AslError error) {
            FuzzInput.assertAslError(error, ErrorNames.INTRINSIC_FAILURE, ErrorNames.RUNTIME);
        }
    }
}
