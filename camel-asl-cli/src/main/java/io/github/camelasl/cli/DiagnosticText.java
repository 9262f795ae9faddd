package io.github.camelasl.cli;

import io.github.camelasl.history.TerminalText;
import io.github.camelasl.validation.Diagnostic;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A diagnostic as one readable line: {@code CODE: message at /pointer}. Jackson's parse errors name their place
 * as {@code [Source: (String)"<the whole document>"; line: 9, column: 7]}; that becomes {@code line 9, column 7}.
 */
final class DiagnosticText {

    private static final Pattern SOURCE_IN_MESSAGE =
            Pattern.compile("(?s)\\s*at \\[Source: .*; line: (\\d+), column: (\\d+)]\\s*$");
    private static final Pattern SOURCE_LOCATION = Pattern.compile("(?s)^\\[Source: .*; line: (\\d+), column: (\\d+)]$");

    private DiagnosticText() {
    }

    static String line(Diagnostic d) {
        String message = d.message() == null ? "" : d.message();
        String location = d.location() == null ? "" : d.location();
        Matcher m = SOURCE_IN_MESSAGE.matcher(message);
        String place = null;
        if (m.find()) {
            place = "line " + m.group(1) + ", column " + m.group(2);
            message = message.substring(0, m.start());
        }
        Matcher l = SOURCE_LOCATION.matcher(location);
        if (l.matches()) {
            place = "line " + l.group(1) + ", column " + l.group(2);
            location = "";
        }
        StringBuilder text = new StringBuilder(d.code()).append(": ").append(Inputs.oneLine(message));
        if (!location.isEmpty()) {
            text.append(" at ").append(Inputs.oneLine(location));
        } else if (place != null) {
            text.append(" at ").append(place);
        }
        return TerminalText.escape(text.toString());
    }
}
