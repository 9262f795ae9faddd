package io.github.camelasl.model;

import java.util.List;

/** States that may Retry and Catch: Task, Parallel and Map. */
public interface ErrorHandling {
    List<Retrier> retry();

    List<Catcher> catchers();
}
