package io.github.camelasl.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's files, from the classpath folder {@value #FOLDER}. A path that names none of them is a place in the page
 * ({@code C/executions/<arn>}): it gets index.html, which routes by its location. index.html learns the console's path
 * from the {@code <base href>} written into it here.
 */
final class ConsoleFiles {

    static final String FOLDER = "io/github/camelasl/console/";
    static final String INDEX = "index.html";

    /** What a file's name ends with, and the type it is served as: no other file is served. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("woff2", "font/woff2"));

    /** A file name: letters, digits, '.', '_' and '-', not starting with a dot. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Pattern HEAD = Pattern.compile("<head(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);

    /** A file to send. */
    record File(String contentType, byte[] content) {
    }

    private final String basePath;
    private final ClassLoader loader;

    /** @param basePath the console's path, C, as the browser sees it (e.g. /asl) */
    ConsoleFiles(String basePath, ClassLoader loader) {
        this.basePath = basePath;
        this.loader = loader;
    }

    /**
     * The file at {@code path} (below C: "" or "/app.js", as the request wrote it, percent-escapes and all), or
     * index.html when it names none.
     *
     * @throws ConsoleError 400 for a path that climbs out of the folder ({@code ..}, {@code .}, a backslash) or is
     *                      not a well-formed one, 404 when there is no index.html
     */
    File get(String path) {
        String decoded = decode(path);
        String[] segments = decoded.isEmpty() ? new String[0] : decoded.substring(1).split("/", -1);
        boolean fileName = segments.length > 0;
        for (String segment : segments) {
            if (segment.equals("..") || segment.equals(".") || segment.indexOf('\\') >= 0
                    || segment.indexOf('\0') >= 0) {
                throw ConsoleError.validation("The path " + path + " climbs out of the console's folder");
            }
            fileName &= SEGMENT.matcher(segment).matches();
        }
        if (fileName) {
            String name = String.join("/", segments);
            String type = TYPES.get(extension(name));
            byte[] content = type == null ? null : read(FOLDER + name);
            if (content != null) {
                return new File(type, name.equals(INDEX) ? withBase(content) : content);
            }
        }
        byte[] index = read(FOLDER + INDEX);
        if (index == null) {
            throw ConsoleError.notFound("The console's page is missing: no " + FOLDER + INDEX + " on the classpath");
        }
        return new File(TYPES.get("html"), withBase(index));
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    private byte[] read(String resource) {
        URL url = loader.getResource(resource);
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            if (url.getProtocol().equals("file") && new java.io.File(url.getPath()).isDirectory()) {
                return null;
            }
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    /** index.html with {@code <base href="C/">} first in its head, unless it has a base already. */
    private byte[] withBase(byte[] index) {
        String html = new String(index, StandardCharsets.UTF_8);
        if (html.toLowerCase(java.util.Locale.ROOT).contains("<base ")) {
            return index;
        }
        Matcher head = HEAD.matcher(html);
        String base = "<base href=\"" + escape(basePath) + "/\">";
        String out = head.find() ? html.substring(0, head.end()) + base + html.substring(head.end()) : base + html;
        return out.getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** Percent-escapes decoded as UTF-8 ({@code +} stays: it is a path); 400 for a broken escape. */
    static String decode(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0
                        || Character.digit(path.charAt(i + 2), 16) < 0) {
                    throw ConsoleError.validation("The path " + path + " has a broken percent-escape");
                }
                bytes.write(Character.digit(path.charAt(i + 1), 16) * 16 + Character.digit(path.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
