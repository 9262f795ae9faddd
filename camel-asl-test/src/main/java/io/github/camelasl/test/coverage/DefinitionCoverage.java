package io.github.camelasl.test.coverage;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The coverage of one definition text.
 *
 * @param stateMachineArns every ARN it was deployed or ran under (sorted)
 * @param definition       its text
 * @param sha256           its text's SHA-256, in hex: tells apart two definitions deployed under one name
 * @param items            its paths in definition order, with how often each was exercised
 */
public record DefinitionCoverage(List<String> stateMachineArns, String definition, String sha256,
        List<CoverageItem> items) {

    public DefinitionCoverage {
        stateMachineArns = List.copyOf(stateMachineArns);
        items = List.copyOf(items);
    }

    /** The state machines' names (the ARNs' last part), joined: "orders" or "orders, orders-copy". */
    public String name() {
        return stateMachineArns.stream().map(DefinitionCoverage::nameOf).distinct()
                .collect(Collectors.joining(", "));
    }

    static String nameOf(String stateMachineArn) {
        int at = stateMachineArn.indexOf(":stateMachine:");
        return at < 0 ? stateMachineArn : stateMachineArn.substring(at + ":stateMachine:".length());
    }

    public List<CoverageItem> items(CoverageItem.Kind kind) {
        return items.stream().filter(item -> item.kind() == kind).toList();
    }

    public List<CoverageItem> covered() {
        return items.stream().filter(CoverageItem::covered).toList();
    }

    public List<CoverageItem> uncovered() {
        return items.stream().filter(item -> !item.covered()).toList();
    }

    /** Covered items over all items, 0..1. */
    public double ratio() {
        return items.isEmpty() ? 1 : (double) covered().size() / items.size();
    }
}
