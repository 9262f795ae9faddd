package io.github.camelasl.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.AslDeployer;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionLimits;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.mock.MockConfig;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.store.InMemoryExecutionStore;
import io.github.camelasl.test.AslTestKit;
import io.github.camelasl.test.suite.CaseResult;
import io.github.camelasl.test.suite.Expectations;
import io.github.camelasl.test.suite.MockSuiteRunner;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * W14: a suite of {@value #CASES} mock test cases of one realistic pipeline (a Choice, a Retry with exponential
 * back-off, a 6-hour Wait, a Map over 5 items whose Task retries, a Catch to a failure path), run in one fresh JVM
 * through the suite runner {@code asl test} uses ({@link MockSuiteRunner}), on a virtual clock. Figures: the JVM's
 * whole life (start to exit, as the parent saw it), its set-up (CamelContext, deployment), the suite's wall time
 * and each case's (p50, max). Target: the 50 cases in under 5 s. A harness, not JMH.
 */
public final class W14MockSuite {

    static final int CASES = 50;
    static final String DEFINITION = """
            {"Comment": "orders: validate, wait for the nightly batch unless urgent, price each item, store",
             "StartAt": "Validate", "States": {
              "Validate": {"Type": "Task", "Resource": "direct:validate", "ResultPath": "$.validation",
                "Retry": [{"ErrorEquals": ["Orders.Throttled"], "IntervalSeconds": 30, "MaxAttempts": 4,
                           "BackoffRate": 2}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "NotifyFailure"}],
                "Next": "Route"},
              "Route": {"Type": "Choice", "Choices": [
                  {"Variable": "$.validation.priority", "StringEquals": "urgent", "Next": "PriceItems"}],
                "Default": "WaitForBatch"},
              "WaitForBatch": {"Type": "Wait", "Seconds": 21600, "Next": "PriceItems"},
              "PriceItems": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.prices", "MaxConcurrency": 2,
                "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Price", "States": {
                  "Price": {"Type": "Task", "Resource": "direct:price",
                    "Retry": [{"ErrorEquals": ["Prices.Unavailable"], "IntervalSeconds": 10, "MaxAttempts": 3,
                               "BackoffRate": 3}],
                    "End": true}}},
                "Next": "Store"},
              "Store": {"Type": "Task", "Resource": "direct:store", "ResultPath": "$.stored",
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "NotifyFailure"}],
                "Next": "Done"},
              "NotifyFailure": {"Type": "Task", "Resource": "direct:notify", "Next": "Failed"},
              "Failed": {"Type": "Fail", "Error": "Orders.Failed", "Cause": "the order could not be processed"},
              "Done": {"Type": "Succeed"}}}""";

    private W14MockSuite() {
    }

    record Figures(double processMillis, double setupMillis, double suiteMillis, double caseP50Millis,
            double caseMaxMillis, int passed, long virtualSeconds) {
    }

    static Figures measure() throws Exception {
        long began = System.nanoTime();
        Map<String, String> results = ChildJvm.run(W14MockSuite.class, List.of());
        double process = (System.nanoTime() - began) / 1e6;
        return new Figures(process, Double.parseDouble(results.get("setupMillis")),
                Double.parseDouble(results.get("suiteMillis")), Double.parseDouble(results.get("caseP50Millis")),
                Double.parseDouble(results.get("caseMaxMillis")), Integer.parseInt(results.get("passed")),
                Long.parseLong(results.get("virtualSeconds")));
    }

