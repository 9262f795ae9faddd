package io.github.camelasl.server.console.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.github.camelasl.server.AccessKeys;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The console in a real browser against a real server: an execution that failed shows its failed state, which
 * shows its error; a restart from a state with an edited input goes green live; the list filters; a definition shows
 * its diagnostics. One browser and one server for the class; screenshots in target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

    /** Fails in Boom unless $.ok; with it, waits $.pause seconds in Pause (so a restart is seen RUNNING) then Done. */
    static final String CHECKED = """
            {"StartAt": "Prepare", "States": {
              "Prepare": {"Type": "Pass", "Next": "Check"},
              "Check": {"Type": "Choice",
                        "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Pause"}],
                        "Default": "Boom"},
              "Pause": {"Type": "Wait", "SecondsPath": "$.pause", "Next": "Done"},
              "Done": {"Type": "Pass", "End": true},
              "Boom": {"Type": "Fail", "Error": "Model.BadInput", "Cause": "ok was not true"}}}""";

    static final String MAPPED = """
            {"StartAt": "Each", "States": {
              "Each": {"Type": "Map", "ItemsPath": "$.items",
                       "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Double",
                                         "States": {"Double": {"Type": "Pass", "End": true}}},
                       "Next": "Sum"},
              "Sum": {"Type": "Pass", "End": true}}}""";

    /** A state whose name is markup: it must show as text and run nothing. */
    static final String HOSTILE_STATE = "<img src=x onerror=\\\"window.__xss=1\\\">";

    private final AtomicInteger names = new AtomicInteger();
    private ConsoleServer server;
    private ConsoleBrowser browser;

    @BeforeAll
    void start() throws Exception {
        server = new ConsoleServer();
        browser = new ConsoleBrowser();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private String unique(String prefix) {
        return prefix + "-" + names.incrementAndGet();
    }

    private String failedExecution(String machineArn) throws InterruptedException {
        String arn = server.start(machineArn, unique("bad"), "{\"ok\": false}");
        assertEquals(ExecutionStatus.FAILED, server.awaitEnd(arn).status());
        return arn;
    }

    private String executionUrl(String arn) {
        return server.console() + "/executions/" + URLEncoder.encode(arn, StandardCharsets.UTF_8);
    }

    @Test
    void aFailedExecutionShowsItsFailedStateAndTheErrorInTheSidePanel() throws Exception {
        String machine = server.createStateMachine(unique("checked"), CHECKED);
        String arn = failedExecution(machine);

        browser.open(executionUrl(arn));
        browser.awaitStateStatus("Boom", "FAILED");
        assertEquals("SUCCEEDED", browser.state("Prepare").getAttribute("data-status"));
        assertEquals("SUCCEEDED", browser.state("Check").getAttribute("data-status"));
        assertEquals("NOT_REACHED", browser.state("Pause").getAttribute("data-status"));
        assertEquals("NOT_REACHED", browser.state("Done").getAttribute("data-status"));
        assertEquals("FAILED", browser.find("[data-execution-status]").getAttribute("data-execution-status"));

        browser.clickState("Boom");
        browser.awaitText("#side-panel .side-state", "Boom");
        assertTrue(browser.driver.getCurrentUrl().endsWith("?state=Boom"), "the state clicked is in the address");
        browser.awaitText("#side-error", "Model.BadInput");
        browser.awaitText("#side-cause", "ok was not true");
        browser.awaitText("#event-table", "ExecutionFailed");
        browser.find("#timeline .timeline-row[data-state=\"Boom\"]");
        browser.screenshot("execution-failed");

        // the event table filtered by type
        browser.find("#events input[name=eventType]").sendKeys("Failed");
        List<?> shown = (List<?>) browser.script("return [...document.querySelectorAll('#event-table tbody tr')]"
                + ".filter(r => !r.hidden).map(r => r.dataset.type)");
        assertTrue(shown.contains("ExecutionFailed"), shown::toString);
        assertTrue(shown.stream().allMatch(type -> String.valueOf(type).contains("Failed")), shown::toString);
        assertTrue(shown.size() < browser.all("#event-table tbody tr").size(), "the others are hidden");

        // zoom: the graph's transform changes
        String before = browser.find("svg.graph g.viewport").getAttribute("transform");
        browser.click(".graph-controls button[title='Zoom in']");
        browser.until(d -> !before.equals(browser.find("svg.graph g.viewport").getAttribute("transform")));
    }

    @Test
    void aRawArnInThePathOpensTheExecutionToo() throws Exception {
        String arn = failedExecution(server.createStateMachine(unique("raw"), CHECKED));

        browser.open(server.console() + "/executions/" + arn + "?state=Boom");
        browser.awaitStateStatus("Boom", "FAILED");
        // the state in the address is selected and shown
        browser.awaitText("#side-error", "Model.BadInput");
        assertTrue(browser.state("Boom").getAttribute("class").contains("selected"));
    }

    @Test
    void aRestartFromAStateWithEditedInputGoesGreenLiveWithoutReloading() throws Exception {
        String arn = failedExecution(server.createStateMachine(unique("restarted"), CHECKED));
        browser.open(executionUrl(arn));
        browser.awaitStateStatus("Boom", "FAILED");
        browser.script("window.__sameDocument = 'yes'");

        browser.click("#restart-execution");
        new Select(browser.find("dialog.action-dialog select[name=stateName]")).selectByValue("Check");
        WebElement editor = browser.find("dialog.action-dialog .json-editor");
        // the state's input in the failed execution is offered to edit
        browser.until(d -> editor.getAttribute("value").contains("\"ok\": false"));
        editor.clear();
        editor.sendKeys("{\"ok\": true,\n \"pause\": 2,}");
        browser.awaitText("dialog.action-dialog .json-status", "Invalid JSON at line 2");
        WebElement confirm = browser.find("dialog.action-dialog button.confirm");
        assertFalse(confirm.isEnabled(), "an invalid input cannot be sent");

        editor.clear();
        editor.sendKeys("{\"ok\": true, \"pause\": 2}");
        browser.awaitText("dialog.action-dialog .json-status", "Valid JSON");
        assertTrue(confirm.isEnabled());
        confirm.click();
        browser.click("dialog.action-dialog a.new-execution");

        // the new execution, live: RUNNING in Pause, then every state it ran green, in the same document
        browser.until(d -> "RUNNING".equals(browser.find("[data-execution-status]")
                .getAttribute("data-execution-status")));
        browser.awaitStateStatus("Pause", "RUNNING");
        browser.find("#view[data-live=stream]"); // updated by the server's events, not by polling
        browser.awaitStateStatus("Done", "SUCCEEDED");
        browser.until(d -> "SUCCEEDED".equals(browser.find("[data-execution-status]")
                .getAttribute("data-execution-status")));
        assertEquals("SUCCEEDED", browser.state("Check").getAttribute("data-status"));
        assertEquals("SUCCEEDED", browser.state("Pause").getAttribute("data-status"));
        assertEquals("NOT_REACHED", browser.state("Prepare").getAttribute("data-status"));
        assertEquals("NOT_REACHED", browser.state("Boom").getAttribute("data-status"));
        assertEquals("yes", browser.script("return window.__sameDocument"), "the page was reloaded");
        assertTrue(browser.driver.getCurrentUrl().contains("/asl/executions/"));
    }

    @Test
    void theExecutionsListFiltersAndGroupsTheFailures() throws Exception {
        String name = unique("listed");
        String machine = server.createStateMachine(name, CHECKED);
        String good1 = server.start(machine, name + "-good-1", "{\"ok\": true, \"pause\": 0}");
        String good2 = server.start(machine, name + "-good-2", "{\"ok\": true, \"pause\": 0}");
        String bad = server.start(machine, name + "-bad-1", "{\"ok\": false}");
        for (String arn : List.of(good1, good2, bad)) {
            server.awaitEnd(arn);
        }

        browser.open(server.console() + "/executions?stateMachineArn="
                + URLEncoder.encode(machine, StandardCharsets.UTF_8));
        browser.until(d -> browser.all("#executions tbody tr").size() == 3);
        browser.awaitText("#failures", "failed at Boom with Model.BadInput");
        browser.screenshot("executions");

        new Select(browser.find("#execution-filters select[name=status]")).selectByValue("FAILED");
        browser.click("#execution-filters button[type=submit]");
        browser.until(d -> browser.all("#executions tbody tr").size() == 1
                && "FAILED".equals(browser.all("#executions tbody tr").get(0).getAttribute("data-status")));
        assertTrue(browser.driver.getCurrentUrl().contains("status=FAILED"), "the filter is in the address");

        new Select(browser.find("#execution-filters select[name=status]")).selectByValue("");
        WebElement search = browser.find("#execution-filters input[name=search]");
        search.sendKeys(name + "-good-2");
        browser.click("#execution-filters button[type=submit]");
        browser.until(d -> browser.all("#executions tbody tr").size() == 1
                && good2.equals(browser.all("#executions tbody tr").get(0).getAttribute("data-execution-arn")));

        browser.click("#executions a.execution-link");
        browser.awaitStateStatus("Done", "SUCCEEDED");

        // sorted by name; then a time range that ends before they started
        browser.open(server.console() + "/executions?stateMachineArn="
                + URLEncoder.encode(machine, StandardCharsets.UTF_8));
        browser.until(d -> browser.all("#executions tbody tr").size() == 3);
        new Select(browser.find("#execution-filters select[name=sort]")).selectByValue("name");
        browser.click("#execution-filters button[type=submit]");
        browser.until(d -> List.of(bad, good1, good2).equals(browser.script(
                "return [...document.querySelectorAll('#executions tbody tr')].map(r => r.dataset.executionArn)")));
        browser.script("document.querySelector('#execution-filters input[name=to]').value = '2020-01-01T00:00:00'");
        browser.click("#execution-filters button[type=submit]");
        browser.find("#no-executions");

        // pages of two: Next follows the server's nextToken, Previous goes back
        browser.open(server.console() + "/executions?maxResults=2&stateMachineArn="
                + URLEncoder.encode(machine, StandardCharsets.UTF_8));
        browser.until(d -> browser.all("#executions tbody tr").size() == 2);
        browser.click(".pager button.next");
        browser.until(d -> browser.all("#executions tbody tr").size() == 1
                && good1.equals(browser.all("#executions tbody tr").get(0).getAttribute("data-execution-arn")));
        assertTrue(browser.all(".pager button.next").isEmpty(), "the last page has no next");
        browser.click(".pager button.previous");
        browser.until(d -> browser.all("#executions tbody tr").size() == 2);
    }

    @Test
    void theRunningExecutionsAreListedLive() throws Exception {
        String machine = server.createStateMachine(unique("running"), CHECKED);
        browser.open(server.console() + "/executions");
        browser.find("#running[data-live=stream]");

        String arn = server.start(machine, unique("slow"), "{\"ok\": true, \"pause\": 60}");
        String row = "#running-executions tr[data-execution-arn=\"" + arn + "\"]";
        browser.find(row);
        server.sfn.stopExecution(r -> r.executionArn(arn));
        browser.until(d -> browser.all(row).isEmpty());
    }

    @Test
    void theStateMachinesShowTheirCounts() throws Exception {
        String name = unique("counted");
        String machine = server.createStateMachine(name, CHECKED);
        server.awaitEnd(server.start(machine, unique("ok"), "{\"ok\": true, \"pause\": 0}"));
        failedExecution(machine);

        browser.open(server.console() + "/");
        WebElement row = browser.find("#state-machines tr[data-state-machine-arn=\"" + machine + "\"]");
        browser.until(d -> row.getText().contains("50.0 %"));
        assertEquals(2, row.findElements(By.cssSelector(".run-dot")).size());
        browser.screenshot("state-machines");
        new Select(browser.find("select[name=period]")).selectByValue("1h");
        browser.until(d -> browser.driver.getCurrentUrl().contains("period=1h"));
        browser.until(d -> browser.find("#state-machines tr[data-state-machine-arn=\"" + machine + "\"]").getText()
                .contains("50.0 %"));

        browser.click("#state-machines tr[data-state-machine-arn=\"" + machine + "\"] a");
        browser.find("svg.graph [data-state=\"Boom\"]");
        browser.until(d -> browser.all(".machine-executions tbody tr").size() == 2);
        browser.screenshot("state-machine");

        // a new execution with an input, from the state machine's page
        browser.click("#start-execution");
        WebElement editor = browser.find("dialog.action-dialog .json-editor");
        editor.clear();
        editor.sendKeys("{\"ok\": true, \"pause\": 0}");
        browser.click("dialog.action-dialog button.confirm");
        browser.click("dialog.action-dialog a.new-execution");
        browser.awaitStateStatus("Done", "SUCCEEDED");
    }

    @Test
    void stopAndRedriveAskFirstAndShowTheirResult() throws Exception {
        String machine = server.createStateMachine(unique("stopped"), CHECKED);
        String arn = server.start(machine, unique("long"), "{\"ok\": true, \"pause\": 60}");
        browser.open(executionUrl(arn));
        browser.awaitStateStatus("Pause", "RUNNING");

        browser.click("#stop-execution");
        browser.find("dialog.action-dialog input[name=error]").sendKeys("Operator.Stop");
        browser.click("dialog.action-dialog button.confirm");
        browser.awaitText("dialog.action-dialog .dialog-result", "Stopped at");
        assertEquals(ExecutionStatus.ABORTED, server.awaitEnd(arn).status());
        browser.until(d -> "ABORTED".equals(browser.find("[data-execution-status]")
                .getAttribute("data-execution-status")));
        browser.awaitStateStatus("Pause", "CANCELLED");
        browser.click("dialog.action-dialog button.cancel");

        browser.click("#redrive-execution");
        browser.click("dialog.action-dialog button.confirm");
        browser.awaitText("dialog.action-dialog .dialog-result", "Redriven at");
        browser.until(d -> "RUNNING".equals(browser.find("[data-execution-status]")
                .getAttribute("data-execution-status")));
        server.sfn.stopExecution(r -> r.executionArn(arn));
    }

    @Test
    void theConsoleWorksUnderAnotherPath() throws Exception {
        try (ConsoleServer elsewhere = new ConsoleServer(AccessKeys.NONE, "/ops/console")) {
            String arn = elsewhere.start(elsewhere.createStateMachine("elsewhere", CHECKED), "far", "{\"ok\": false}");
            elsewhere.awaitEnd(arn);
            browser.open(elsewhere.console() + "/executions/" + URLEncoder.encode(arn, StandardCharsets.UTF_8));
            browser.awaitStateStatus("Boom", "FAILED");
            browser.click("nav.top a[data-section=executions]");
            browser.until(d -> browser.driver.getCurrentUrl().contains("/ops/console/executions?"));
            browser.click("#executions a.execution-link");
            browser.awaitStateStatus("Boom", "FAILED");
            assertTrue(browser.driver.getCurrentUrl().contains("/ops/console/executions/"));
        }
    }

    @Test
    void withAccessKeysTheConsoleAsksToSignIn() throws Exception {
        try (ConsoleServer secured = new ConsoleServer(AccessKeys.of(Map.of("AKIDCONSOLE", "console-secret")))) {
            browser.open(secured.console() + "/");
            browser.find("#login input[name=accessKeyId]").sendKeys("AKIDCONSOLE");
            browser.find("#login input[name=secretAccessKey]").sendKeys("wrong");
            browser.click("#login button[type=submit]");
            browser.awaitText("#login .login-error", "not accepted");

            WebElement secret = browser.find("#login input[name=secretAccessKey]");
            secret.clear();
            secret.sendKeys("console-secret");
            browser.click("#login button[type=submit]");
            browser.awaitText("main h1", "State machines");
            assertTrue(browser.all("#login").isEmpty());

            browser.click("#logout");
            browser.find("#login");
            browser.open(secured.console() + "/executions");
            browser.find("#login"); // the session is gone on the server too
        }
    }

    @Test
    void aMapShowsItsRunAndOpensAnIterationsGraph() throws Exception {
        String machine = server.createStateMachine(unique("mapped"), MAPPED);
        String arn = server.start(machine, unique("map"), "{\"items\": [1, 2, 3]}");
        assertEquals(ExecutionStatus.SUCCEEDED, server.awaitEnd(arn).status());

        browser.open(executionUrl(arn));
        browser.awaitStateStatus("Each", "SUCCEEDED");
        browser.awaitStateStatus("Double", "SUCCEEDED");
        browser.clickState("Each");
        browser.awaitText("#side-panel .map-run [data-count=total]", "3");
        browser.awaitText("#side-panel .map-run [data-count=succeeded]", "3");
        browser.screenshot("execution-map");

        WebElement iteration = browser.find("#side-panel .map-run input[name=iteration]");
        iteration.clear();
        iteration.sendKeys("2");
        browser.click("#side-panel .map-run button[type=submit]");
        browser.awaitText(".iteration-banner", "Iteration 2");
        browser.awaitStateStatus("Double", "SUCCEEDED");
        assertTrue(browser.driver.getCurrentUrl().contains("iteration=2"));
        // a state of the iteration: its own input, the third item
        browser.clickState("Double");
        browser.awaitText("#side-panel .side-state", "Double");
        browser.awaitText("#side-panel .json-block pre", "3");
    }

    @Test
    void aParallelShowsEachBranchAsAGroup() throws Exception {
        String machine = server.createStateMachine(unique("parallel"), """
                {"StartAt": "Both", "States": {
                  "Both": {"Type": "Parallel", "End": true, "Branches": [
                    {"StartAt": "Fine", "States": {"Fine": {"Type": "Pass", "End": true}}},
                    {"StartAt": "Broken", "States": {"Broken": {"Type": "Fail", "Error": "Branch.Broke"}}}]}}}""");
        String arn = server.start(machine, unique("both"), "{}");
        assertEquals(ExecutionStatus.FAILED, server.awaitEnd(arn).status());

        browser.open(executionUrl(arn));
        browser.awaitStateStatus("Both", "FAILED");
        browser.awaitStateStatus("Broken", "FAILED");
        assertEquals("SUCCEEDED", browser.state("Fine").getAttribute("data-status"));
        assertEquals(2, browser.all("svg.graph .group-branch").size());
        assertTrue(browser.all("svg.graph .group-branch[data-state]").isEmpty(), "a branch is no state");
    }

    @Test
    void aRetriedAndCaughtStateShowsItsRetryCount() throws Exception {
        // a worker that never answers: the Task times out, is retried once, times out again and is caught
        String activity = server.sfn.createActivity(r -> r.name(unique("silent"))).activityArn();
        String machine = server.createStateMachine(unique("retried"), """
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 1,
                           "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 1, "IntervalSeconds": 1}],
                           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}],
                           "End": true},
                  "Recover": {"Type": "Pass", "End": true}}}""".formatted(activity));
        String arn = server.start(machine, unique("patient"), "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, server.awaitEnd(arn).status());

        browser.open(executionUrl(arn));
        browser.awaitStateStatus("Work", "CAUGHT");
        browser.awaitStateStatus("Recover", "SUCCEEDED");
        browser.awaitText("svg.graph [data-state=\"Work\"] .retry-badge", "1");
        browser.find("svg.graph .edge-catch");
        browser.clickState("Work");
        browser.awaitText("#side-error", "States.Timeout");
        browser.screenshot("execution-caught");
    }

    @Test
    void textFromAnExecutionIsShownAsTextNeverRun() throws Exception {
        String definition = "{\"StartAt\": \"" + HOSTILE_STATE + "\", \"States\": {\"" + HOSTILE_STATE
                + "\": {\"Type\": \"Fail\", \"Error\": \"<b>bold</b>\", \"Cause\": \"<script>window.__xss=2</script>\"}}}";
        String machine = server.createStateMachine(unique("hostile"), definition);
        String arn = server.start(machine, unique("x"), "{}");
        server.awaitEnd(arn);

        browser.open(executionUrl(arn));
        String state = "<img src=x onerror=\"window.__xss=1\">";
        browser.awaitStateStatus(state, "FAILED");
        browser.clickState(state);
        browser.awaitText("#side-error", "<b>bold</b>");
        browser.awaitText("#side-cause", "<script>window.__xss=2</script>");
        browser.awaitText("svg.graph", state);
        assertNull(browser.script("return window.__xss === undefined ? null : window.__xss"), "markup ran");
        assertTrue(browser.all("#side-panel img, svg.graph img, #side-panel script").isEmpty());
    }

    @Test
    void aDefinitionAloneShowsItsDiagnosticsOnTheStates() throws Exception {
        browser.open(server.console() + "/definition");
        WebElement text = browser.find("#definition-text");
        browser.find("svg.graph [data-state]"); // the example is drawn first
        browser.script("arguments[0].value = arguments[1]", text, """
                {"StartAt": "Fine", "States": {
                  "Fine": {"Type": "Choice", "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "Go"}],
                           "Default": "Done"},
                  "Go": {"Type": "Pass", "Next": "Nowhere"},
                  "Done": {"Type": "Succeed"}}}""");
        browser.click("#draw-definition");
        browser.find("#diagnostics .diagnostic[data-state=\"Go\"]");
        browser.awaitText("#diagnostics", "Nowhere");
        browser.until(d -> browser.state("Go").getAttribute("class").contains("diagnosed"));
        assertFalse(browser.state("Done").getAttribute("class").contains("diagnosed"));
        assertNull(browser.state("Go").getAttribute("data-status"), "a definition alone has no status");
        browser.screenshot("definition");

        // text that is not JSON: a problem listed, no graph of states
        browser.script("arguments[0].value = arguments[1]", text, "{\"StartAt\": \"Go\", ");
        browser.click("#draw-definition");
        browser.until(d -> browser.all("svg.graph [data-state]").isEmpty()
                && !browser.all("#diagnostics .diagnostic").isEmpty());

        // a definition opened from a file
        Path file = Files.createTempFile("console-definition", ".asl.json");
        try {
            Files.writeString(file, MAPPED);
            browser.find("#definition-file").sendKeys(file.toAbsolutePath().toString());
            browser.find("svg.graph [data-state=\"Each\"]");
            browser.awaitText("#diagnostics", "No problems");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void anExecutionThatDoesNotExistIsSaidSo() {
        browser.open(server.console() + "/executions/"
                + URLEncoder.encode("arn:aws:states:us-east-1:123456789012:execution:none:nothing", StandardCharsets.UTF_8));
        browser.awaitText(".error-box", "ExecutionDoesNotExist");
    }
}
