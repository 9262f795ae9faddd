package io.github.camelasl.examples.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelasl.engine.AslError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pipeline's local steps on a billing CSV ({@code customer_id,invoice_date,amount,currency}, one invoice line a
 * row). Each method is a Task: it takes the state's effective input as JSON text and returns its result, a Map
 * the engine turns into JSON. A file that breaks the format fails the state with {@code InvalidBillingData}.
 */
public class Billing {

    /** The error a malformed file fails the validation step with. */
    public static final String INVALID = "InvalidBillingData";
    static final List<String> HEADER = List.of("customer_id", "invoice_date", "amount", "currency");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {"csv": TEXT} -> {"valid": true, "lines": N, "currency": C}, or AslError InvalidBillingData naming the line. */
    public Map<String, Object> validate(String input) throws Exception {
        List<String> lines = JSON.readTree(input).path("csv").asText("").lines().toList();
        if (lines.isEmpty() || !fields(lines.get(0)).stream().map(f -> f.toLowerCase(Locale.ROOT)).toList()
                .equals(HEADER)) {
            throw new AslError(INVALID, "line 1: expected the header " + String.join(",", HEADER));
        }
        int count = 0;
        Set<String> currencies = new LinkedHashSet<>();
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            String where = "line " + (n + 1) + ": ";
            List<String> row = fields(lines.get(n));
            if (row.size() != HEADER.size()) {
                throw new AslError(INVALID, where + "expected " + HEADER.size() + " fields, found " + row.size());
            }
            if (row.get(0).isEmpty()) {
                throw new AslError(INVALID, where + "customer_id is empty");
            }
            try {
                LocalDate.parse(row.get(1));
            } catch (DateTimeParseException e) {
                throw new AslError(INVALID, where + "invoice_date '" + row.get(1) + "' is not a date (YYYY-MM-DD)");
            }
            BigDecimal amount = amount(row.get(2));
            if (amount == null || amount.scale() > 2) {
                throw new AslError(INVALID, where + "amount '" + row.get(2) + "' is not a number with at most 2 decimals");
            }
            if (!row.get(3).matches("[A-Za-z]{3}")) {
                throw new AslError(INVALID, where + "currency '" + row.get(3) + "' is not an ISO 4217 code");
            }
            currencies.add(row.get(3).toUpperCase(Locale.ROOT));
            count++;
        }
        if (count == 0) {
            throw new AslError(INVALID, "the file has no invoice lines");
        }
        if (currencies.size() > 1) {
            throw new AslError(INVALID, "the file mixes currencies " + currencies);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("valid", true);
        result.put("lines", count);
        result.put("currency", currencies.iterator().next());
        return result;
    }

    /**
     * {"csv": TEXT} (already validated) -> {"rows": [{customer, date, amount, currency}], "duplicatesDropped": N}:
     * customer ids lower-cased, currencies upper-cased, amounts with two decimals, blank and repeated lines dropped.
     */
    public Map<String, Object> preprocess(String input) throws Exception {
        List<String> lines = JSON.readTree(input).path("csv").asText("").lines().toList();
        Set<List<String>> seen = new LinkedHashSet<>();
        int duplicates = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> row = fields(line);
            List<String> clean = List.of(row.get(0).toLowerCase(Locale.ROOT), row.get(1),
                    amount(row.get(2)).setScale(2).toPlainString(), row.get(3).toUpperCase(Locale.ROOT));
            if (!seen.add(clean)) {
                duplicates++;
            }
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> row : seen) {
            rows.add(Map.of("customer", row.get(0), "date", row.get(1), "amount", row.get(2), "currency", row.get(3)));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rows", rows);
        result.put("duplicatesDropped", duplicates);
        return result;
    }

    /**
     * {"source": S, "rows": [...]} -> the report written to S3: {"source", "currency", "lines", "customers",
     * "totals": [{"customer", "lines", "total"}] by customer id, "grandTotal"}; amounts as decimal strings.
     */
    public Map<String, Object> totals(String input) throws Exception {
        JsonNode in = JSON.readTree(input);
        Map<String, BigDecimal> totals = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        String currency = null;
        BigDecimal grand = BigDecimal.ZERO.setScale(2);
        for (JsonNode row : in.path("rows")) {
            String customer = row.path("customer").asText();
            BigDecimal amount = new BigDecimal(row.path("amount").asText());
            totals.merge(customer, amount, BigDecimal::add);
            counts.merge(customer, 1, Integer::sum);
            grand = grand.add(amount);
            currency = row.path("currency").asText();
        }
        List<Map<String, Object>> perCustomer = new ArrayList<>();
        totals.forEach((customer, total) -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("customer", customer);
            line.put("lines", counts.get(customer));
            line.put("total", total.toPlainString());
            perCustomer.add(line);
        });
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("source", in.path("source").asText());
        report.put("currency", currency);
        report.put("lines", in.path("rows").size());
        report.put("customers", totals.size());
        report.put("totals", perCustomer);
        report.put("grandTotal", grand.toPlainString());
        return report;
    }

    /** A line's comma-separated fields, trimmed (the format has no quoting). */
    static List<String> fields(String line) {
        return List.of(line.split(",", -1)).stream().map(String::trim).toList();
    }

    private static BigDecimal amount(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
