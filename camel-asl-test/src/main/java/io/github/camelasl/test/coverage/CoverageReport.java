package io.github.camelasl.test.coverage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.graph.ExecutionGraphs;
import io.github.camelasl.history.TerminalText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A report of a {@link PathCoverage}, as it was when the report was made: JSON ({@value #JSON_FILE}), Markdown
 * ({@value #MARKDOWN_FILE}: a table per state machine and what it left uncovered) and HTML ({@value #HTML_FILE}:
 * the same with each definition's graph coloured by coverage), written by {@link #writeTo(Path)}; and a minimum
 * that fails the run ({@link #check(double)}).
 *
 * <pre>{@code
 * CoverageReport report = CoverageReport.of(PathCoverage.global());
 * report.writeTo(CoverageReport.DEFAULT_DIRECTORY);
 * report.check(0.8); // throws CoverageBelowMinimumError naming what was not covered
 * }</pre>
 */
public final class CoverageReport {

    /** Where the JUnit run's report goes unless {@value #DIRECTORY_PROPERTY} says otherwise. */
    public static final Path DEFAULT_DIRECTORY = Path.of("target", "asl-coverage");
    /** System property: the folder the JUnit run's report is written to. */
    public static final String DIRECTORY_PROPERTY = "asl.coverage.directory";
    /** System property: the least total coverage (0..1, e.g. {@code 0.8}) a JUnit run must reach, or it fails. */
    public static final String MINIMUM_PROPERTY = "asl.coverage.minimum";
    public static final String JSON_FILE = "asl-coverage.json";
    public static final String MARKDOWN_FILE = "asl-coverage.md";
    public static final String HTML_FILE = "asl-coverage.html";
    /** Uncovered paths a threshold failure names at most (the reports name them all). */
    static final int MAX_NAMED_IN_FAILURE = 50;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Laid-out definitions kept between reports: a run writes one report, the CLI a few. */
    private static final ExecutionGraphs GRAPHS = new ExecutionGraphs(64);

    private final List<DefinitionCoverage> definitions;
    private final long untrackedExecutions;
    private final long untrackedDefinitions;

    private CoverageReport(List<DefinitionCoverage> definitions, long untrackedExecutions, long untrackedDefinitions) {
        this.definitions = List.copyOf(definitions);
        this.untrackedExecutions = untrackedExecutions;
        this.untrackedDefinitions = untrackedDefinitions;
    }

    /** The report of what {@code coverage} holds now. */
    public static CoverageReport of(PathCoverage coverage) {
        return new CoverageReport(coverage.definitions(), coverage.untrackedExecutions(),
                coverage.untrackedDefinitions());
    }

    public List<DefinitionCoverage> definitions() {
        return definitions;
    }

    public int totalItems() {
        return definitions.stream().mapToInt(d -> d.items().size()).sum();
    }

    public int coveredItems() {
        return definitions.stream().mapToInt(d -> d.covered().size()).sum();
    }

    /** Covered paths over all paths of every definition, 0..1 (1 when no state machine was deployed). */
    public double ratio() {
        int total = totalItems();
        return total == 0 ? 1 : (double) coveredItems() / total;
    }

    // ---- the threshold

    /**
     * Fails when the total coverage is under {@code minimum}.
     *
     * @param minimum 0..1
     * @throws CoverageBelowMinimumError naming the coverage, the minimum and the uncovered paths (at most
     *                                   {@value #MAX_NAMED_IN_FAILURE} of them)
     * @throws IllegalArgumentException  when {@code minimum} is not within 0..1
     */
    public void check(double minimum) {
        checkMinimum(minimum, "minimum");
        double ratio = ratio();
        if (ratio >= minimum) {
            return;
        }
        StringBuilder message = new StringBuilder("ASL path coverage ").append(percent(ratio)).append(" (")
                .append(coveredItems()).append(" of ").append(totalItems()).append(" paths) is under the minimum ")
                .append(percent(minimum)).append(". Not covered:");
        int named = 0;
        int uncovered = totalItems() - coveredItems();
        for (DefinitionCoverage definition : definitions) {
            for (CoverageItem item : definition.uncovered()) {
                if (named++ == MAX_NAMED_IN_FAILURE) {
                    break;
                }
                // names are the definition's: a control character in one would act on the terminal it is shown in
                message.append("\n  ").append(TerminalText.escape(definition.name() + ": " + item.describe()));
            }
        }
        if (uncovered > MAX_NAMED_IN_FAILURE) {
            message.append("\n  ... and ").append(uncovered - MAX_NAMED_IN_FAILURE).append(" more (see ")
                    .append(MARKDOWN_FILE).append(')');
        }
        throw new CoverageBelowMinimumError(message.toString(), ratio, minimum);
    }

    /**
     * The minimum the system property {@value #MINIMUM_PROPERTY} asks for, if set.
     *
     * @throws IllegalArgumentException when it is set to anything but a number from 0 to 1
     */
    public static OptionalDouble minimumFromSystemProperty() {
        String text = System.getProperty(MINIMUM_PROPERTY);
        if (text == null || text.isBlank()) {
            return OptionalDouble.empty();
        }
        double minimum;
        try {
            minimum = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MINIMUM_PROPERTY + " must be a number from 0 to 1 (e.g. 0.8), not '"
                    + text + "'");
        }
        checkMinimum(minimum, MINIMUM_PROPERTY);
        return OptionalDouble.of(minimum);
    }

    private static void checkMinimum(double minimum, String name) {
        if (!(minimum >= 0 && minimum <= 1)) { // NaN too
            throw new IllegalArgumentException(name + " must be a number from 0 to 1 (e.g. 0.8), not " + minimum);
        }
    }

    // ---- writing

    /**
     * Writes {@value #JSON_FILE}, {@value #MARKDOWN_FILE} and {@value #HTML_FILE} into {@code directory}
     * (created if need be), replacing earlier ones.
     *
     * @return the files written
     */
    public List<Path> writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            List<Path> written = new ArrayList<>();
            written.add(Files.writeString(directory.resolve(JSON_FILE), json(), StandardCharsets.UTF_8));
            written.add(Files.writeString(directory.resolve(MARKDOWN_FILE), markdown(), StandardCharsets.UTF_8));
            written.add(Files.writeString(directory.resolve(HTML_FILE), html(), StandardCharsets.UTF_8));
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ASL path coverage report to " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /** The JSON report, pretty-printed. */
    public String json() {
        return toJson().toPrettyString();
    }

    ObjectNode toJson() {
        ObjectNode report = MAPPER.createObjectNode();
        counts(report.putObject("total"), coveredItems(), totalItems());
        ArrayNode machines = report.putArray("stateMachines");
        for (DefinitionCoverage definition : definitions) {
            ObjectNode machine = machines.addObject();
            machine.put("name", definition.name());
            ArrayNode arns = machine.putArray("stateMachineArns");
            definition.stateMachineArns().forEach(arns::add);
            machine.put("definitionSha256", definition.sha256());
            counts(machine.putObject("total"), definition.covered().size(), definition.items().size());
            ObjectNode byKind = machine.putObject("byKind");
            for (CoverageItem.Kind kind : CoverageItem.Kind.values()) {
                List<CoverageItem> items = definition.items(kind);
                counts(byKind.putObject(kind.jsonName()), (int) items.stream().filter(CoverageItem::covered).count(),
                        items.size());
            }
            ArrayNode items = machine.putArray("items");
            for (CoverageItem item : definition.items()) {
                items.add(itemJson(item));
            }
        }
        ObjectNode untracked = report.putObject("notTracked");
        untracked.put("executions", untrackedExecutions);
        untracked.put("definitions", untrackedDefinitions);
        return report;
    }

    private static void counts(ObjectNode json, int covered, int total) {
        json.put("covered", covered);
        json.put("items", total);
        json.put("ratio", total == 0 ? 1 : (double) covered / total);
    }

    private static ObjectNode itemJson(CoverageItem item) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("kind", item.kind().jsonName());
        if (item.kind() == CoverageItem.Kind.TRANSITION) {
            json.put("from", item.state()); // null: Start
            json.put("to", item.to()); // null: End
            ArrayNode via = json.putArray("via");
            item.via().forEach(via::add);
        } else {
            json.put("state", item.state());
            if (item.kind() != CoverageItem.Kind.STATE) {
                json.put("index", item.index());
            }
            if (item.to() != null) {
                json.put("next", item.to());
            }
            if (!item.errors().isEmpty()) {
                ArrayNode errors = json.putArray("errorEquals");
                item.errors().forEach(errors::add);
            }
        }
        json.put("pointer", item.pointer());
        json.put("count", item.count());
        json.put("covered", item.covered());
        return json;
    }

    /** The Markdown report: the total, then per state machine a table by kind and its uncovered paths. */
    public String markdown() {
        StringBuilder md = new StringBuilder("# ASL path coverage\n\n");
        md.append("**Total: ").append(coveredItems()).append(" of ").append(totalItems()).append(" paths covered (")
                .append(percent(ratio())).append(").**\n");
        if (definitions.isEmpty()) {
            md.append("\nNo state machine was deployed.\n");
        }
        notes().forEach(note -> md.append('\n').append(Markup.markdown(note)).append('\n'));
        for (DefinitionCoverage definition : definitions) {
            md.append("\n## ").append(Markup.markdown(definition.name())).append("\n\n");
            md.append("Definition SHA-256 `").append(definition.sha256(), 0, 12).append("`: ")
                    .append(definition.covered().size()).append(" of ").append(definition.items().size())
                    .append(" paths covered (").append(percent(definition.ratio())).append(").\n\n");
            md.append("| Paths | Covered | Total | % |\n|---|---:|---:|---:|\n");
            for (CoverageItem.Kind kind : CoverageItem.Kind.values()) {
                List<CoverageItem> items = definition.items(kind);
                long covered = items.stream().filter(CoverageItem::covered).count();
                md.append("| ").append(kind.title()).append(" | ").append(covered).append(" | ").append(items.size())
                        .append(" | ").append(items.isEmpty() ? "-" : percent((double) covered / items.size()))
                        .append(" |\n");
            }
            List<CoverageItem> uncovered = definition.uncovered();
            if (uncovered.isEmpty()) {
                md.append("\nEvery path covered.\n");
            } else {
                md.append("\nNot covered:\n\n");
                for (CoverageItem item : uncovered) {
                    md.append("- ").append(Markup.markdown(item.describe())).append('\n');
                }
            }
        }
        return md.toString();
    }

    /** The HTML report: as the Markdown one, with each definition's graph coloured by coverage. No script. */
    public String html() {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>ASL path coverage</title>\n<style>\n")
                .append("body{font-family:Helvetica,Arial,sans-serif;margin:2em;color:#263238}")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #cfd8dc;")
                .append("padding:.3em .7em;text-align:right}td:first-child,th:first-child{text-align:left}")
                .append(".graph{overflow:auto;border:1px solid #eceff1;margin:1em 0}")
                .append(".uncovered li{color:#b71c1c}\n</style>\n</head>\n<body>\n");
        html.append("<h1>ASL path coverage</h1>\n<p><strong>Total: ").append(coveredItems()).append(" of ")
                .append(totalItems()).append(" paths covered (").append(percent(ratio())).append(").</strong></p>\n");
        if (definitions.isEmpty()) {
            html.append("<p>No state machine was deployed.</p>\n");
        }
        notes().forEach(note -> html.append("<p>").append(Markup.html(note)).append("</p>\n"));
        for (DefinitionCoverage definition : definitions) {
            html.append("<section>\n<h2>").append(Markup.html(definition.name())).append("</h2>\n<p>Definition ")
                    .append("SHA-256 <code>").append(definition.sha256(), 0, 12).append("</code>: ")
                    .append(definition.covered().size()).append(" of ").append(definition.items().size())
                    .append(" paths covered (").append(percent(definition.ratio())).append(").</p>\n");
            html.append("<table>\n<tr><th>Paths</th><th>Covered</th><th>Total</th><th>%</th></tr>\n");
            for (CoverageItem.Kind kind : CoverageItem.Kind.values()) {
                List<CoverageItem> items = definition.items(kind);
                long covered = items.stream().filter(CoverageItem::covered).count();
                html.append("<tr><td>").append(kind.title()).append("</td><td>").append(covered).append("</td><td>")
                        .append(items.size()).append("</td><td>")
                        .append(items.isEmpty() ? "-" : percent((double) covered / items.size()))
                        .append("</td></tr>\n");
            }
            html.append("</table>\n<div class=\"graph\">\n");
            try {
                html.append(CoverageGraph.svg(GRAPHS, definition));
            } catch (RuntimeException e) { // too big to draw, or the layout is busy: the lists still say it all
                html.append("<p>The graph is not drawn: ").append(Markup.html(String.valueOf(e.getMessage())))
                        .append("</p>\n");
            }
            html.append("</div>\n");
            List<CoverageItem> uncovered = definition.uncovered();
            if (uncovered.isEmpty()) {
                html.append("<p>Every path covered.</p>\n");
            } else {
                html.append("<h3>Not covered</h3>\n<ul class=\"uncovered\">\n");
                for (CoverageItem item : uncovered) {
                    html.append("<li>").append(Markup.html(item.describe())).append("</li>\n");
                }
                html.append("</ul>\n");
            }
            html.append("</section>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (untrackedDefinitions > 0) {
            notes.add(untrackedDefinitions + " deployments were not tracked: more than " + PathCoverage.MAX_DEFINITIONS
                    + " distinct definitions.");
        }
        if (untrackedExecutions > 0) {
            notes.add(untrackedExecutions + " executions were not tracked: more than " + PathCoverage.MAX_RUNNING
                    + " ran at once, or their definition was not tracked.");
        }
        return notes;
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }
}
