package org.domus.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The installed app's class-data-sharing archive (docs/decisions/0061). Its launcher starts the JVM with
 * {@code -XX:SharedArchiveFile=FILE -XX:+AutoCreateSharedArchive -Ddomus.cds.archive=FILE}, FILE in the user's
 * cache folder: the JVM writes the archive when a run ends and maps it on later starts, but it does not create
 * the folder. This does, at start. From the development class path the property is absent and nothing happens.
 */
final class ClassDataArchive {

    static final String PROPERTY = "domus.cds.archive";

    private ClassDataArchive() {
    }

    /** Creates the archive's folder if the launcher named one; a failure only costs the faster start. */
    static void prepareFolder() {
        String archive = System.getProperty(PROPERTY);
        if (archive == null || archive.isBlank() || archive.contains("$")) {
            return; // not the installed launcher, or a variable it could not expand (no home folder)
        }
        try {
            Path folder = Path.of(archive).toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
        } catch (IOException | InvalidPathException e) {
            LoggerFactory.getLogger(ClassDataArchive.class)
                    .debug("No class-data archive folder at {}: {}", archive, e.toString());
        }
    }
}
