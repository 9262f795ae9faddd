package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys of an AWS credentials file, as the SDKs and the AWS CLI read it. */
class AccessKeysTest {

    @TempDir
    Path tmp;

    @Test
    void everyProfileWithAKeyCountsAndOneWithoutIsLeftOut() throws Exception {
        Path file = Files.writeString(tmp.resolve("credentials"), """
                # the keys callers sign with
                [default]
                aws_access_key_id = AKIDONE
                aws_secret_access_key = secret-one
                [ci]
                aws_access_key_id=AKIDTWO
                aws_secret_access_key=secret-two
                [settings-only]
                region = eu-west-1
                """);
        AccessKeys keys = AccessKeys.fromCredentialsFile(file);
        assertEquals(Optional.of("secret-one"), keys.secret("AKIDONE"));
        assertEquals(Optional.of("secret-two"), keys.secret("AKIDTWO"));
        assertEquals(Optional.empty(), keys.secret("AKIDTHREE"));
        assertFalse(keys.toString().contains("secret"), keys.toString());
    }

    @Test
    void aFileWithoutKeysOrWithHalfAKeyOrMissingIsRefused() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty"), "[default]\nregion = us-east-1\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccessKeys.fromCredentialsFile(empty))
                .getMessage().contains("no profile"));
        Path half = Files.writeString(tmp.resolve("half"), "[p]\naws_secret_access_key = s\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccessKeys.fromCredentialsFile(half))
                .getMessage().contains("[p]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AccessKeys.fromCredentialsFile(tmp.resolve("missing"))).getMessage().contains("not a readable"));
    }
}
