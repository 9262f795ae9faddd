package io.github.camelasl.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule for Resource text that goes into an endpoint URI, as mappings, activities and connectors apply it. */
class UriSafeTextTest {

    @Test
    void whatArnPartsHoldGoesInAsItIs() {
        for (String part : List.of("score", "my_fn-2.v1", "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST",
                "folder/key")) {
            assertEquals(part, UriSafeText.require("r", "name", part, "run"));
        }
    }

    @Test
    void anythingThatCouldChangeTheUriIsRefusedNamingTheFirstSuchCharacter() {
        // options, fragments, escapes Camel decodes, placeholders and expressions it resolves, RAW(...), '+' as space
        for (String part : List.of("x?a=b", "x&a=b", "x#f", "x%3F", "x{{p}}", "x}", "RAW(x)", "x+y", "x=y", "x;y",
                "x'y", "x\"y", "x\\y", "x@y", "x,y", "x*", "x!", "x|y", "x~y", "x^y", "x`y", "x<y>", "x[0]")) {
            ResourceRefusedException refused = assertThrows(ResourceRefusedException.class,
                    () -> UriSafeText.require("arn:r", "name", part, "run here"));
            char bad = part.chars().filter(c -> !Character.isLetterOrDigit(c)).mapToObj(c -> (char) c).findFirst()
                    .orElseThrow();
            assertEquals("The resource provided arn:r cannot be run here: its name '" + part + "' holds '" + bad
                    + "', which would change the endpoint URI; a part of a Resource put into a URI may hold only "
                    + "letters, digits and - _ . : / $", refused.getMessage());
        }
    }

    @Test
    void invisibleAndNonAsciiCharactersAreNamedByCodePoint() {
        assertEquals("The resource provided a\nb cannot be run: it holds U+000A, which would change the endpoint "
                + "URI; a part of a Resource put into a URI may hold only letters, digits and - _ . : / $",
                assertThrows(ResourceRefusedException.class, () -> UriSafeText.require("a\nb", null, "a\nb", "run"))
                        .getMessage());
        for (String part : List.of("a b", "a\tb", "caf\u00e9", "\u0661", "x\uD83D\uDE00", "a\u007Fb")) {
            String message = assertThrows(ResourceRefusedException.class,
                    () -> UriSafeText.require("r", "name", part, "run")).getMessage();
            int bad = part.codePoints().filter(c -> c >= 128 || !Character.isLetterOrDigit(c)).findFirst()
                    .orElseThrow();
            assertEquals(String.format("U+%04X", bad), message.replaceAll(".* holds (\\S+),.*", "$1"), message);
        }
    }

    @Test
    void aPartMayNotWalkUpOrStartAtTheRoot() {
        assertEquals("The resource provided arn:aws:s3:::../etc cannot be mapped: its {1} part '../etc' holds a '..' "
                + "path segment, which would take the endpoint URI out of the path it names; a part of a Resource put "
                + "into a URI may not start with '/' nor hold a '..' segment",
                assertThrows(ResourceRefusedException.class,
                        () -> UriSafeText.require("arn:aws:s3:::../etc", "{1} part", "../etc", "mapped")).getMessage());
        for (String part : List.of("/etc", "a/../b", "a/..", "..")) {
            assertThrows(ResourceRefusedException.class, () -> UriSafeText.require("r", "name", part, "run"), part);
        }
        for (String part : List.of("a..b", "..a/b", "a/.b", "./a")) {
            assertEquals(part, UriSafeText.require("r", "name", part, "run"));
        }
    }
}
