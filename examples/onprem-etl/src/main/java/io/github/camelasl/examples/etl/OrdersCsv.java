package io.github.camelasl.examples.etl;

import io.github.camelasl.engine.AslError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The orders file: {@code order_id,customer,amount}, a header line, then one order a line (blank lines are skipped;
 * no quoting). Turns its text into the rows the staging table takes; a line that breaks the format fails the
 * step with {@code InvalidRow}, naming the line.
 */
public final class OrdersCsv {

    /** The error a malformed line raises: the data is wrong, so running the step again cannot help. */
    public static final String INVALID_ROW = "InvalidRow";
    static final String HEADER = "order_id,customer,amount";

    private OrdersCsv() {
    }

    /** The rows of {@code text}: [{"line", "orderId", "customer", "amountCents"}], customers lower-cased. */
    public static List<Map<String, Object>> rows(String fileName, String text) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).trim().equalsIgnoreCase(HEADER)) {
            throw invalid(fileName, 1, "expected the header " + HEADER);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            int line = n + 1;
            String[] fields = lines.get(n).split(",", -1);
            if (fields.length != 3) {
                throw invalid(fileName, line, "expected 3 fields, found " + fields.length);
            }
            String orderId = fields[0].trim();
            String customer = fields[1].trim().toLowerCase(java.util.Locale.ROOT);
            if (orderId.isEmpty() || customer.isEmpty()) {
                throw invalid(fileName, line, "order_id and customer must not be empty");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("line", line);
            row.put("orderId", orderId);
            row.put("customer", customer);
            row.put("amountCents", cents(fileName, line, fields[2].trim()));
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw invalid(fileName, lines.size(), "the file has no orders");
        }
        return rows;
    }

    private static long cents(String fileName, int line, String amount) {
        try {
            BigDecimal value = new BigDecimal(amount);
            if (value.scale() <= 2 && value.signum() >= 0) {
                return value.movePointRight(2).longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw invalid(fileName, line, "amount '" + amount + "' is not a number >= 0 with at most 2 decimals");
    }

    private static AslError invalid(String fileName, int line, String problem) {
        return new AslError(INVALID_ROW, fileName + " line " + line + ": " + problem);
    }
}
