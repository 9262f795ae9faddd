package io.github.camelasl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A client of the console's HTTP side, as its page calls it (with the X-Asl-Console header, a session cookie). */
final class ConsoleClient {

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;
    /** The session cookie (name=value), once logged in. */
    String cookie;

    /** @param base the console's URL, e.g. http://127.0.0.1:8083/asl */
    ConsoleClient(String base) {
        this.base = base;
    }

    static String query(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("X-Asl-Console", "1");
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        return builder;
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** GET of a console API answering 200: its JSON. */
    JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.parse(response.body());
    }

    /** One of AWS's actions through {@code C/api/stepfunctions}. */
    HttpResponse<String> action(String action, String body) throws Exception {
        return send(request("/api/stepfunctions").header("X-Amz-Target", "AWSStepFunctions." + action)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A raw HTTP/1.1 GET with the headers given as they are (a Host of another site too): the status line. */
    static String rawGet(int port, String path, String... headerLines) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        }
    }

    /** A server-sent event: its name and data. */
    record Event(String name, String data) {
        JsonNode json() throws Exception {
            return Json.parse(data);
        }
    }

    /** An open event stream, read on a thread of its own into a queue. */
    final class Stream implements AutoCloseable {
        final HttpResponse<java.util.stream.Stream<String>> response;
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final List<String> comments = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread reader;

        Stream(String path) throws Exception {
            response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofLines());
            reader = new Thread(() -> {
                String name = null;
                List<String> data = new ArrayList<>();
                try {
                    for (java.util.Iterator<String> lines = response.body().iterator(); lines.hasNext();) {
                        String line = lines.next();
                        if (line.startsWith(":")) {
                            comments.add(line);
                        } else if (line.startsWith("event: ")) {
                            name = line.substring(7);
                        } else if (line.startsWith("data: ")) {
                            data.add(line.substring(6));
                        } else if (line.isEmpty() && name != null) {
                            events.add(new Event(name, String.join("\n", data)));
                            name = null;
                            data.clear();
                        }
                    }
                } catch (RuntimeException closed) {
                    // the stream was closed
                }
                events.add(new Event("closed", ""));
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next event, waiting at most 10 s for it. */
        Event next() throws InterruptedException {
            Event event = events.poll(10, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("no event within 10 s");
            }
            return event;
        }

        /** The next event named {@code name}, skipping others. */
        Event next(String name) throws InterruptedException {
            for (;;) {
                Event event = next();
                if (event.name().equals(name) || event.name().equals("closed")) {
                    return event;
                }
            }
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    Stream stream(String path) throws Exception {
        return new Stream(path);
    }
}
