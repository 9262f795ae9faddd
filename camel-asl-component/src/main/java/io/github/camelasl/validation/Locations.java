package io.github.camelasl.validation;

/**
 * Builds locations the way AWS writes them: slash-separated field names from the root, state names as
 * they are, and array elements as {@code [i]} (for example {@code /States/T/Retry[0]/BackoffRate}).
 * The root itself is {@code /}; internally it is the empty pointer.
 */
final class Locations {

    private Locations() {
    }

    static String of(String pointer) {
        return pointer.isEmpty() ? "/" : pointer;
    }

    static String field(String pointer, String name) {
        return pointer + "/" + name;
    }

    static String element(String pointer, int index) {
        return pointer + "[" + index + "]";
    }
}
