package io.github.camelasl.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleFilesTest {

    private final ConsoleFiles files = new ConsoleFiles("/asl", ConsoleFilesTest.class.getClassLoader());

    private static String text(ConsoleFiles.File file) {
        return new String(file.content(), StandardCharsets.UTF_8);
    }

    @Test
    void aPathThatNamesNoFileGetsIndexWithTheConsolesBase() {
        for (String path : List.of("", "/", "/executions/arn:aws:states:us-east-1:1:execution:m:a.b",
                "/executions/arn%3Aaws%3Astates", "/nothing.js", "/a/b/c", "/.hidden")) {
            ConsoleFiles.File file = files.get(path);
            assertEquals("text/html; charset=utf-8", file.contentType(), path);
            String html = text(file);
            assertTrue(html.contains("<base href=\"/asl/\">"), html);
            assertTrue(html.indexOf("<base") > html.indexOf("<head"), html);
        }
    }

    @Test
    void dotSegmentsAndBackslashesAreRefusedEscapedOrNot() {
        for (String path : List.of("/..", "/../x", "/a/../index.html", "/%2e%2e/x", "/a%2F..%2Fb", "/.", "/a\\b",
                "/a%5Cb", "/%00", "/%2", "/%zz")) {
            ConsoleError refused = assertThrows(ConsoleError.class, () -> files.get(path), path);
            assertEquals(400, refused.status, path);
        }
    }

    @Test
    void theBaseIsEscapedAndAnExistingBaseIsKept() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", ConsoleFiles.escape("<a href=\"x\">&'"));
        assertEquals("/a b/ü", ConsoleFiles.decode("/a%20b/%C3%BC"));
    }
}
