/**
 * The test kit: run a state machine's executions in a test, with its Tasks mocked by state name or by a Step
 * Functions Local mock config, on a virtual clock the test drives, and assert on their status, output, path and
 * history; TestState for one state; path coverage across a test run.
 */
package io.github.camelasl.test;
