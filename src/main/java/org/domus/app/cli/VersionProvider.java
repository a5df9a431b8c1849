package org.domus.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code domus --version}: the version Maven wrote into {@code version.properties}. */
public final class VersionProvider implements IVersionProvider {

    private static final String RESOURCE = "/org/domus/app/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"domus " + version()};
    }

    /** The project version, for example {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
