package io.github.camelasl.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one XML escaper: the SVG graphs and the coverage report's HTML use it. */
class XmlTextTest {

    @Test
    void markupAndForbiddenControlCharactersBecomeInert() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;t&#39;&gt;&amp;\uFFFD\n</", XmlText.escape(
                "<a href=\"x\" title='t'>&\u0001\n").concat("</"));
    }
}
