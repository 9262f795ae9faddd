package io.github.camelasl.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request ready to send: method, absolute URI (query included), headers in their order (a name may repeat)
 * and the body (empty for none).
 */
public record OutgoingRequest(String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body) {

    public OutgoingRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The same request with one more header. */
    public OutgoingRequest withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new OutgoingRequest(method, uri, more, body);
    }

    /** The same request with {@code name} (any case) set to {@code value} alone: any header of that name goes. */
    public OutgoingRequest replacingHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>();
        headers.stream().filter(h -> !h.getKey().equalsIgnoreCase(name)).forEach(more::add);
        more.add(Map.entry(name, value));
        return new OutgoingRequest(method, uri, more, body);
    }

    /** The same request sent to {@code target} (a redirect's Location). */
    public OutgoingRequest to(String newMethod, URI target, boolean keepBody) {
        return new OutgoingRequest(newMethod, target, headers, keepBody ? body : null);
    }

    /** Whether a header of this name (any case) is set. */
    public boolean hasHeader(String name) {
        return headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase(name));
    }
}
