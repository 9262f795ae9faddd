package io.github.camelasl.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * The access keys (key id to secret) whose SigV4 signatures the API accepts. With none, it answers loopback callers
 * only; with some, every request must be signed with one of them, and the server may listen on any address.
 */
public final class AccessKeys {

    /** No keys: loopback callers only. */
    public static final AccessKeys NONE = new AccessKeys(Map.of(), Optional.empty());

    private final Map<String, String> secretsByKeyId;
    private final Optional<String> region;

    private AccessKeys(Map<String, String> secretsByKeyId, Optional<String> region) {
        this.secretsByKeyId = Map.copyOf(secretsByKeyId);
        this.region = region;
    }

    /** These keys, their signatures scoped to {@code region} only (by default any region will do). */
    public AccessKeys inRegion(String region) {
        if (region == null || !region.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("the signing region must be a region name as us-east-1, but was '"
                    + region + "'");
        }
        return new AccessKeys(secretsByKeyId, Optional.of(region));
    }

    /** The keys given, access key id to secret access key. */
    public static AccessKeys of(Map<String, String> secretsByKeyId) {
        secretsByKeyId.forEach((id, secret) -> {
            if (id == null || id.isBlank() || secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("an access key needs a key id and a secret");
            }
        });
        return new AccessKeys(secretsByKeyId, Optional.empty());
    }

    /**
     * The keys of every profile in an AWS credentials file ({@code [name]} sections with {@code aws_access_key_id}
     * and {@code aws_secret_access_key}, as {@code ~/.aws/credentials}), read with the SDK's own parser.
     *
     * @throws IllegalArgumentException when the file cannot be read, a profile has only one of the two, or there is
     *                                  no key at all
     */
    public static AccessKeys fromCredentialsFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the credentials file " + file + " is not a readable file");
        }
        Map<String, Profile> profiles;
        try {
            profiles = ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build().profiles();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the credentials file " + file + " cannot be read: " + e.getMessage());
        }
        Map<String, String> keys = new LinkedHashMap<>();
        profiles.forEach((name, profile) -> {
            Optional<String> id = profile.property(ProfileProperty.AWS_ACCESS_KEY_ID).filter(s -> !s.isBlank());
            Optional<String> secret = profile.property(ProfileProperty.AWS_SECRET_ACCESS_KEY)
                    .filter(s -> !s.isEmpty());
            if (id.isPresent() != secret.isPresent()) {
                throw new IllegalArgumentException("the profile [" + name + "] of the credentials file " + file
                        + " needs both aws_access_key_id and aws_secret_access_key");
            }
            id.ifPresent(keyId -> keys.put(keyId, secret.get()));
        });
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the credentials file " + file + " has no profile with "
                    + "aws_access_key_id and aws_secret_access_key");
        }
        return new AccessKeys(keys, Optional.empty());
    }

    public boolean isEmpty() {
        return secretsByKeyId.isEmpty();
    }

    /** The one region signatures must be scoped to, or empty for any. */
    Optional<String> region() {
        return region;
    }

    /**
     * True when {@code secretAccessKey} is the secret of {@code accessKeyId}: the console's login. The secrets are
     * compared in constant time (a comparison that stops at the first difference would tell how much was right).
     */
    public boolean accepts(String accessKeyId, String secretAccessKey) {
        if (accessKeyId == null || secretAccessKey == null) {
            return false;
        }
        String secret = secretsByKeyId.get(accessKeyId);
        // an unknown key id is compared too, against itself, so that it takes as long as a wrong secret
        byte[] expected = (secret != null ? secret : secretAccessKey).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        boolean same = java.security.MessageDigest.isEqual(expected,
                secretAccessKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return secret != null && same;
    }

    Optional<String> secret(String keyId) {
        return Optional.ofNullable(secretsByKeyId.get(keyId));
    }

    @Override
    public String toString() {
        return "AccessKeys" + secretsByKeyId.keySet() + region.map(r -> " in " + r).orElse(""); // never the secrets
    }
}
