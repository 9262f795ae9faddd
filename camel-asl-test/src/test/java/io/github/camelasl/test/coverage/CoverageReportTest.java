package io.github.camelasl.test.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelasl.test.AslTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

/** The reports of a coverage (JSON, Markdown, HTML), the minimum, and the report at the end of a JUnit run. */
class CoverageReportTest {

    private static final PathCoverage COVERAGE = new PathCoverage();
    private static AslTestKit kit;

    /** The runs of PathCoverageTest: 23 of the 37 paths of coverage/paths.asl.json. */
    @BeforeAll
    static void runSomePaths() {
        kit = AslTestKit.create().addObserver(COVERAGE);
        PathCoverageTest.runSomePaths(kit, "paths");
    }

    @AfterAll
    static void close() {
        kit.close();
    }

    @Test
    void theJsonReportHasTheTotalsPerKindAndEveryItem() throws Exception {
        JsonNode json = new ObjectMapper().readTree(CoverageReport.of(COVERAGE).json());

        assertThat(json.path("total")).isEqualTo(json("{\"covered\": 23, \"items\": 37, \"ratio\": " + 23 / 37.0 + "}"));
        JsonNode machine = json.path("stateMachines").get(0);
        assertThat(machine.path("name").asText()).isEqualTo("paths");
        assertThat(machine.path("stateMachineArns"))
                .isEqualTo(json("[\"arn:aws:states:us-east-1:123456789012:stateMachine:paths\"]"));
        assertThat(machine.path("definitionSha256").asText()).hasSize(64);
        assertThat(machine.path("byKind").path("state")).isEqualTo(json("{\"covered\": 7, \"items\": 11, \"ratio\": "
                + 7 / 11.0 + "}"));
        assertThat(machine.path("byKind").path("choiceRule").path("covered").asInt()).isEqualTo(2);
        assertThat(machine.path("byKind").path("transition").path("items").asInt()).isEqualTo(19);
        assertThat(machine.path("items")).hasSize(37);
        assertThat(machine.path("items").get(0)).isEqualTo(json("""
                {"kind": "transition", "from": null, "to": "Route", "via": ["start"], "pointer": "/StartAt",
                 "count": 3, "covered": true}"""));
        assertThat(machine.path("items")).contains(json("""
                {"kind": "catcher", "state": "Call", "index": 0, "next": "Recover", "errorEquals": ["States.ALL"],
                 "pointer": "/States/Call/Catch/0", "count": 1, "covered": true}"""), json("""
                {"kind": "choiceRule", "state": "Item", "index": -1, "next": "Other",
                 "pointer": "/States/Each/ItemProcessor/States/Item/Default", "count": 0, "covered": false}"""), json("""
                {"kind": "state", "state": "Recover", "pointer": "/States/Recover", "count": 1, "covered": true}"""));
        assertThat(json.path("notTracked")).isEqualTo(json("{\"executions\": 0, \"definitions\": 0}"));
    }

    @Test
    void theMarkdownReportHasATablePerStateMachineAndNamesTheUncoveredPaths() {
        String markdown = CoverageReport.of(COVERAGE).markdown();

        assertThat(markdown).startsWith("# ASL path coverage\n\n**Total: 23 of 37 paths covered (62.2%).**\n\n## paths\n");
        assertThat(markdown).contains("""
                | Paths | Covered | Total | % |
                |---|---:|---:|---:|
                | States | 7 | 11 | 63.6% |
                | Choice rules | 2 | 5 | 40.0% |
                | Retriers | 1 | 1 | 100.0% |
                | Catchers | 1 | 1 | 100.0% |
                | Transitions | 12 | 19 | 63.2% |

                Not covered:

                - Choice 'Route' rule #1 → 'Each'
                - 'Route' → 'Each' (choice)
                - state 'Each'
                """);
        assertThat(markdown.lines().filter(line -> line.startsWith("- "))).hasSize(PathCoverageTest.UNCOVERED.size());
    }

    @Test
    void everyTextFromADefinitionIsEscapedInTheHtmlAndMarkdown(@TempDir Path dir) throws Exception {
        PathCoverage hostile = new PathCoverage();
        try (AslTestKit own = AslTestKit.create().addObserver(hostile)) {
            own.deploy("hostile", """
                    {"StartAt": "<script>x</script>", "States": {
                      "<script>x</script>": {"Type": "Choice", "Choices": [
                        {"Variable": "$.a", "IsPresent": true, "Next": "a|b *c* `d` <img src=x onerror=alert(1)>"}],
                        "Default": "Done"},
                      "a|b *c* `d` <img src=x onerror=alert(1)>": {"Type": "Pass", "End": true},
                      "Done": {"Type": "Succeed"}}}""").run("{}");
        }
        List<Path> written = CoverageReport.of(hostile).writeTo(dir);

        assertThat(written).extracting(path -> path.getFileName().toString())
                .containsExactly("asl-coverage.json", "asl-coverage.md", "asl-coverage.html");
        String html = Files.readString(dir.resolve("asl-coverage.html"));
        assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("<img");
        assertThat(html).contains("<li>Choice &#39;&lt;script&gt;x&lt;/script&gt;&#39; rule #0 → &#39;a|b *c* `d` "
                + "&lt;img src=x onerror=alert(1)&gt;&#39;</li>");
        assertThat(html).contains("<svg").contains("data-state=\"&lt;script&gt;x&lt;/script&gt;\"");
        String markdown = Files.readString(dir.resolve("asl-coverage.md"));
        assertThat(markdown).doesNotContain("<script").doesNotContain("<img")
                .contains("- state 'a\\|b \\*c\\* \\`d\\` &lt;img src=x onerror=alert(1)&gt;'");
    }

