package io.github.camelasl.server.console.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's chromium and chromium-driver, which ./install-test-tools installs) driven by Selenium,
 * with the console's DOM hooks:
 * <ul>
 * <li>{@code [data-state="NAME"]}: a state node or a Parallel/Map group in the graph, its {@code data-status} one of
 * the contract's statuses; {@code [data-execution-status]}: the execution's status in its header;</li>
 * <li>{@code #side-panel} (the state clicked: {@code #side-error}, {@code #side-cause}, {@code .map-run}),
 * {@code #event-table}, {@code #timeline};</li>
 * <li>{@code #restart-execution}, {@code #stop-execution}, {@code #redrive-execution}, {@code #new-execution}, the
 * dialog {@code dialog.action-dialog} ({@code .json-editor}, {@code .json-status}, {@code button.confirm},
 * {@code .dialog-result}, {@code a.new-execution});</li>
 * <li>{@code #execution-filters}, {@code #executions}, {@code #failures}, {@code #running};
 * {@code #state-machines}; {@code #definition-text}, {@code #draw-definition}, {@code #diagnostics}.</li>
 * </ul>
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    /**
     * Quiet: Selenium warns that it has no DevTools (CDP) classes for this Chromium's version; the tests use
     * WebDriver only. Held here, since java.util.logging keeps its loggers weakly.
     */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
    }

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final Path profile;

    ConsoleBrowser() throws IOException {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: the console's browser tests drive Debian's "
                        + "chromium and chromium-driver; run ./install-test-tools (apt-get install chromium "
                        + "chromium-driver)");
            }
        }
        profile = Files.createTempDirectory("asl-console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1400,1000");
        // the driver given: Selenium Manager looks for (and downloads) nothing
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1400, 1000));
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        // the page redraws (a live update, a filter): an element found a moment ago may be gone; look again
        wait.ignoring(StaleElementReferenceException.class);
        wait.pollingEvery(Duration.ofMillis(50));
    }

    void open(String url) {
        driver.get(url);
    }

    /** The first element that matches, once there is one; fails naming the selector. */
    WebElement find(String css) {
        try {
            return wait.until(d -> {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                return found.isEmpty() ? null : found.get(0);
            });
        } catch (TimeoutException e) {
            throw new AssertionError("no " + css + " on " + driver.getCurrentUrl() + "; the page says: "
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The graph element of a state (node or group) once it is drawn. */
    WebElement state(String name) {
        return find("svg.graph [data-state=\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]");
    }

    /** Clicks the first element that matches, looking again when the page redrew it meanwhile (a live update). */
    void click(String css) {
        wait.until(d -> {
            find(css).click();
            return true;
        });
    }

    /**
     * Clicks a state: its name's text, since a group's middle is covered by the states inside it (a click bubbles up
     * from the text to the state's element, whose handler selects it).
     */
    void clickState(String name) {
        wait.until(d -> {
            state(name).findElement(By.cssSelector("text")).click();
            return true;
        });
    }

    /** Waits until the state's data-status is the one given; fails naming what it was. */
    void awaitStateStatus(String name, String status) {
        try {
            wait.until(d -> status.equals(state(name).getAttribute("data-status")));
        } catch (TimeoutException e) {
            throw new AssertionError("state " + name + " is " + state(name).getAttribute("data-status")
                    + ", not " + status, e);
        }
    }

    void awaitText(String css, String text) {
        try {
            wait.until(d -> {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                return !found.isEmpty() && found.get(0).getText().contains(text);
            });
        } catch (TimeoutException e) {
            List<WebElement> found = all(css);
            throw new AssertionError(css + " does not say \"" + text + "\": "
                    + (found.isEmpty() ? "(none)" : found.get(0).getText()), e);
        }
    }

    <T> T until(ExpectedCondition<T> condition) {
        return wait.until(condition);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** target/screenshots/NAME.png, the test's artefact. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(taken.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
