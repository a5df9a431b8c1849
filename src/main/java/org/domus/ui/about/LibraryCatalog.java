package org.domus.ui.about;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The libraries Domus ships: the runtime dependencies the build resolved ({@code libraries.txt}, written by
 * maven-dependency-plugin's {@code list} goal) with the licence of each from the checked-in {@code licences.txt}.
 */
public final class LibraryCatalog {

    static final String RESOLVED = "libraries.txt";
    static final String LICENCES = "licences.txt";
    static final String UNKNOWN = "unknown";

    private LibraryCatalog() {
    }

    /** The bundled list, sorted by artifact; empty if the build did not write it (a run outside Maven). */
    public static List<Library> bundled() {
        Optional<String> resolved = resource(RESOLVED);
        if (resolved.isEmpty()) {
            return List.of();
        }
        return libraries(resolved.get(), licences(resource(LICENCES).orElse("")));
    }

    /**
     * The libraries of a {@code dependency:list} output ({@code group:artifact:type[:classifier]:version[ -- …]}
     * lines), one per group and artifact (platform jars share their artifact's line), sorted by artifact.
     */
    static List<Library> libraries(String resolvedList, Map<String, String> licences) {
        Map<String, Library> byCoordinates = new LinkedHashMap<>();
        for (String line : resolvedList.split("\\R")) {
            String entry = line.strip();
            int comment = entry.indexOf(" -- ");
            if (comment >= 0) {
                entry = entry.substring(0, comment).strip();
            }
            String[] parts = entry.split(":");
            if (parts.length < 4 || entry.contains(" ")) {
                continue; // the header ("The following files have been resolved:") or a blank line
            }
            String coordinates = parts[0] + ":" + parts[1];
            byCoordinates.putIfAbsent(coordinates, new Library(parts[0], parts[1], parts[parts.length - 1],
                    licences.getOrDefault(coordinates, UNKNOWN)));
        }
        List<Library> sorted = new ArrayList<>(byCoordinates.values());
        sorted.sort(Comparator.comparing(Library::artifact).thenComparing(Library::group));
        return List.copyOf(sorted);
    }

    /** {@code groupId:artifactId = licence} lines; {@code #} starts a comment. */
    static Map<String, String> licences(String text) {
        Map<String, String> licences = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String entry = line.strip();
            int equals = entry.indexOf('=');
            if (entry.isEmpty() || entry.startsWith("#") || equals < 0) {
                continue;
            }
            licences.put(entry.substring(0, equals).strip(), entry.substring(equals + 1).strip());
        }
        return licences;
    }

    static Optional<String> resource(String name) {
        try (InputStream in = LibraryCatalog.class.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
