package io.github.camelasl.examples.etl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Logs the end of every execution that ends while the app runs: those it started, redrove, or resumed after a
 * restart. It reads {@code listExecutions} now and then (history events do not name their execution, so a
 * history listener could not say which one ended) and describes each newly ended one.
 */
final class ExecutionWatch {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Instant since = Instant.now();
    /** executionArn@stopDate of the ends logged: a redriven execution ends again, with a later stopDate. */
    private final Set<String> logged = new HashSet<>();

    /** From a listExecutions response: describeExecution requests for the executions ended and not yet logged. */
    synchronized List<Map<String, String>> newlyEnded(String listResponse) throws Exception {
        List<Map<String, String>> requests = new ArrayList<>();
        for (JsonNode execution : JSON.readTree(listResponse).path("executions")) {
            String stopDate = execution.path("stopDate").asText(null);
            if (stopDate != null && !Instant.parse(stopDate).isBefore(since)
                    && logged.add(execution.path("executionArn").asText() + "@" + stopDate)) {
                requests.add(Map.of("executionArn", execution.path("executionArn").asText()));
            }
        }
        return requests;
    }

    /** Logs a describeExecution response: how the execution ended, and what to do about a failure. */
    void log(String describeResponse, OnPremEtlApp.Settings settings) throws Exception {
        JsonNode execution = JSON.readTree(describeResponse);
        String arn = execution.path("executionArn").asText();
        String name = execution.path("name").asText();
        String status = execution.path("status").asText();
        if ("SUCCEEDED".equals(status)) {
            OnPremEtlApp.LOG.info("{} SUCCEEDED: {}", name, execution.path("output").asText());
        } else if ("InvalidOrdersFile".equals(execution.path("error").asText())) {
            OnPremEtlApp.LOG.warn("{} FAILED, file rejected: {}. Fix the file and drop it into {} again", name,
                    execution.path("cause").asText(), settings.inbox());
        } else {
            OnPremEtlApp.LOG.warn("{} {}: {}: {}. Once fixed, redrive it from the step that failed: "
                    + "echo {} > {}", name, status, execution.path("error").asText(), execution.path("cause").asText(),
                    arn, settings.redrive().resolve(name));
        }
    }
}
