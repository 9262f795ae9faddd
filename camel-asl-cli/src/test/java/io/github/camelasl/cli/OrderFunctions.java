package io.github.camelasl.cli;

/** Local stand-ins for the orders pipeline's Lambda functions, reached through {@code class:} URIs. */
public class OrderFunctions {

    public String validate(String order) {
        return "{\"valid\": " + order.contains("\"order\"") + "}";
    }

    public String score(String order) {
        return "0.9";
    }

    public String fixedScore(String order) {
        return "0.5";
    }

    /** A function that is down: its Task fails (until a redrive maps it elsewhere). */
    public String unavailable(String order) {
        throw new IllegalStateException("the orders service is unavailable");
    }
}
