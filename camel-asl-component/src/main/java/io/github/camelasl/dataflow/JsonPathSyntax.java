package io.github.camelasl.dataflow;

/**
 * The written form of an ASL JSONPath, read character by character: {@code $} then steps, each a dot name
 * ({@code .a}, possibly a path function {@code .length()}), {@code .*}, a deep scan {@code ..} followed by a name,
 * {@code *} or a bracket, or a bracket: quoted names ({@code ['a b']}, {@code ['a','b']}), indexes ({@code [0]},
 * {@code [0,2]}), a slice ({@code [1:3]}; Jayway reads and ignores a step, {@code [0:4:2]}), {@code [*]} or a filter
 * ({@code [?(@.price < 10)]}, its quoted text and {@code /regex/} literals skipped). A dot may come before a bracket
 * ({@code $.['a']}), as Jayway reads it. Jayway reads more
 * loosely (it skips a path's last character, and reads {@code $.a[0]xy} as {@code $['a'][0]['xy']}); a path must
 * have this form AND compile in Jayway. One pass over the text, no recursion: linear, whatever the path.
 */
final class JsonPathSyntax {

    private JsonPathSyntax() {
    }

    /** True when every character of {@code path} ({@code $} first) belongs to a step as described above. */
    static boolean isWellFormed(String path) {
        if (path.isEmpty() || path.charAt(0) != '$') {
            return false;
        }
        int i = 1;
        while (i < path.length()) {
            i = step(path, i);
            if (i < 0) {
                return false;
            }
        }
        return true;
    }

    /** Reads the step at {@code i}; returns the index past it, or -1 when it is malformed. */
    private static int step(String path, int i) {
        char c = path.charAt(i);
        if (c == '[') {
            return bracket(path, i);
        }
        if (c != '.') {
            return -1; // a name straight after a bracket, a stray ']' or ')', a space
        }
        boolean deepScan = i + 1 < path.length() && path.charAt(i + 1) == '.';
        int next = i + (deepScan ? 2 : 1);
        if (next >= path.length()) {
            return -1; // ends with '.' or '..'
        }
        char first = path.charAt(next);
        if (first == '*') {
            return next + 1;
        }
        if (first == '[') {
            return bracket(path, next); // Jayway reads $.['a'] as $['a']
        }
        return nameOrFunction(path, next);
    }

    /** A dot name, and when a '(' follows it, a path function's balanced arguments. */
    private static int nameOrFunction(String path, int i) {
        int end = i;
        while (end < path.length() && isDotNameChar(path.charAt(end))) {
            end++;
        }
        if (end == i) {
            return -1;
        }
        if (end < path.length() && path.charAt(end) == '(') {
            return balanced(path, end, ')');
        }
        return end;
    }

    /** What a name written after a dot may hold: not a delimiter of steps, brackets or functions, not a space. */
    private static boolean isDotNameChar(char c) {
        return c != '.' && c != '[' && c != ']' && c != '(' && c != ')' && !Character.isWhitespace(c);
    }

    /** {@code [...]} from the '[' at {@code i}; returns the index past its ']', or -1. */
    private static int bracket(String path, int i) {
        int at = skipSpaces(path, i + 1);
        if (at >= path.length()) {
            return -1;
        }
        char c = path.charAt(at);
        if (c == '?') {
            if (at + 1 >= path.length() || path.charAt(at + 1) != '(') {
                return -1;
            }
            at = balanced(path, at + 1, ')');
        } else if (c == '*') {
            at++;
        } else if (c == '\'' || c == '"') {
            at = list(path, at, true);
        } else if (isSlice(path, at)) {
            at = slice(path, at);
        } else {
            at = list(path, at, false);
        }
        if (at < 0) {
            return -1;
        }
        at = skipSpaces(path, at);
        return at < path.length() && path.charAt(at) == ']' ? at + 1 : -1;
    }

    /** A comma-separated list of quoted names or of indexes, from {@code i}; returns the index past it, or -1. */
    private static int list(String path, int i, boolean names) {
        int at = i;
        while (true) {
            at = names ? quotedEnd(path, at, null) : signedDigitsEnd(path, at);
            if (at < 0) {
                return -1;
            }
            at = skipSpaces(path, at);
            if (at >= path.length() || path.charAt(at) != ',') {
                return at;
            }
            at = skipSpaces(path, at + 1);
        }
    }

    /** Whether the bracket holds a ':' (read up to its ']', so each bracket is read a bounded number of times). */
    private static boolean isSlice(String path, int i) {
        int at = i;
        while (at < path.length() && path.charAt(at) != ']') {
            if (path.charAt(at) == ':') {
                return true;
            }
            at++;
        }
        return false;
    }

    /** {@code start:end[:step]}, each may be left out: returns the index past it, or -1. */
    private static int slice(String path, int i) {
        int at = skipSpaces(path, i);
        if (at < path.length() && path.charAt(at) != ':') {
            at = signedDigitsEnd(path, at);
            if (at < 0) {
                return -1;
            }
            at = skipSpaces(path, at);
        }
        if (at >= path.length() || path.charAt(at) != ':') {
            return -1;
        }
        at = skipSpaces(path, at + 1);
        if (at < path.length() && path.charAt(at) != ']' && path.charAt(at) != ':') {
            at = signedDigitsEnd(path, at);
            if (at < 0) {
                return -1;
            }
            at = skipSpaces(path, at);
        }
        if (at < path.length() && path.charAt(at) == ':') {
            // a step: Jayway compiles it and ignores it, so a path AWS runs is not refused here
            at = skipSpaces(path, at + 1);
            if (at < path.length() && path.charAt(at) != ']') {
                at = signedDigitsEnd(path, at);
            }
        }
        return at;
    }

    private static int signedDigitsEnd(String path, int i) {
        int at = i < path.length() && path.charAt(i) == '-' ? i + 1 : i;
        int end = digitsEnd(path, at);
        return end == at ? -1 : end;
    }

    /**
     * From the opening character at {@code i}, the index past the {@code close} that balances it, skipping quoted
     * text, a filter's {@code /regex/} literals (they may hold brackets) and nested (), [] and {}; -1 when it is not
     * balanced.
     */
    private static int balanced(String path, int i, char close) {
        int depth = 0;
        int at = i;
        while (at < path.length()) {
            char c = path.charAt(at);
            if (c == '\'' || c == '"' || c == '/') {
                at = quotedEnd(path, at, null);
                if (at < 0) {
                    return -1;
                }
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth < 0) {
                    return -1;
                }
                if (depth == 0) {
                    return c == close ? at + 1 : -1;
                }
            }
            at++;
        }
        return -1;
    }

    /**
     * From the quote at {@code i}, the index past the matching quote, reading a backslash as escaping the next
     * character, as Jayway does; -1 when the quote is not closed. Appends the name read to {@code name} if given.
     */
    static int quotedEnd(String path, int i, StringBuilder name) {
        char quote = path.charAt(i);
        int at = i + 1;
        while (at < path.length() && path.charAt(at) != quote) {
            if (path.charAt(at) == '\\' && at + 1 < path.length()) {
                at++;
            }
            if (name != null) {
                name.append(path.charAt(at));
            }
            at++;
        }
        return at < path.length() ? at + 1 : -1;
    }

    static int digitsEnd(String path, int i) {
        int at = i;
        while (at < path.length() && path.charAt(at) >= '0' && path.charAt(at) <= '9') {
            at++;
        }
        return at;
    }

    static int skipSpaces(String path, int i) {
        int at = i;
        while (at < path.length() && path.charAt(at) == ' ') {
            at++;
        }
        return at;
    }
}
