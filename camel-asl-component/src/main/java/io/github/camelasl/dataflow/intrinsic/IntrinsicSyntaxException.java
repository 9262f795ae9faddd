package io.github.camelasl.dataflow.intrinsic;

/** An intrinsic function call that does not parse, or names an unknown function. */
final class IntrinsicSyntaxException extends RuntimeException {

    IntrinsicSyntaxException(String message) {
        super(message, null, false, false);
    }
}
