/**
 * Runs the test cases of a Step Functions Local mock configuration against one deployed state machine, on a virtual
 * clock, one after the other: each case's status, output, error, the states it passed through and its times, checked
 * against an optional expectations file, and written as JUnit XML. The CLI's {@code asl test} and the benchmark's
 * mock suite run on it.
 */
package io.github.camelasl.test.suite;
