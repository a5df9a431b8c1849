package org.domus.ui.about;

import java.util.List;
import java.util.Objects;
import org.domus.model.BuildInfo;

/**
 * What the About dialog shows.
 *
 * @param version   the version of Domus
 * @param licence   the licence of Domus
 * @param runtime   the Java and JavaFX versions it runs on
 * @param libraries the libraries it ships
 */
public record AboutInfo(String version, String licence, String runtime, List<Library> libraries) {

    public AboutInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(licence, "licence");
        Objects.requireNonNull(runtime, "runtime");
        libraries = List.copyOf(libraries);
    }

    /** This build's, on this JVM. */
    public static AboutInfo current() {
        BuildInfo build = BuildInfo.current();
        String javafx = System.getProperty("javafx.runtime.version", "?");
        String runtime = "Java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor", "?") + "), JavaFX "
                + javafx + ", " + System.getProperty("os.name", "?") + " " + System.getProperty("os.arch", "");
        return new AboutInfo(build.version(), build.licence(), runtime.strip(), LibraryCatalog.bundled());
    }
}
