package io.github.camelasl.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.ExecutionStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the console lists of an execution, across state machines: ListExecutions' summary, and for one that failed
 * its error and the state whose failure failed it.
 *
 * @param failedState for a FAILED or TIMED_OUT execution, the last state it entered; null otherwise or when unknown
 */
public record ExecutionListing(String executionArn, String stateMachineArn, String name, ExecutionStatus status,
        Instant startDate, Instant stopDate, String error, String failedState, int redriveCount) {

    /** The most a page holds. */
    public static final int MAX_PAGE = 1_000;

    static ExecutionListing of(ExecutionRecord record, String failedState) {
        return new ExecutionListing(record.executionArn(), record.stateMachineArn(), record.name(), record.status(),
                record.startDate(), record.stopDate(), record.error(), failedState, record.redriveCount());
    }

    /** The state a FAILED or TIMED_OUT execution failed in: the last one its history shows entering, or null. */
    public static String failedStateOf(List<JsonNode> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            JsonNode event = events.get(i);
            if (event.path("type").asText().endsWith("StateEntered")) {
                JsonNode name = event.path("stateEnteredEventDetails").path("name");
                return name.isTextual() ? name.textValue() : null;
            }
        }
        return null;
    }

    static boolean failed(ExecutionStatus status) {
        return status == ExecutionStatus.FAILED || status == ExecutionStatus.TIMED_OUT;
    }

    /**
     * Which executions: each field null for any. {@code from} and {@code to} bound the start date ([from, to));
     * {@code search} is a substring of the name or ARN; {@code error} and {@code failedState} match whole.
     */
    public record Filter(String stateMachineArn, ExecutionStatus status, Instant from, Instant to, String search,
            String error, String failedState) {

        public static final Filter ALL = new Filter(null, null, null, null, null, null, null);

        boolean matches(ExecutionListing e) {
            return (stateMachineArn == null || stateMachineArn.equals(e.stateMachineArn()))
                    && (status == null || status == e.status())
                    && (from == null || !e.startDate().isBefore(from))
                    && (to == null || e.startDate().isBefore(to))
                    && (search == null || e.executionArn().contains(search) || e.name().contains(search))
                    && (error == null || error.equals(e.error()))
                    && (failedState == null || failedState.equals(e.failedState()));
        }
    }

    /**
     * The order of a listing; each then by ARN in the same direction, so that pages never overlap. A stop date order
     * lists the executions that have stopped only: a running one has no stop date to take its place by.
     */
    public enum Sort {
        START_DATE_DESC("-startDate", "start_date", true),
        START_DATE("startDate", "start_date", false),
        STOP_DATE_DESC("-stopDate", "stop_date", true),
        STOP_DATE("stopDate", "stop_date", false),
        NAME("name", "name", false);

        private final String wireName;
        final String column;
        final boolean descending;

        Sort(String wireName, String column, boolean descending) {
            this.wireName = wireName;
            this.column = column;
            this.descending = descending;
        }

        /** Its name as the console's {@code sort} parameter gives it: {@code -startDate}, {@code name}, ... */
        public String wireName() {
            return wireName;
        }

        /** The sort named {@code wireName}; IllegalArgumentException naming those there are for any other. */
        public static Sort ofWireName(String wireName) {
            for (Sort sort : values()) {
                if (sort.wireName.equals(wireName)) {
                    return sort;
                }
            }
            throw new IllegalArgumentException("sort must be one of startDate, -startDate, stopDate, -stopDate, name, "
                    + "but was '" + wireName + "'");
        }

        boolean byStopDate() {
            return this == STOP_DATE || this == STOP_DATE_DESC;
        }

        /** The sort key of {@code e} as a cursor keeps it. */
        String key(ExecutionListing e) {
            return switch (this) {
                case START_DATE, START_DATE_DESC -> Long.toString(e.startDate().toEpochMilli());
                case STOP_DATE, STOP_DATE_DESC -> Long.toString(e.stopDate().toEpochMilli());
                case NAME -> e.name();
            };
        }

        Comparator<ExecutionListing> comparator() {
            Function<ExecutionListing, Comparable<?>> keyOf = switch (this) {
                case START_DATE, START_DATE_DESC -> ExecutionListing::startDate;
                case STOP_DATE, STOP_DATE_DESC -> ExecutionListing::stopDate;
                case NAME -> ExecutionListing::name;
            };
            @SuppressWarnings({"unchecked", "rawtypes"})
            Comparator<ExecutionListing> ascending = Comparator.comparing((Function) keyOf);
            ascending = ascending.thenComparing(ExecutionListing::executionArn);
            return descending ? ascending.reversed() : ascending;
        }
    }

    /** Where a page goes on from: after the execution whose sort key (as {@link Sort} keeps it) and ARN these are. */
    public record Cursor(String key, String executionArn) {
        public Cursor {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(executionArn, "executionArn");
        }

        /** The key as a date sort keeps it: epoch milliseconds. */
        long millis() {
            try {
                return Long.parseLong(key);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the page's cursor does not belong to a date order: " + key);
            }
        }
    }

    /** A page of a listing and the cursor of the next page when there is one. */
    public record Page(List<ExecutionListing> executions, Cursor next) {

        /** The page of {@code all} (in any order) that matches, after {@code after}, in {@code sort}'s order. */
        static Page of(Stream<ExecutionListing> all, Filter filter, Sort sort, Cursor after, int limit) {
            Comparator<ExecutionListing> order = sort.comparator();
            List<ExecutionListing> sorted = all
                    .filter(filter::matches)
                    .filter(e -> !sort.byStopDate() || e.stopDate() != null)
                    .filter(e -> after == null || order.compare(e, atCursor(sort, after)) > 0)
                    .sorted(order)
                    .limit(limit + 1L)
                    .toList();
            return of(sorted, sort, limit);
        }

        static Page of(List<ExecutionListing> sorted, Sort sort, int limit) {
            if (sorted.size() <= limit) {
                return new Page(sorted, null);
            }
            ExecutionListing last = sorted.get(limit - 1);
            return new Page(sorted.subList(0, limit), new Cursor(sort.key(last), last.executionArn()));
        }

        /** A listing standing where the cursor is, to compare others with. */
        private static ExecutionListing atCursor(Sort sort, Cursor cursor) {
            Instant date = sort == Sort.NAME ? null : Instant.ofEpochMilli(cursor.millis());
            return new ExecutionListing(cursor.executionArn(), null, sort == Sort.NAME ? cursor.key() : null, null,
                    sort.byStopDate() ? null : date, sort.byStopDate() ? date : null, null, null, 0);
        }
    }

    /** How many executions of one state machine there are of each status. */
    public record Counts(String stateMachineArn, java.util.Map<ExecutionStatus, Long> byStatus) {
    }

    /**
     * Executions that failed alike: of one state machine, in one state, with one error.
     *
     * @param executionArn the newest of them
     */
    public record FailureGroup(String stateMachineArn, String failedState, String error, long count,
            Instant lastStopDate, String executionArn) {

        /**
         * The FAILED and TIMED_OUT executions among {@code listings} that stopped in [{@code from}, {@code to}) (of
         * {@code stateMachineArn} only, unless it is null), grouped by state machine, failed state and error: a store
         * that reads its executions one by one (a durable store groups them in its query).
         */
        static List<FailureGroup> of(Stream<ExecutionListing> listings, Instant from, Instant to,
                String stateMachineArn, int limit) {
            record Key(String stateMachineArn, String failedState, String error) {
            }
            java.util.Map<Key, List<ExecutionListing>> groups = new java.util.HashMap<>();
            listings.filter(l -> failed(l.status()) && l.stopDate() != null)
                    .filter(l -> !l.stopDate().isBefore(from) && l.stopDate().isBefore(to))
                    .filter(l -> stateMachineArn == null || stateMachineArn.equals(l.stateMachineArn()))
                    .forEach(l -> groups.computeIfAbsent(new Key(l.stateMachineArn(), l.failedState(), l.error()),
                            k -> new java.util.ArrayList<>()).add(l));
            return largestFirst(groups.values().stream().map(members -> {
                ExecutionListing newest = members.stream().max(Comparator.comparing(ExecutionListing::stopDate)
                        .thenComparing(ExecutionListing::executionArn)).orElseThrow();
                return new FailureGroup(newest.stateMachineArn(), newest.failedState(), newest.error(),
                        members.size(), newest.stopDate(), newest.executionArn());
            }), limit);
        }

        /** The first {@code limit} groups: the largest first, then the most recent. */
        static List<FailureGroup> largestFirst(Stream<FailureGroup> groups, int limit) {
            return groups.sorted(Comparator.comparingLong(FailureGroup::count).reversed()
                    .thenComparing(FailureGroup::lastStopDate, Comparator.reverseOrder())
                    .thenComparing(FailureGroup::executionArn)).limit(limit).toList();
        }
    }
}
