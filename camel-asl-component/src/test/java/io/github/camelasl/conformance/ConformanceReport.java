package io.github.camelasl.conformance;

import io.github.camelasl.conformance.CaseResult.Verdict;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The figures of a run (overall, per feature, per service group) and its failures, as text. */
final class ConformanceReport {

    private static final List<String> SERVICE_GROUPS = List.of("none", "lambda", "s3", "sqs", "sns", "other");

    private final List<CaseResult> results;
    private final KnownFailures known;
    private final double requiredPassRate;
    private final String title;

    ConformanceReport(List<CaseResult> results, KnownFailures known, double requiredPassRate) {
        this(results, known, requiredPassRate, "conformance");
    }

    /** {@code title} starts the summary line ("conformance (lambda)" for a connector's run). */
    ConformanceReport(List<CaseResult> results, KnownFailures known, double requiredPassRate, String title) {
        this.results = results;
        this.known = known;
        this.requiredPassRate = requiredPassRate;
        this.title = title;
    }

    long count(Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }

    /** Passed among the cases in scope (skipped ones are not counted either way). */
    double passRate() {
        long ran = count(Verdict.PASSED) + count(Verdict.FAILED);
        return ran == 0 ? 1.0 : (double) count(Verdict.PASSED) / ran;
    }

    /** Prints the report and writes it to {@code target/<fileName>} of the module under test. */
    void publish(String fileName) throws java.io.IOException {
        String text = render();
        System.out.println(text);
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("basedir", "."), "target", fileName);
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, text);
    }

    /** What an assertion says about the regressions: how many, and each with its difference. */
    String regressionMessage() {
        List<CaseResult> regressions = regressions();
        return regressions.size() + " case(s) fail that " + known.fileName() + " does not list:\n"
                + regressions.stream().map(r -> r.name() + ": " + r.detail()).collect(Collectors.joining("\n"));
    }

    /** Failures the known-failures file does not list. */
    List<CaseResult> regressions() {
        return failures().stream().filter(r -> !known.contains(r.name())).toList();
    }

    /** Listed as known failures, but passing now: they can be removed from the file. */
    List<String> nowPassing() {
        return results.stream().filter(r -> r.verdict() == Verdict.PASSED && known.contains(r.name()))
                .map(CaseResult::name).toList();
    }

    /** Listed as known failures, but naming no case that ran (renamed, or skipped now). */
    List<String> unmatchedKnownFailures() {
        var ran = results.stream().filter(r -> r.verdict() != Verdict.SKIPPED).map(CaseResult::name)
                .collect(Collectors.toSet());
        return known.all().keySet().stream().filter(name -> !ran.contains(name)).toList();
    }

    String summaryLine() {
        return title + ": " + count(Verdict.PASSED) + " passed, " + count(Verdict.FAILED) + " failed, "
                + count(Verdict.SKIPPED) + " skipped";
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append(summaryLine()).append('\n');
        out.append(String.format(Locale.ROOT, "pass rate of the cases in scope: %.1f%% (at least %.0f%% required)%n",
                passRate() * 100, requiredPassRate * 100));

        out.append("\nby service group (passed / failed / skipped):\n");
        Map<String, Map<Verdict, Integer>> byGroup = tally(r -> r.recorded().serviceGroups());
        for (String group : SERVICE_GROUPS) {
            out.append(row(group, byGroup.getOrDefault(group, Map.of())));
        }
        out.append("\nby feature (passed / failed / skipped):\n");
        tally(r -> r.recorded().features()).forEach((feature, counts) -> out.append(row(feature, counts)));

        out.append("\nskipped, by reason:\n");
        results.stream().filter(r -> r.verdict() == Verdict.SKIPPED)
                .collect(Collectors.groupingBy(CaseResult::detail, TreeMap::new, Collectors.counting()))
                .forEach((reason, n) -> out.append(String.format(Locale.ROOT, "  %4d  %s%n", n, reason)));

        List<CaseResult> failures = failures();
        out.append("\nfailures (").append(failures.size()).append("; NEW = not in ")
                .append(known.fileName()).append("):\n");
        for (CaseResult failure : failures) {
            out.append(known.contains(failure.name()) ? "  " : "  NEW ").append(failure.name()).append('\n')
                    .append("      ").append(failure.detail()).append('\n');
        }
        appendList(out, "known failures that pass now (remove them from the file)", nowPassing());
        appendList(out, "known failures naming no case that ran (remove them from the file)",
                unmatchedKnownFailures());
        return out.toString();
    }

    private List<CaseResult> failures() {
        return results.stream().filter(r -> r.verdict() == Verdict.FAILED).toList();
    }

    /** Verdict counts per key (a case counts under each of its features or service groups). */
    private Map<String, Map<Verdict, Integer>> tally(Function<CaseResult, Collection<String>> keys) {
        Map<String, Map<Verdict, Integer>> counts = new TreeMap<>();
        for (CaseResult r : results) {
            for (String key : keys.apply(r)) {
                counts.computeIfAbsent(key, k -> new EnumMap<>(Verdict.class)).merge(r.verdict(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static String row(String key, Map<Verdict, Integer> counts) {
        return String.format(Locale.ROOT, "  %-40s %4d / %4d / %4d%n", key, counts.getOrDefault(Verdict.PASSED, 0),
                counts.getOrDefault(Verdict.FAILED, 0), counts.getOrDefault(Verdict.SKIPPED, 0));
    }

    private static void appendList(StringBuilder out, String title, List<String> names) {
        if (!names.isEmpty()) {
            out.append('\n').append(title).append(" (").append(names.size()).append("):\n");
            names.forEach(name -> out.append("  ").append(name).append('\n'));
        }
    }
}
