package io.github.camelasl.server.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.store.ExecutionListing;
import io.github.camelasl.store.ExecutionListing.Filter;
import io.github.camelasl.store.ExecutionListing.Sort;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The console's lists: state machines with their counts, executions across state machines, failures grouped. */
final class ConsoleQueries {

    /** The most state machines the overview shows (ListStateMachines' pages are read up to this). */
    static final int MAX_STATE_MACHINES = 1_000;
    static final int MAX_FAILURE_GROUPS = 100;
    static final int LAST_EXECUTIONS = 5;
    static final int DEFAULT_PAGE = 100;
    /** The console's default time range: the last day. */
    static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    /** The longest text {@code search} may be. */
    static final int MAX_SEARCH = 256;

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ConsoleBackend backend;
    private final Clock clock;

    ConsoleQueries(ConsoleBackend backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    /**
     * Every state machine the API knows and every one with executions started in [from, to) (a Camel app's asl:
     * routes), by name, with their counts by status over that range and their latest executions.
     */
    ObjectNode stateMachines(QueryParams params) throws Exception {
        Instant to = params.instant("to", clock.instant());
        Instant from = params.instant("from", to.minus(DEFAULT_RANGE));
        QueryParams.checkRange(from, to);
        Map<String, ObjectNode> machines = new TreeMap<>();
        String token = null;
        do {
            ObjectNode request = Json.NODES.objectNode().put("maxResults", 1000);
            if (token != null) {
                request.put("nextToken", token);
            }
            JsonNode page = backend.call("ListStateMachines", request);
            for (JsonNode machine : page.path("stateMachines")) {
                if (machines.size() < MAX_STATE_MACHINES) {
                    machines.put(machine.path("stateMachineArn").asText(), Json.NODES.objectNode()
                            .put("stateMachineArn", machine.path("stateMachineArn").asText())
                            .put("name", machine.path("name").asText())
                            .put("type", machine.path("type").asText()));
                }
            }
            token = page.path("nextToken").isTextual() ? page.get("nextToken").textValue() : null;
        } while (token != null && machines.size() < MAX_STATE_MACHINES);

        Map<String, Map<ExecutionStatus, Long>> counts = new LinkedHashMap<>();
        backend.store().countsByStateMachine(from, to).forEach(c -> counts.put(c.stateMachineArn(), c.byStatus()));
        for (String arn : counts.keySet()) {
            if (!machines.containsKey(arn) && machines.size() < MAX_STATE_MACHINES) {
                // a Camel app's asl: route: its store keeps STANDARD executions (EXPRESS ones are not kept)
                machines.put(arn, Json.NODES.objectNode().put("stateMachineArn", arn).put("name", nameOf(arn))
                        .put("type", "STANDARD"));
            }
        }
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode list = out.putArray("stateMachines");
        machines.values().stream().sorted(java.util.Comparator.comparing((ObjectNode m) -> m.get("name").asText())
                .thenComparing(m -> m.get("stateMachineArn").asText())).forEach(machine -> {
                    String arn = machine.get("stateMachineArn").asText();
                    Map<ExecutionStatus, Long> byStatus = counts.getOrDefault(arn, Map.of());
                    ObjectNode countsNode = machine.putObject("counts");
                    long total = 0;
                    for (ExecutionStatus status : ExecutionStatus.values()) {
                        long n = byStatus.getOrDefault(status, 0L);
                        countsNode.put(status.name(), n);
                        total += n;
                    }
                    long failed = byStatus.getOrDefault(ExecutionStatus.FAILED, 0L)
                            + byStatus.getOrDefault(ExecutionStatus.TIMED_OUT, 0L);
                    machine.put("total", total);
                    // of the executions started in the range, those that failed or timed out
                    machine.put("failureRate", total == 0 ? 0.0 : Math.round(failed * 10_000.0 / total) / 10_000.0);
                    ArrayNode last = machine.putArray("lastExecutions");
                    backend.store().listExecutions(new Filter(arn, null, null, null, null, null, null),
                            Sort.START_DATE_DESC, null, LAST_EXECUTIONS).executions()
                            .forEach(e -> last.add(summary(e)));
                    list.add(machine);
                });
        return out;
    }

    /** The name in a state machine ARN ({@code arn:aws:states:REGION:ACCOUNT:stateMachine:NAME}), or the ARN. */
    static String nameOf(String stateMachineArn) {
        String marker = ":stateMachine:";
        int at = stateMachineArn.indexOf(marker);
        return at < 0 ? stateMachineArn : stateMachineArn.substring(at + marker.length());
    }

    ObjectNode executions(QueryParams params) {
        String search = params.text("search");
        if (search != null && search.length() > MAX_SEARCH) {
            throw ConsoleError.validation("The parameter search is longer than " + MAX_SEARCH + " characters");
        }
        Instant from = params.instant("from", null);
        Instant to = params.instant("to", null);
        if (from != null && to != null) {
            QueryParams.checkRange(from, to);
        }
        Filter filter = new Filter(params.text("stateMachineArn"), params.status("status"), from, to, search,
                params.text("error"), params.text("failedState"));
        Sort sort;
        try {
            sort = Sort.ofWireName(params.text("sort") == null ? "-startDate" : params.text("sort"));
        } catch (IllegalArgumentException e) {
            throw ConsoleError.validation("The parameter " + e.getMessage());
        }
        int limit = params.integer("maxResults", 1, ExecutionListing.MAX_PAGE, DEFAULT_PAGE);
        ExecutionListing.Cursor after = cursor(params.text("nextToken"), sort);
        ExecutionListing.Page page = backend.store().listExecutions(filter, sort, after, limit);
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode list = out.putArray("executions");
        page.executions().forEach(e -> list.add(summary(e)));
        if (page.next() != null) {
            out.put("nextToken", token(page.next(), sort));
        }
        return out;
    }

    ObjectNode failures(QueryParams params) {
        Instant to = params.instant("to", clock.instant());
        Instant from = params.instant("from", to.minus(DEFAULT_RANGE));
        QueryParams.checkRange(from, to);
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode groups = out.putArray("groups");
        for (ExecutionListing.FailureGroup group : backend.store().failureGroups(from, to,
                params.text("stateMachineArn"), MAX_FAILURE_GROUPS)) {
            ObjectNode node = groups.addObject();
            node.put("stateMachineArn", group.stateMachineArn());
            node.put("failedState", group.failedState());
            node.put("error", group.error());
            node.put("count", group.count());
            node.put("lastStopDate", date(group.lastStopDate()));
            node.put("executionArn", group.executionArn());
        }
        return out;
    }

    static ObjectNode summary(ExecutionListing e) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("executionArn", e.executionArn());
        out.put("stateMachineArn", e.stateMachineArn());
        out.put("name", e.name());
        out.put("status", e.status().name());
        out.put("startDate", date(e.startDate()));
        out.put("stopDate", date(e.stopDate()));
        out.put("error", e.error());
        out.put("failedState", e.failedState());
        out.put("redriveCount", e.redriveCount());
        return out;
    }

