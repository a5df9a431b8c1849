package org.domus.app.cli;

import org.domus.model.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code domus --version}: the version Maven wrote into {@code version.properties}. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"domus " + version()};
    }

    /** The project version, for example {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return BuildInfo.current().version();
    }
}
