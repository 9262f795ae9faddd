package io.github.camelasl.cli;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --classpath PATH}: jars and folders of classes the {@code class:} Resources load (stub classes standing in
 * for real services; Camel 4's {@code bean:} takes names in the registry, not classes). Only where classes come from
 * changes: the resource policy still decides which of them a definition may call (--allow-resource).
 */
final class StubClasspath implements AutoCloseable {

    static final String OPTION_DESCRIPTION = "jars and folders of classes (separated by ':', ';' on Windows; "
            + "repeatable) where class: Resources also find their classes, e.g. stub classes for a "
            + "test; they still need --allow-resource";

    private final URLClassLoader loader;

    private StubClasspath(URLClassLoader loader) {
        this.loader = loader;
    }

    /** The class path of the options, or null when none was given; an entry that is not there is a usage error. */
    static StubClasspath of(List<String> options) {
        if (options == null || options.isEmpty()) {
            return null;
        }
        List<URL> urls = new ArrayList<>();
        for (String option : options) {
            for (String entry : option.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
                if (entry.isBlank()) {
                    throw CliException.usage("--classpath has an empty entry: '" + option + "'");
                }
                urls.add(url(entry));
            }
        }
        // parent: the CLI's own classes (Camel, Jackson, ...), which the stubs may use
        return new StubClasspath(new URLClassLoader("asl-classpath", urls.toArray(URL[]::new),
                StubClasspath.class.getClassLoader()));
    }

    private static URL url(String entry) {
        Path path;
        try {
            path = Path.of(entry);
        } catch (java.nio.file.InvalidPathException e) {
            throw CliException.usage("--classpath entry '" + entry + "' is not a path: " + e.getReason());
        }
        boolean jar = Files.isRegularFile(path) && entry.toLowerCase(java.util.Locale.ROOT).endsWith(".jar");
        if (!Files.isDirectory(path) && !jar) {
            throw CliException.usage("--classpath entry " + entry + (Files.exists(path)
                    ? " is neither a folder nor a .jar file" : ": no such file or folder"));
        }
        try {
            return path.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw CliException.usage("--classpath entry '" + entry + "': " + e.getMessage());
        }
    }

    ClassLoader loader() {
        return loader;
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException ignored) {
            // the CLI is about to exit: open jars go with it
        }
    }
}
