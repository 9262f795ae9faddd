package io.github.camelasl.graph;

/**
 * A definition not laid out yet could not be: other layouts held the one turn there is for as long as a layout may
 * take. The caller may try again (the console answers AWS's ThrottlingException).
 */
public final class LayoutBusyException extends RuntimeException {

    LayoutBusyException(String message) {
        super(message);
    }
}
