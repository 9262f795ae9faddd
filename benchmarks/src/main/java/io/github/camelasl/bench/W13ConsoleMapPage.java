package io.github.camelasl.bench;

import io.github.camelasl.store.SqliteExecutionStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * W13: the console's page of one execution of a Map over {@value #ITEMS} items ({@value #ITEMS} iterations of one
 * Pass state: 40,000+ history events), on {@code asl serve}'s server (in this JVM) over SQLite:
 * <ol>
 * <li>the server time of {@code C/api/execution-graph} (the coloured graph with the Map's run counts, read from the
 * 40,000 events), {@code C/api/timeline} and {@code C/api/state-detail} of the Map: p50/p99 over HTTP;</li>
 * <li>in headless Chromium (Debian's, driven by Selenium), the time from the navigation's start to the Map's group
 * drawn with its status (the page is usable: graph, status and run counts shown), over {@value #LOADS} loads.</li>
 * </ol>
 * Target: usable in under 1 s. A harness, not JMH: the suite runs this main in a fresh JVM. It only prints figures.
 */
public final class W13ConsoleMapPage {

    static final int ITEMS = 10_000;
    static final int CALLS = 30;
    static final int LOADS = 10;
    private static final String ROLE = "arn:aws:iam::123456789012:role/bench";
    private static final String DEFINITION = """
            {"StartAt": "Each", "States": {
              "Each": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": null,
                       "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Double",
                         "States": {"Double": {"Type": "Pass", "End": true}}},
                       "Next": "Done"},
              "Done": {"Type": "Succeed"}}}""";

    record Figures(long events, W11ApiServer.Latencies graph, W11ApiServer.Latencies timeline,
            W11ApiServer.Latencies mapDetail, List<Double> pageMillis) {

        static Figures from(Map<String, String> results) {
            return new Figures(Long.parseLong(results.get("events")),
                    W11ApiServer.Latencies.read(results, "graph"),
                    W11ApiServer.Latencies.read(results, "timeline"),
                    W11ApiServer.Latencies.read(results, "mapDetail"),
                    Stream.of(results.get("pageMillis").split(",")).map(Double::parseDouble).toList());
        }

        double pageMedian() {
            List<Double> sorted = pageMillis.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }
    }

    private W13ConsoleMapPage() {
    }

    static Figures measure() throws Exception {
        return Figures.from(ChildJvm.run(W13ConsoleMapPage.class, List.of()));
    }

    public static void main(String[] args) throws Exception {
        Path folder = Files.createTempDirectory("w13-store");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (W11ApiServer.Server server = W11ApiServer.Server.start(SqliteExecutionStore.open(folder))) {
            String console = server.server().consoleUrl().orElseThrow();
            String machine = server.sfn().createStateMachine(r -> r.name("w13-map").type(StateMachineType.STANDARD)
                    .definition(DEFINITION).roleArn(ROLE)).stateMachineArn();
            String input = IntStream.range(0, ITEMS).mapToObj(Integer::toString)
                    .collect(Collectors.joining(",", "{\"items\": [", "]}"));
            String execution = server.sfn().startExecution(r -> r.stateMachineArn(machine).input(input))
                    .executionArn();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            ExecutionStatus status;
            while ((status = server.sfn().describeExecution(r -> r.executionArn(execution)).status())
                    == ExecutionStatus.RUNNING) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Map of " + ITEMS + " items still runs after 5 minutes");
                }
                Thread.sleep(100);
            }
            if (status != ExecutionStatus.SUCCEEDED) {
                throw new IllegalStateException("the Map of " + ITEMS + " items ended " + status);
            }
            ChildJvm.result("events", server.store().events(execution).size());

            String arn = URLEncoder.encode(execution, StandardCharsets.UTF_8);
            Runnable graph = () -> W12Console.get(http, console + "api/execution-graph?executionArn=" + arn,
                    "\"mapRuns\"");
            Runnable timeline = () -> W12Console.get(http, console + "api/timeline?executionArn=" + arn,
                    "\"items\"");
            Runnable mapDetail = () -> W12Console.get(http, console + "api/state-detail?executionArn=" + arn
                    + "&state=Each", "\"state\"");
            for (Runnable warm : List.of(graph, timeline, mapDetail)) {
                W11ApiServer.time(5, warm);
            }
            W11ApiServer.time(CALLS, graph).print("graph");
            W11ApiServer.time(CALLS, timeline).print("timeline");
            W11ApiServer.time(CALLS, mapDetail).print("mapDetail");
            ChildJvm.result("pageMillis", pageLoads(console + "executions/" + arn).stream()
                    .map(ms -> String.format(Locale.ROOT, "%.1f", ms)).collect(Collectors.joining(",")));
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    /**
     * Loads the execution's page {@value #LOADS} times (after one load that warms the browser's cache of the page's
     * files, as a user's second visit) and reads, in the page, the milliseconds from the navigation's start to the
     * Map's group drawn with its status.
     */
    private static List<Double> pageLoads(String url) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Path chromedriver = Path.of("/usr/bin/chromedriver");
        for (Path binary : List.of(chromium, chromedriver)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: W13 drives Debian's chromium and "
                        + "chromium-driver; run ./install-test-tools");
            }
        }
        Path profile = Files.createTempDirectory("w13-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            wait.pollingEvery(Duration.ofMillis(5));
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i <= LOADS; i++) {
                driver.get("about:blank");
                driver.get(url);
                // polled in the page itself, so the figure does not include WebDriver's own round trips
                Object drawn = driver.executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        (function look() {
                          const map = document.querySelector('svg.graph [data-state="Each"][data-status]');
                          if (map) { done(performance.now()); } else { requestAnimationFrame(look); }
                        })();""");
                if (i > 0) {
                    millis.add(((Number) drawn).doubleValue());
                }
                wait.until(d -> !d.findElements(By.cssSelector("[data-execution-status]")).isEmpty());
            }
            return millis;
        } finally {
            driver.quit();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
