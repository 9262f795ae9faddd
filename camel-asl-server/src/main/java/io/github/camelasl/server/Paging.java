package io.github.camelasl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.ExecutionOperations;
import io.github.camelasl.engine.AslError;
import java.util.Optional;

/** maxResults and nextToken, as the List actions take them: the token is the index of the next item. */
final class Paging {

    record Page(int from, int to, Optional<String> nextToken) {
    }

    private Paging() {
    }

    static Page page(JsonNode request, int size) {
        int from = Math.min(start(request), size);
        int to = Math.min(size, from + pageSize(request));
        return new Page(from, to, to < size ? Optional.of(Integer.toString(to)) : Optional.empty());
    }

    private static int pageSize(JsonNode request) {
        JsonNode max = request.get("maxResults");
        if (max == null || max.isNull() || (max.canConvertToInt() && max.asInt() == 0)) {
            return ExecutionOperations.DEFAULT_PAGE;
        }
        if (!max.isIntegralNumber() || !max.canConvertToInt() || max.asInt() < 0
                || max.asInt() > ExecutionOperations.MAX_PAGE) {
            throw ApiRequests.validation("maxResults", "Member must have value between 0 and "
                    + ExecutionOperations.MAX_PAGE + ", but was " + max);
        }
        return max.asInt();
    }

    private static int start(JsonNode request) {
        String token = ApiRequests.optionalText(request, "nextToken");
        if (token == null) {
            return 0;
        }
        try {
            int start = Integer.parseInt(token);
            if (start >= 0) {
                return start;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new AslError("InvalidToken", "Invalid Token: '" + token + "' is not a nextToken this server gave");
    }
}
