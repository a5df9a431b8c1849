package org.domus.ui.about;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The libraries the About dialog lists: the build's resolved list against the checked-in licences. */
class LibraryCatalogTest {

    @Test
    void everyRuntimeDependencyHasALicenceAndEveryLicenceADependency() {
        String resolved = LibraryCatalog.resource(LibraryCatalog.RESOLVED)
                .orElseThrow(() -> new AssertionError("the build wrote no " + LibraryCatalog.RESOLVED));
        Map<String, String> licences = LibraryCatalog.licences(LibraryCatalog.resource(LibraryCatalog.LICENCES).orElse(""));
        Set<String> dependencies = LibraryCatalog.libraries(resolved, Map.of()).stream()
                .map(Library::coordinates).collect(Collectors.toCollection(TreeSet::new));

        Set<String> unlicensed = new TreeSet<>(dependencies);
        unlicensed.removeAll(licences.keySet());
        Set<String> stale = new TreeSet<>(licences.keySet());
        stale.removeAll(dependencies);
        assertTrue(unlicensed.isEmpty(), "add these runtime dependencies to ui/about/licences.txt: " + unlicensed);
        assertTrue(stale.isEmpty(), "ui/about/licences.txt names libraries that are no longer dependencies: " + stale);
    }

    @Test
    void bundledListHasTheBuildsVersions() {
        List<Library> bundled = LibraryCatalog.bundled();
        Library moquette = bundled.stream().filter(l -> l.artifact().equals("moquette-broker")).findFirst().orElseThrow();
        assertEquals("0.17", moquette.version());
        assertEquals("Apache-2.0", moquette.licence());
        assertFalse(bundled.stream().anyMatch(l -> l.artifact().equals("junit-jupiter")), "test libraries are not shipped");
    }

    @Test
    void readsDependencyListLinesWithClassifiersAndModuleNotes() {
        String list = """

                The following files have been resolved:
                   org.openjfx:javafx-base:jar:25.0.4 -- module javafx.baseEmpty [auto]
                   org.openjfx:javafx-base:jar:linux:25.0.4
                   io.moquette:moquette-broker:jar:0.17 -- module moquette.broker (auto)
                """;
        List<Library> libraries = LibraryCatalog.libraries(list, Map.of("io.moquette:moquette-broker", "Apache-2.0"));
        assertEquals(List.of(
                new Library("org.openjfx", "javafx-base", "25.0.4", "unknown"),
                new Library("io.moquette", "moquette-broker", "0.17", "Apache-2.0")), libraries);
    }

    @Test
    void readsLicenceLinesAndSkipsComments() {
        Map<String, String> licences = LibraryCatalog.licences("""
                # a comment
                org.slf4j:slf4j-api = MIT

                ch.qos.logback:logback-core = EPL-1.0 OR LGPL-2.1-only
                """);
        assertEquals(Map.of("org.slf4j:slf4j-api", "MIT", "ch.qos.logback:logback-core", "EPL-1.0 OR LGPL-2.1-only"),
                licences);
    }
}
