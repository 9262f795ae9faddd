package io.github.camelasl.test.coverage;

import static io.github.camelasl.test.AslAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.camelasl.test.AslTestKit;
import io.github.camelasl.test.StateMachineUnderTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What PathCoverage counts of a definition after runs that take some of its paths. */
class PathCoverageTest {

    private final PathCoverage coverage = new PathCoverage();
    private AslTestKit kit;

    @BeforeEach
    void kit() {
        kit = AslTestKit.create().addObserver(coverage);
    }

    @AfterEach
    void close() {
        kit.close();
    }

    /** Runs a Parallel, a Task that answers, a Task that fails twice (retried once, then caught); no Map. */
    static StateMachineUnderTest runSomePaths(AslTestKit kit, String name) {
        StateMachineUnderTest paths = kit.deploy(name, "classpath:coverage/paths.asl.json");
        assertThat(paths.run("{\"kind\": \"fan\"}")).succeeded().tookPath("Route", "Fan", "Left", "Right", "Done");
        paths.mock("Call").thenReturn("{\"ok\": true}");
        assertThat(paths.run("{\"kind\": \"call\"}")).succeeded().tookPath("Route", "Call", "Done");
        paths.resetMocks().mock("Call").thenThrow("Busy", "first").thenThrow("Busy", "second");
        assertThat(paths.run("{\"kind\": \"call\"}")).succeeded().tookPath("Route", "Call", "Recover", "Done");
        return paths;
    }

    static final java.util.List<String> UNCOVERED = java.util.List.of(
            "Choice 'Route' rule #1 → 'Each'",
            "'Route' → 'Each' (choice)",
            "state 'Each'",
            "'Each' → 'Done' (next)",
            "Start → 'Item' (start)",
            "state 'Item'",
            "Choice 'Item' rule #0 → 'Positive'",
            "'Item' → 'Positive' (choice)",
            "Choice 'Item' Default → 'Other'",
            "'Item' → 'Other' (default)",
            "state 'Positive'",
            "'Positive' → End (end)",
            "state 'Other'",
            "'Other' → End (end)");

    @Test
    void theRunsCoverExactlyThePathsTheyTook() {
        runSomePaths(kit, "paths");

        assertThat(coverage.definitions()).hasSize(1);
        DefinitionCoverage paths = coverage.definitions().get(0);
        assertThat(paths.name()).isEqualTo("paths");
        assertThat(paths.uncovered()).extracting(CoverageItem::describe).containsExactlyElementsOf(UNCOVERED);
        assertThat(paths.covered()).extracting(CoverageItem::describe).containsExactly(
                "Start → 'Route' (start)",
                "state 'Route'",
                "Choice 'Route' rule #0 → 'Fan'",
                "'Route' → 'Fan' (choice)",
                "Choice 'Route' Default → 'Call'",
                "'Route' → 'Call' (default)",
                "state 'Call'",
                "'Call' → 'Done' (next)",
                "Retrier #0 of 'Call' [Busy]",
                "Catcher #0 of 'Call' [States.ALL] → 'Recover'",
                "'Call' → 'Recover' (catch)",
                "state 'Recover'",
                "'Recover' → 'Done' (next)",
                "state 'Fan'",
                "'Fan' → 'Done' (next)",
                "Start → 'Left' (start)",
                "state 'Left'",
                "'Left' → End (end)",
                "Start → 'Right' (start)",
                "state 'Right'",
                "'Right' → End (end)",
                "state 'Done'",
                "'Done' → End (end)");
        assertThat(paths.items()).filteredOn(item -> item.describe().equals("state 'Route'"))
                .extracting(CoverageItem::count).containsExactly(3L);
        assertThat(paths.items()).filteredOn(item -> item.kind() == CoverageItem.Kind.RETRIER)
                .extracting(CoverageItem::count).containsExactly(1L); // one retry: MaxAttempts 1
    }

    @Test
    void theMapsPathsAndTheRestGetCoveredByTheRunsThatTakeThem() {
        StateMachineUnderTest paths = runSomePaths(kit, "paths");
        assertThat(paths.run("{\"kind\": \"each\", \"items\": [3, -1]}")).succeeded();

        DefinitionCoverage all = coverage.definitions().get(0);
        assertThat(all.uncovered()).isEmpty();
        assertThat(all.ratio()).isEqualTo(1.0);
        assertThat(all.items()).filteredOn(item -> item.describe().equals("state 'Item'"))
                .extracting(CoverageItem::count).containsExactly(2L); // once per iteration
    }

    @Test
    void aDefinitionDeployedTwiceWithTheSameTextIsOneEntry() {
        StateMachineUnderTest first = kit.deploy("first", "classpath:coverage/paths.asl.json");
        StateMachineUnderTest second = kit.deploy("second", "classpath:coverage/paths.asl.json");
        assertThat(first.run("{\"kind\": \"fan\"}")).succeeded();
        assertThat(second.run("{\"kind\": \"fan\"}")).succeeded();

        assertThat(coverage.definitions()).singleElement().satisfies(definition -> {
            assertThat(definition.name()).isEqualTo("first, second");
            assertThat(definition.stateMachineArns()).containsExactly(first.stateMachineArn(),
                    second.stateMachineArn());
            assertThat(definition.items()).filteredOn(item -> item.describe().equals("state 'Fan'"))
                    .extracting(CoverageItem::count).containsExactly(2L);
        });
    }

    @Test
    void aDeployedDefinitionNoTestRanIsListedUncovered() {
        kit.deploy("idle", "classpath:coverage/paths.asl.json");

        assertThat(coverage.definitions()).singleElement().satisfies(definition -> {
            assertThat(definition.covered()).isEmpty();
            assertThat(definition.items()).hasSize(37);
        });
    }

    @Test
    void theKitRecordsIntoTheRunsGlobalCoverage() {
        kit.deploy("global-paths", "{\"StartAt\": \"Only\", \"States\": {\"Only\": {\"Type\": \"Pass\", \"End\": true}}}")
                .run("{}");

        assertThat(PathCoverage.global().definitions())
                .filteredOn(definition -> definition.name().contains("global-paths")).singleElement()
                .satisfies(definition -> assertThat(definition.uncovered()).isEmpty());
    }
}
