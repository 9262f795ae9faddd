package io.github.camelasl.store;

import io.github.camelasl.engine.ExecutionStatus;
import java.time.Instant;

/** What ListExecutions shows of an execution: read without its input, output or definition. */
public record ExecutionSummary(String executionArn, String stateMachineArn, String name, ExecutionStatus status,
        Instant startDate, Instant stopDate) {

    public static ExecutionSummary of(ExecutionRecord record) {
        return new ExecutionSummary(record.executionArn(), record.stateMachineArn(), record.name(), record.status(),
                record.startDate(), record.stopDate());
    }

    /** Where a page of executions, newest first, goes on from: after the one started at {@code startDate}. */
    public record Cursor(Instant startDate, String executionArn) {

        /** True when {@code summary} comes after this cursor, newest first (start date, then ARN, descending). */
        boolean isBefore(ExecutionSummary summary) {
            int byDate = summary.startDate().compareTo(startDate);
            return byDate < 0 || (byDate == 0 && summary.executionArn().compareTo(executionArn) < 0);
        }

        static Cursor after(ExecutionSummary summary) {
            return new Cursor(summary.startDate(), summary.executionArn());
        }
    }

    /** A page: its executions, and the cursor of the next page when there is one. */
    public record Page(java.util.List<ExecutionSummary> executions, Cursor next) {

        /** The page of {@code executions} (in any order) after {@code after}, newest first, at most {@code limit}. */
        public static Page of(java.util.stream.Stream<ExecutionSummary> executions, Cursor after, int limit) {
            java.util.List<ExecutionSummary> newestFirst = executions
                    .filter(s -> after == null || after.isBefore(s))
                    .sorted(java.util.Comparator.comparing(ExecutionSummary::startDate)
                            .thenComparing(ExecutionSummary::executionArn).reversed())
                    .limit(limit + 1L)
                    .toList();
            return of(newestFirst, limit);
        }

        /** The first {@code limit} of {@code newestFirst} (at most one more), and the cursor after them. */
        static Page of(java.util.List<ExecutionSummary> newestFirst, int limit) {
            return newestFirst.size() > limit
                    ? new Page(newestFirst.subList(0, limit), Cursor.after(newestFirst.get(limit - 1)))
                    : new Page(newestFirst, null);
        }
    }
}
