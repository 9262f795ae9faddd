package io.github.camelasl.graph;

/**
 * What happened to a state in an execution, as the graph colours it. The order is how bad it is, worst first:
 * the states inside a Map show the worst of their iterations.
 */
public enum StateStatus {
    FAILED("#c62828"),
    RUNNING("#1565c0"),
    CAUGHT("#ef6c00"),
    RETRIED("#f9a825"),
    CANCELLED("#6d4c41"),
    SUCCEEDED("#2e7d32"),
    NOT_REACHED("#9e9e9e");

    /** The colour without a status (a definition alone). */
    public static final String NEUTRAL = "#546e7a";

    private final String colour;

    StateStatus(String colour) {
        this.colour = colour;
    }

    /** The colour the page and the SVG draw it in. */
    public String colour() {
        return colour;
    }

    static StateStatus worse(StateStatus a, StateStatus b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
