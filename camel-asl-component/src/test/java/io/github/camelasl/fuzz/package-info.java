/**
 * Fuzz tests (Jazzer) of what a definition and an execution's input go through: definition validation and parsing,
 * JSONPath reads and writes, intrinsic functions, payload templates and JSONata. Each target's property: whatever
 * the input, the entry point returns, or fails the way the engine documents (validation problems, an
 * {@code AslError} with an ASL error name); never another exception, never a hang.
 *
 * <p>A target's input is UTF-8 text: its first line is the path, expression or template, the rest is the data (see
 * {@link io.github.camelasl.fuzz.FuzzInput}); the definition target takes the whole text as a definition. Seeds, one
 * file each, are in {@code src/test/resources/io/github/camelasl/fuzz/<Class>Inputs/<method>/}.
 *
 * <p>Regression mode, the default ({@code mvn verify}): each target runs over its seeds, in seconds. Fuzzing, one
 * target at a time, 10 minutes unless {@code -Dfuzz.seconds} says otherwise; an input that takes longer than
 * {@code -Dfuzz.inputTimeoutSeconds} (5) is a hang:
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -o -pl camel-asl-component test -Dtest=JsonataFuzzTest -Dfuzz.seconds=600 \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Djazzer.keep_going=50]
 * </pre>
 * A finding is written to the target's seed folder as {@code crash-<sha1>} (or {@code timeout-<sha1>}), where
 * regression mode replays it from then on: fix the cause with a unit test beside the code, and give the file a name
 * that says what it holds. The corpus the fuzzer grows goes to {@code .cifuzz-corpus/} (not committed).
 */
package io.github.camelasl.fuzz;
