package io.github.camelasl.resource;

import java.util.List;

/**
 * The one rule for text a resolver takes from a Resource and puts into a Camel endpoint URI: only ASCII letters,
 * digits and {@code - _ . : / $} (what ARN parts hold: names, versions, aliases, paths, {@code $LATEST}).
 * Anything else could change what the URI means: Camel decodes percent escapes before it reads a URI's options and
 * resolves {{placeholders}} and ${expressions} in it, so no escaping would keep {@code x?foo=bar} or
 * {@code {{secret}}} from becoming options; such a Resource is refused instead. Nor may the text start with
 * {@code /} or hold a {@code ..} path segment: {@code file:/srv/buckets/{1}} would leave its folder.
 */
public final class UriSafeText {

    /** The characters allowed, as the message says it. */
    private static final String ALLOWED = "letters, digits and - _ . : / $";

    private static final String SAFE_SYMBOLS = "-_.:/$";

    private UriSafeText() {
    }

    /**
     * Returns {@code part} of {@code resource} when it may go into an endpoint URI as it is.
     *
     * @param partName  what {@code part} is, for the message ({@code {3} part}, {@code activity name}), or null
     *                  when {@code part} is the whole Resource
     * @param refusedBy how the Resource would have been run, for the message ({@code run by the Lambda connector})
     * @throws ResourceRefusedException naming the Resource, the part and its first character that is not allowed
     */
    public static String require(String resource, String partName, String part, String refusedBy) {
        for (int i = 0; i < part.length(); i += Character.charCount(part.codePointAt(i))) {
            int c = part.codePointAt(i);
            if (!(c < 128 && Character.isLetterOrDigit(c) || SAFE_SYMBOLS.indexOf(c) >= 0)) {
                String shown = c < 128 && !Character.isISOControl(c) && !Character.isWhitespace(c)
                        ? "'" + (char) c + "'" : String.format("U+%04X", c);
                String which = partName == null ? "it" : "its " + partName + " '" + part + "'";
                throw new ResourceRefusedException("The resource provided " + resource + " cannot be " + refusedBy
                        + ": " + which + " holds " + shown + ", which would change the endpoint URI; a part of a "
                        + "Resource put into a URI may hold only " + ALLOWED);
            }
        }
        if (part.startsWith("/") || List.of(part.split("/")).contains("..")) {
            String which = partName == null ? "it" : "its " + partName + " '" + part + "'";
            throw new ResourceRefusedException("The resource provided " + resource + " cannot be " + refusedBy
                    + ": " + which + (part.startsWith("/") ? " starts with '/'" : " holds a '..' path segment")
                    + ", which would take the endpoint URI out of the path it names; a part of a Resource put into "
                    + "a URI may not start with '/' nor hold a '..' segment");
        }
        return part;
    }
}
