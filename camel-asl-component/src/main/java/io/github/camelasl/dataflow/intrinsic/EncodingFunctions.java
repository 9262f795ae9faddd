package io.github.camelasl.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Encoding and hashing: States.Base64Encode, States.Base64Decode and States.Hash. */
final class EncodingFunctions {

    /** AWS's limit on the input of the Base64 and Hash functions, in characters. */
    static final int MAX_INPUT_CHARACTERS = 10_000;

    /** The algorithms States.Hash accepts, spelled exactly as AWS spells them. */
    static final List<String> HASH_ALGORITHMS = List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    private EncodingFunctions() {
    }

    /** States.Base64Encode(string): the UTF-8 bytes of the string in standard Base64 with padding. */
    static JsonNode base64Encode(Args args) {
        String text = limitedText(args, "the string to encode");
        return Json.NODES.textNode(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** States.Base64Decode(string): standard Base64 back to a UTF-8 string. */
    static JsonNode base64Decode(Args args) {
        String text = limitedText(args, "the Base64 string to decode");
        try {
            return Json.NODES.textNode(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw args.fail("the string is not valid Base64: " + e.getMessage());
        }
    }

    /** States.Hash(string, algorithm): the lower-case hex digest of the string's UTF-8 bytes. */
    static JsonNode hash(Args args) {
        String text = limitedText(args, "the data to hash");
        String algorithm = args.text(1, "the hash algorithm");
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw args.fail("the hash algorithm '" + algorithm + "' is not supported; use one of "
                    + String.join(", ", HASH_ALGORITHMS));
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
            return Json.NODES.textNode(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks " + algorithm + ", which every Java platform must provide", e);
        }
    }

    private static String limitedText(Args args, String role) {
        String text = args.text(0, role);
        if (text.length() > MAX_INPUT_CHARACTERS) {
            throw args.fail("the input string holds " + text.length() + " characters, but at most "
                    + MAX_INPUT_CHARACTERS + " are allowed");
        }
        return text;
    }
}
