package io.github.camelasl.validation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 3339 date-times, the only timestamps ASL accepts (a zone is required, the 'T' too). */
final class Timestamps {

    private static final Pattern RFC3339 = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?([Zz]|[+-](\\d{2}):(\\d{2}))");

    private Timestamps() {
    }

    static boolean isRfc3339(String text) {
        Matcher m = RFC3339.matcher(text);
        if (!m.matches()) {
            return false;
        }
        try {
            LocalDate.of(number(m, 1), number(m, 2), number(m, 3));
        } catch (DateTimeException e) {
            return false;
        }
        // RFC 3339 allows a leap second (60).
        boolean timeOk = number(m, 4) <= 23 && number(m, 5) <= 59 && number(m, 6) <= 60;
        boolean zoneOk = m.group(9) == null || (number(m, 9) <= 23 && number(m, 10) <= 59);
        return timeOk && zoneOk;
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
