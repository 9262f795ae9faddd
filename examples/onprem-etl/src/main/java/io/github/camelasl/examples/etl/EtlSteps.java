package io.github.camelasl.examples.etl;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelasl.AslConstants;
import io.github.camelasl.engine.AslError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The routes the definition's Tasks call ({@code direct:parse-file}, {@code load-rows}, {@code aggregate},
 * {@code write-report}). Each takes the state's effective input as JSON text, replies with its result, and logs
 * one line naming the execution and the state, so the log shows which steps ran (and which a resume or a redrive
 * did not run again).
 */
final class EtlSteps extends RouteBuilder {

    /** The error WriteReport fails with while the flag file {@code WORK/broken} exists. */
    static final String REPORT_TARGET_UNAVAILABLE = "ReportTargetUnavailable";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> ROWS = new TypeReference<>() {
    };

    private final OnPremEtlApp.Settings settings;

    EtlSteps(OnPremEtlApp.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        // a failure goes back to the state as it is: the definition's Retry and Catch handle it (Camel's default
        // handler would also log every failed attempt as an ERROR with its stack trace)
        errorHandler(noErrorHandler());

        // {"file": PATH, "source": NAME} -> {"rows": [{"line", "orderId", "customer", "amountCents"}]}
        from("direct:parse-file").routeId("ParseFile")
                .process(e -> {
                    JsonNode in = input(e);
                    String source = in.path("source").asText();
                    List<Map<String, Object>> rows = OrdersCsv.rows(source,
                            Files.readString(Path.of(in.path("file").asText())));
                    e.getMessage().setBody(Map.of("rows", rows));
                    log(e, rows.size() + " rows read from " + source);
                });

        // {"run", "rows": [...]} -> {"rows": N}: one batch insert into the staging table
        from("direct:load-rows").routeId("LoadRows")
                .process(e -> {
                    JsonNode in = input(e);
                    List<Map<String, Object>> rows = JSON.convertValue(in.path("rows"), ROWS);
                    rows.forEach(row -> row.put("run", in.path("run").asText()));
                    e.getMessage().setBody(rows);
                    e.setProperty("rowCount", rows.size());
                })
                .to("sql:classpath:sql/load-rows.sql?dataSource=#warehouse&batch=true")
                .process(e -> {
                    e.getMessage().setBody(Map.of("rows", e.getProperty("rowCount")));
                    log(e, e.getProperty("rowCount") + " rows inserted into staging_orders");
                });

        // {"run"} -> [{"customer", "orders", "total"}], totals per customer from the staging table
        from("direct:aggregate").routeId("Aggregate")
                .process(e -> e.getMessage().setBody(Map.of("run", input(e).path("run").asText())))
                .to("sql:classpath:sql/totals-per-customer.sql?dataSource=#warehouse")
                .process(e -> log(e, e.getMessage().getBody(List.class).size() + " customers totalled"));

        // {"run", "source", "rows", "customers"} -> {"file", "customers": N}: the report as WORK/outbox/RUN.json
        from("direct:write-report").routeId("WriteReport")
                .process(e -> {
                    if (Files.exists(settings.brokenFlag())) {
                        OnPremEtlApp.LOG.warn("{} WriteReport: failed, {} exists", executionName(e),
                                settings.brokenFlag());
                        throw new AslError(REPORT_TARGET_UNAVAILABLE, "The report target is marked unavailable ("
                                + settings.brokenFlag() + " exists): delete that file, then redrive the execution");
                    }
                    JsonNode report = input(e);
                    e.getMessage().setHeader(Exchange.FILE_NAME, report.path("run").asText() + ".json");
                    e.getMessage().setBody(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
                    e.setProperty("customers", report.path("customers").size());
                })
                // written under a temporary name, then renamed: a reader of outbox/ never sees half a report
                .to("file:" + settings.outbox() + "?tempPrefix=.writing-")
                .process(e -> {
                    Path file = settings.outbox().resolve(e.getMessage().getHeader(Exchange.FILE_NAME, String.class));
                    e.getMessage().setBody(JSON.createObjectNode().put("file", file.toString())
                            .put("customers", e.getProperty("customers", Integer.class)));
                    log(e, "report written to " + file);
                });
    }

    private static JsonNode input(Exchange e) throws Exception {
        return JSON.readTree(e.getMessage().getBody(String.class));
    }

    private static void log(Exchange e, String what) {
        OnPremEtlApp.LOG.info("{} {}: {}", executionName(e), e.getMessage().getHeader(AslConstants.STATE_NAME), what);
    }

    private static String executionName(Exchange e) {
        return OnPremEtlApp.executionName(e.getMessage().getHeader(AslConstants.EXECUTION_ARN, String.class));
    }
}
