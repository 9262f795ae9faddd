package io.github.camelasl.server.console;

import java.util.LinkedHashMap;
import java.util.Map;

/** The headers every console response carries: what the page may load, and no caching of data. */
final class SecurityHeaders {

    /**
     * The contract's policy, and what default-src does not cover: no other site frames the page (as X-Frame-Options,
     * for browsers that read only this), and neither a base element nor a form can point it at another site.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private SecurityHeaders() {
    }

    /** For a response to {@code C/api/*} ({@code api}) or to the page's files. */
    static Map<String, String> of(boolean api) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        // no other site may frame the console (and trick a click on Stop or Redrive)
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "same-origin");
        if (api) {
            headers.put("Cache-Control", "no-store");
        }
        return headers;
    }
}