    /** The mock configuration of the {@value #CASES} cases, and their expectations (input and outcome). */
    static String[] suite() {
        ObjectNode config = Json.NODES.objectNode();
        ObjectNode cases = config.putObject("StateMachines").putObject("Orders").putObject("TestCases");
        ObjectNode responses = config.putObject("MockedResponses");
        responses.putObject("Valid").putObject("0").putObject("Return").put("priority", "normal");
        responses.putObject("ValidUrgent").putObject("0").putObject("Return").put("priority", "urgent");
        ObjectNode throttled = responses.putObject("ValidAfterThrottling");
        throttled.putObject("0-2").putObject("Throw").put("Error", "Orders.Throttled").put("Cause", "slow down");
        throttled.putObject("3").putObject("Return").put("priority", "urgent");
        ObjectNode invalid = responses.putObject("Invalid");
        invalid.putObject("0").putObject("Throw").put("Error", "Orders.Invalid").put("Cause", "no items");
        responses.putObject("Priced").putObject("0-99").putObject("Return").put("price", 12.5);
        ObjectNode flaky = responses.putObject("PricedAfterOutage");
        flaky.putObject("0-1").putObject("Throw").put("Error", "Prices.Unavailable").put("Cause", "outage");
        flaky.putObject("2-99").putObject("Return").put("price", 9.99);
        responses.putObject("Stored").putObject("0").putObject("Return").put("id", "order-1");
        ObjectNode storeDown = responses.putObject("StoreDown");
        storeDown.putObject("0").putObject("Throw").put("Error", "Store.Unavailable").put("Cause", "disk full");
        responses.putObject("Notified").putObject("0").putObject("Return").put("sent", true);

        ObjectNode expectations = Json.NODES.objectNode();
        ObjectNode expected = expectations.putObject("TestCases");
        for (int i = 0; i < CASES; i++) {
            String name = String.format(Locale.ROOT, "Case%02d", i);
            ObjectNode mocks = cases.putObject(name);
            ObjectNode expectation = expected.putObject(name);
            ObjectNode input = expectation.putObject("Input");
            input.put("order", i);
            ArrayNode items = input.putArray("items");
            for (int item = 0; item < 5; item++) {
                items.addObject().put("sku", "sku-" + item);
            }
            mocks.put("Validate", switch (i % 5) {
                case 0 -> "Valid";
                case 1 -> "ValidUrgent";
                case 2 -> "ValidAfterThrottling";
                case 3 -> "Invalid";
                default -> "Valid";
            });
            mocks.put("Price", i % 5 == 4 ? "PricedAfterOutage" : "Priced");
            mocks.put("Store", i % 10 == 9 ? "StoreDown" : "Stored");
            mocks.put("NotifyFailure", "Notified");
            expectation.put("Status", i % 5 == 3 || i % 10 == 9 ? "FAILED" : "SUCCEEDED");
        }
        return new String[] {Json.write(config), Json.write(expectations)};
    }

    public static void main(String[] args) throws Exception {
        long began = System.nanoTime();
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.start();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        AslDeployer deployer = new AslDeployer(camel, new InMemoryExecutionStore(),
                new ResourceResolvers(camel, List.of()), timers);
        String[] suite = suite();
        // as asl test runs them: each case on a deployment and a virtual clock of its own
        MockSuiteRunner runner = new MockSuiteRunner(clock -> deployer.withClock(clock).deploy("W14", DEFINITION,
                StateMachineConfig.of("Orders").withLimits(ExecutionLimits.AWS)), AslTestKit.DEFAULT_START,
                MockConfig.parse("W14", suite[0]), "Orders");
        Expectations expectations = Expectations.parse("W14", suite[1]);
        double setup = (System.nanoTime() - began) / 1e6;

        long suiteBegan = System.nanoTime();
        List<CaseResult> results = runner.run(List.copyOf(runner.testCases()), Json.NODES.objectNode(),
                expectations);
        double suiteMillis = (System.nanoTime() - suiteBegan) / 1e6;
        List<Double> perCase = new ArrayList<>();
        long virtual = 0;
        for (CaseResult result : results) {
            perCase.add(result.wallTime().toNanos() / 1e6);
            virtual += result.virtualTime().getSeconds();
            System.out.printf(Locale.ROOT, "%s %-4s %-9s %7.2f ms  %s%n", result.name(),
                    result.passed() ? "PASS" : "FAIL", result.status(), result.wallTime().toNanos() / 1e6,
                    result.failures().isEmpty() ? "" : result.failures());
        }
        List<Double> sorted = perCase.stream().sorted().toList();
        ChildJvm.result("setupMillis", String.format(Locale.ROOT, "%.1f", setup));
        ChildJvm.result("suiteMillis", String.format(Locale.ROOT, "%.1f", suiteMillis));
        ChildJvm.result("caseP50Millis", String.format(Locale.ROOT, "%.2f", sorted.get(sorted.size() / 2)));
        ChildJvm.result("caseMaxMillis", String.format(Locale.ROOT, "%.2f", sorted.get(sorted.size() - 1)));
        ChildJvm.result("passed", results.stream().filter(CaseResult::passed).count());
        ChildJvm.result("virtualSeconds", virtual);
        ChildJvm.result("perCaseMillis", perCase.stream().map(ms -> String.format(Locale.ROOT, "%.2f", ms))
                .collect(Collectors.joining(",")));
        ChildJvm.result("jvmUptimeMillis", ManagementFactory.getRuntimeMXBean().getUptime());
        System.exit(0);
    }
}
