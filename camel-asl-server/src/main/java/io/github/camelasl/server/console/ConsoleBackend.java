package io.github.camelasl.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.store.ExecutionStore;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
import org.apache.camel.Processor;

/**
 * What the console needs of the Step Functions API it stands beside (StepFunctionsApiRoutes gives it): the API's own
 * processor for the page's actions, its answers for the console's queries, its store, and its security rules.
 */
public interface ConsoleBackend {

    /** The processor of the API's route: {@code POST C/api/stepfunctions} goes through the same one. */
    Processor stepFunctionsApi();

    /**
     * One of AWS's actions that answers at once (DescribeExecution, ListStateMachines, ...), dates as ISO-8601 text;
     * an {@link io.github.camelasl.engine.AslError} as the API answers it.
     */
    JsonNode call(String action, JsonNode request) throws Exception;

    /** Where the API's STANDARD executions are kept. */
    ExecutionStore store();

    /** True when the API has access keys: the console then needs a login with one of them. */
    boolean loginRequired();

    /** True when {@code secretAccessKey} is the secret of {@code accessKeyId} (compared in constant time). */
    boolean acceptsKey(String accessKeyId, String secretAccessKey);

    /**
     * Without access keys, why {@code request} is refused (not from this host, through a proxy, to another Host), as
     * the API refuses it; empty when it is not (and always, with keys).
     */
    Optional<String> callerRefusal(HttpServerRequest request);
}
