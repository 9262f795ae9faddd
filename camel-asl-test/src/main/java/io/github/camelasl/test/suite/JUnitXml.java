package io.github.camelasl.test.suite;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A suite's results as Maven Surefire writes them ({@code TEST-*.xml}), which CI tools (Jenkins, GitLab, GitHub
 * actions' test reporters) read: one {@code testsuite}, a {@code testcase} per test case (classname the state
 * machine, name the test case, time in seconds), a {@code failure} in each that failed with its failures as message
 * and text.
 */
public final class JUnitXml {

    private JUnitXml() {
    }

    /**
     * @param suite     the suite's name (e.g. "asl test LambdaSQSIntegration")
     * @param className what each testcase's classname says (the state machine)
     */
    public static String write(String suite, String className, List<CaseResult> results, Duration total,
            Instant timestamp) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", clean(suite));
            xml.writeAttribute("time", seconds(total));
            xml.writeAttribute("tests", String.valueOf(results.size()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("failures", String.valueOf(results.stream().filter(r -> !r.passed()).count()));
            xml.writeAttribute("timestamp", timestamp.truncatedTo(ChronoUnit.SECONDS).toString());
            for (CaseResult result : results) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("name", clean(result.name()));
                xml.writeAttribute("classname", clean(className));
                xml.writeAttribute("time", seconds(result.wallTime()));
                if (!result.passed()) {
                    xml.writeCharacters("\n    ");
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", clean(result.failures().get(0)));
                    xml.writeAttribute("type", "asl.ExpectationFailed");
                    xml.writeCharacters(clean(String.join("\n", result.failures())));
                    xml.writeEndElement();
                    xml.writeCharacters("\n  ");
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        return text.toString();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
    }

    /** XML 1.0 cannot carry most control characters (an error's cause may): they become U+FFFD. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000 ? c : 0xFFFD));
        return clean.toString();
    }
}