    /** ISO-8601 with milliseconds, UTC; null for none. */
    static String date(Instant instant) {
        return instant == null ? null : MILLIS.format(instant);
    }

    /** The next page's token: the cursor and the sort it belongs to, as URL-safe base64 of JSON. */
    static String token(ExecutionListing.Cursor cursor, Sort sort) {
        ObjectNode token = Json.NODES.objectNode().put("sort", sort.wireName()).put("key", cursor.key())
                .put("executionArn", cursor.executionArn());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.toString()
                .getBytes(StandardCharsets.UTF_8));
    }

    static ExecutionListing.Cursor cursor(String token, Sort sort) {
        if (token == null) {
            return null;
        }
        try {
            JsonNode node = Json.parse(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            if (node.path("key").isTextual() && node.path("executionArn").isTextual()) {
                if (!sort.wireName().equals(node.path("sort").asText())) {
                    throw new ConsoleError(400, "InvalidToken", "The nextToken belongs to the sort "
                            + node.path("sort").asText() + ", not " + sort.wireName() + ": start again without it");
                }
                ExecutionListing.Cursor cursor = new ExecutionListing.Cursor(node.get("key").textValue(),
                        node.get("executionArn").textValue());
                if (sort == Sort.NAME || cursor.key().matches("-?[0-9]{1,19}")) {
                    return cursor;
                }
            }
        } catch (IllegalArgumentException | JsonProcessingException e) {
            // answered below
        }
        throw new ConsoleError(400, "InvalidToken", "The nextToken is not one this console gave");
    }

    /** Every summary of {@code list} as JSON. */
    static ArrayNode summaries(List<ExecutionListing> list) {
        ArrayNode out = Json.NODES.arrayNode();
        list.forEach(e -> out.add(summary(e)));
        return out;
    }
}