    @Test
    void underTheMinimumTheCheckFailsNamingWhatIsNotCovered() {
        CoverageReport report = CoverageReport.of(COVERAGE);
        report.check(0.6); // 62.2%

        assertThatThrownBy(() -> report.check(0.9)).isInstanceOf(CoverageBelowMinimumError.class)
                .hasMessageStartingWith("""
                        ASL path coverage 62.2% (23 of 37 paths) is under the minimum 90.0%. Not covered:
                          paths: Choice 'Route' rule #1 → 'Each'
                          paths: 'Route' → 'Each' (choice)
                          paths: state 'Each'
                        """)
                .hasMessageEndingWith("  paths: 'Other' → End (end)");
        assertThatThrownBy(() -> report.check(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minimum must be a number from 0 to 1 (e.g. 0.8), not 1.5");
    }

    @Test
    void theFailureMessageEscapesWhatATerminalWouldActOn() {
        PathCoverage escapes = new PathCoverage();
        try (AslTestKit own = AslTestKit.create().addObserver(escapes)) {
            own.deploy("terminal", """
                    {"StartAt": "Clear\\u001b[2J", "States": {"Clear\\u001b[2J": {"Type": "Pass", "End": true}}}""");
        }

        assertThatThrownBy(() -> CoverageReport.of(escapes).check(1)).hasMessageContaining(
                "  terminal: state 'Clear\\u001b[2J'").hasMessageNotContaining("\u001b");
    }

    @Test
    void theMinimumPropertyIsANumberFromZeroToOne() {
        String before = System.getProperty(CoverageReport.MINIMUM_PROPERTY);
        try {
            System.clearProperty(CoverageReport.MINIMUM_PROPERTY);
            assertThat(CoverageReport.minimumFromSystemProperty()).isEmpty();
            System.setProperty(CoverageReport.MINIMUM_PROPERTY, " 0.8 ");
            assertThat(CoverageReport.minimumFromSystemProperty()).hasValue(0.8);
            System.setProperty(CoverageReport.MINIMUM_PROPERTY, "80%");
            assertThatThrownBy(CoverageReport::minimumFromSystemProperty).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("asl.coverage.minimum must be a number from 0 to 1 (e.g. 0.8), not '80%'");
            System.setProperty(CoverageReport.MINIMUM_PROPERTY, "80");
            assertThatThrownBy(CoverageReport::minimumFromSystemProperty)
                    .hasMessage("asl.coverage.minimum must be a number from 0 to 1 (e.g. 0.8), not 80.0");
        } finally {
            if (before == null) {
                System.clearProperty(CoverageReport.MINIMUM_PROPERTY);
            } else {
                System.setProperty(CoverageReport.MINIMUM_PROPERTY, before);
            }
        }
    }

    @Test
    void theJUnitLauncherFindsTheSessionListenerThatReportsAtTheEndOfTheRun() {
        assertThat(ServiceLoader.load(LauncherSessionListener.class).stream().map(ServiceLoader.Provider::type))
                .contains(CoverageSession.class);
    }

    @Test
    void whenTheRunEndsTheReportIsWrittenAndARunUnderTheMinimumFails(@TempDir Path dir) {
        LauncherSession session = LauncherFactory.openSession(LauncherConfig.builder()
                .enableLauncherSessionListenerAutoRegistration(false)
                .addLauncherSessionListeners(new CoverageSession(COVERAGE, dir, OptionalDouble.of(0.9))).build());

        // what a build tool sees when it closes the session: the run fails
        assertThatThrownBy(session::close).isInstanceOf(CoverageBelowMinimumError.class)
                .hasMessageContaining("62.2% (23 of 37 paths) is under the minimum 90.0%");
        assertThat(dir.resolve("asl-coverage.json")).isNotEmptyFile();
        assertThat(dir.resolve("asl-coverage.md")).content().contains("Choice 'Route' rule #1 → 'Each'");
        assertThat(dir.resolve("asl-coverage.html")).isNotEmptyFile();
    }

    @Test
    void aReportThatCannotBeWrittenDoesNotFailARunButTheMinimumStillDoes(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "in the way");
        LauncherFactory.openSession(LauncherConfig.builder().enableLauncherSessionListenerAutoRegistration(false)
                .addLauncherSessionListeners(new CoverageSession(COVERAGE, notAFolder, OptionalDouble.empty()))
                .build()).close();

        LauncherSession underMinimum = LauncherFactory.openSession(LauncherConfig.builder()
                .enableLauncherSessionListenerAutoRegistration(false)
                .addLauncherSessionListeners(new CoverageSession(COVERAGE, notAFolder, OptionalDouble.of(0.9)))
                .build());
        assertThatThrownBy(underMinimum::close).isInstanceOf(CoverageBelowMinimumError.class);
    }

    @Test
    void aRunThatDeployedNoStateMachineWritesNothing(@TempDir Path dir) {
        LauncherSession session = LauncherFactory.openSession(LauncherConfig.builder()
                .enableLauncherSessionListenerAutoRegistration(false)
                .addLauncherSessionListeners(new CoverageSession(new PathCoverage(), dir.resolve("out"),
                        OptionalDouble.empty())).build());
        session.close();

        assertThat(dir.resolve("out")).doesNotExist();
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }
}
