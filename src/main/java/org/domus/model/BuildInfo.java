package org.domus.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * What the build wrote into {@code org/domus/app/version.properties}: the version of Domus and its licence.
 *
 * @param version the project version, for example {@code 0.1.0-SNAPSHOT}; "unknown" outside a build
 * @param licence the licence Domus is distributed under, as the pom names it
 */
public record BuildInfo(String version, String licence) {

    private static final String RESOURCE = "/org/domus/app/version.properties";
    private static final String UNKNOWN = "unknown";

    public BuildInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(licence, "licence");
    }

    /** This build's, read from the class path. */
    public static BuildInfo current() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new BuildInfo(UNKNOWN, UNKNOWN);
            }
            Properties properties = new Properties();
            properties.load(in);
            return new BuildInfo(properties.getProperty("version", UNKNOWN), properties.getProperty("licence", UNKNOWN));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
