package io.github.camelasl.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Enough of SNS for Publish, on a free loopback port: it speaks SNS's Query protocol (a form-encoded POST, an XML
 * answer laid out as AWS lays it out), keeps the topics it was given and every Publish it received, and answers
 * an unknown topic and a FIFO publish without group id with AWS's errors.
 *
 * <pre>{@code
 * try (SnsStandIn sns = new SnsStandIn("us-east-1")) {
 *     String topic = sns.createTopic("alerts");
 *     // point the SNS connector at sns.endpoint() (uriEndpointOverride), run the machine, then
 *     String message = sns.published().get(0).get("Message");
 * }
 * }</pre>
 */
public final class SnsStandIn implements AutoCloseable {

    public static final String ACCOUNT = "123456789012";
    private static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

    /** A Publish as received: its form fields, and the id and request id it was answered with. */
    public record Published(Map<String, String> form, String messageId, String requestId) {

        public String get(String field) {
            return form.get(field);
        }

        /** The MessageAttributes.entry.N.* fields as name -> {DataType, StringValue, BinaryValue}. */
        public Map<String, Map<String, String>> attributes() {
            Map<String, Map<String, String>> attributes = new TreeMap<>();
            for (int n = 1; form.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
                String prefix = "MessageAttributes.entry." + n + ".Value.";
                Map<String, String> value = new TreeMap<>();
                form.forEach((k, v) -> {
                    if (k.startsWith(prefix)) {
                        value.put(k.substring(prefix.length()), v);
                    }
                });
                attributes.put(form.get("MessageAttributes.entry." + n + ".Name"), value);
            }
            return attributes;
        }
    }

    private final HttpServer server;
    private final String region;
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    public SnsStandIn(String region) throws IOException {
        this.region = region;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Creates a topic (FIFO when the name ends in .fifo) and returns its ARN. */
    public String createTopic(String name) {
        String arn = "arn:aws:sns:" + region + ":" + ACCOUNT + ":" + name;
        topics.add(arn);
        return arn;
    }

    /** Knows a topic by its ARN, whatever its account and region. */
    public void addTopic(String arn) {
        topics.add(arn);
    }

    public void deleteTopic(String arn) {
        topics.remove(arn);
    }

    public List<Published> published() {
        return List.copyOf(published);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String requestId = UUID.randomUUID().toString();
            if (!"Publish".equals(form.get("Action"))) {
                error(exchange, 400, "InvalidAction", "The action " + form.get("Action") + " is not valid", requestId);
                return;
            }
            String topicArn = form.get("TopicArn");
            if (topicArn != null && !topics.contains(topicArn)) {
                error(exchange, 404, "NotFound", "Topic does not exist", requestId);
                return;
            }
            boolean fifo = topicArn != null && topicArn.endsWith(".fifo");
            if (fifo && form.get("MessageGroupId") == null) {
                error(exchange, 400, "InvalidParameter",
                        "Invalid parameter: The MessageGroupId parameter is required for FIFO topics", requestId);
                return;
            }
            String messageId = UUID.randomUUID().toString();
            published.add(new Published(form, messageId, requestId));
            String sequenceNumber = fifo ? "    <SequenceNumber>" + String.format("%020d", sequence.incrementAndGet())
                    + "</SequenceNumber>\n" : "";
            respond(exchange, 200, "<PublishResponse xmlns=\"" + NAMESPACE + "\">\n"
                    + "  <PublishResult>\n"
                    + "    <MessageId>" + messageId + "</MessageId>\n"
                    + sequenceNumber
                    + "  </PublishResult>\n"
                    + "  <ResponseMetadata>\n"
                    + "    <RequestId>" + requestId + "</RequestId>\n"
                    + "  </ResponseMetadata>\n"
                    + "</PublishResponse>\n", requestId);
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message, String requestId)
            throws IOException {
        respond(exchange, status, "<ErrorResponse xmlns=\"" + NAMESPACE + "\">\n"
                + "  <Error>\n"
                + "    <Type>Sender</Type>\n"
                + "    <Code>" + code + "</Code>\n"
                + "    <Message>" + message + "</Message>\n"
                + "  </Error>\n"
                + "  <RequestId>" + requestId + "</RequestId>\n"
                + "</ErrorResponse>\n", requestId);
    }

    private static void respond(HttpExchange exchange, int status, String xml, String requestId) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("x-amzn-RequestId", requestId);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            form.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
