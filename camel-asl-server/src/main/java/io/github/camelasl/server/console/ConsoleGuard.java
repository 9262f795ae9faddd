package io.github.camelasl.server.console;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/**
 * Who may use the console, as who may use the API: without access keys, callers on this host only (the API's rules);
 * with keys, a login. A request for data ({@code C/api/*}) must also carry {@value #HEADER}{@code : 1}, which a page of
 * another site cannot send without a CORS preflight, which this server never grants. The page itself (its static
 * files) holds no data and needs no login.
 */
final class ConsoleGuard {

    static final String HEADER = "X-Asl-Console";
    static final String COOKIE = "asl-console";

    private final ConsoleBackend backend;
    private final ConsoleSessions sessions;

    ConsoleGuard(ConsoleBackend backend, ConsoleSessions sessions) {
        this.backend = backend;
        this.sessions = sessions;
    }

    /** Why a request for the page's files is refused, or null. */
    ConsoleError checkPage(HttpServerRequest request) {
        return backend.callerRefusal(request).map(why -> new ConsoleError(403, "AccessDeniedException", why))
                .orElse(null);
    }

    /** Why a request for {@code C/api/<name>} is refused, or null. */
    ConsoleError checkApi(HttpServerRequest request, String name) {
        ConsoleError refused = checkPage(request);
        if (refused != null || name.equals("session")) {
            return refused;
        }
        if (name.startsWith("live/")) {
            // an EventSource cannot send a header; a page of another site cannot read the stream either (no CORS),
            // and a browser that says where the request comes from is believed
            String site = request.getHeader("Sec-Fetch-Site");
            if (site != null && !site.equals("same-origin") && !site.equals("none")) {
                return new ConsoleError(403, "AccessDeniedException", "The console's live updates are for its own "
                        + "page only: this request came from a page of another site (Sec-Fetch-Site: " + site + ")");
            }
        } else if (!"1".equals(request.getHeader(HEADER))) {
            return new ConsoleError(403, "AccessDeniedException", "The console's API answers its own page only: the "
                    + "request must carry the header " + HEADER + ": 1");
        }
        if (name.equals("login") || !backend.loginRequired() || sessions.isLive(sessionKey(request))) {
            return null;
        }
        return new ConsoleError(401, "AccessDeniedException", "Log in to the console first (POST api/login with an "
                + "access key of the server): this request has no session, or its session has expired");
    }

    static String sessionKey(HttpServerRequest request) {
        Cookie cookie = request.getCookie(COOKIE);
        return cookie == null ? null : cookie.getValue();
    }
}
