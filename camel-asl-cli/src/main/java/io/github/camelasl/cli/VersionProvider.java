package io.github.camelasl.cli;

import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code asl --version}: this build's version, the Camel version it runs on, and the Java runtime. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/camel-asl-cli-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (Exception ignored) {
            // fall back to "unknown" below
        }
        return new String[] {
            "asl (Camel ASL) " + p.getProperty("version", "unknown"),
            "Apache Camel " + p.getProperty("camel.version", "unknown"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
