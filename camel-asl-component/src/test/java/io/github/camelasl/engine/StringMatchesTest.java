package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Choice's StringMatches: a glob where '*' is any run of characters, matched in linear time whatever the data. */
class StringMatchesTest {

    @Test
    void starMatchesAnyRunOfCharacters() {
        assertTrue(ChoiceRules.wildcard("log-2024.txt", "log-*.txt"));
        assertTrue(ChoiceRules.wildcard("", "*"));
        assertTrue(ChoiceRules.wildcard("abc", "a*b*c*"));
        assertTrue(ChoiceRules.wildcard("a\nb", "a*b"));
        assertFalse(ChoiceRules.wildcard("log-2024.csv", "log-*.txt"));
        assertFalse(ChoiceRules.wildcard("abc", "abcd"));
        assertFalse(ChoiceRules.wildcard("xabc", "abc"));
    }

    @Test
    void backslashEscapesAStarAndABackslash() {
        assertTrue(ChoiceRules.wildcard("a*b", "a\\*b"));
        assertFalse(ChoiceRules.wildcard("axb", "a\\*b"));
        assertTrue(ChoiceRules.wildcard("a\\b", "a\\\\b"));
        assertTrue(ChoiceRules.wildcard("a\\xyz", "a\\\\*"));
        assertTrue(ChoiceRules.wildcard("(.+)?[x]$", "(.+)?[x]$"), "regex characters are plain text");
    }

    @Test
    void aPathologicalPatternFinishesAtOnce() {
        String text = "a".repeat(100_000);
        // a backtracking regex takes time polynomial in the text's length to the power of the stars
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
            assertFalse(ChoiceRules.wildcard(text, "*a*a*a*a*a*a*a*a*b"));
            assertTrue(ChoiceRules.wildcard(text + "b", "*a*a*a*a*a*a*a*a*b"));
        });
    }
}
