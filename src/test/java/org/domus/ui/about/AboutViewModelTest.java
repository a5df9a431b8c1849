package org.domus.ui.about;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The About dialog's state, without a toolkit. */
class AboutViewModelTest {

    private static final AboutInfo INFO = new AboutInfo("1.2.3", "Apache-2.0", "Java 25", List.of(
            new Library("io.moquette", "moquette-broker", "0.17", "Apache-2.0"),
            new Library("org.slf4j", "slf4j-api", "2.0.17", "MIT")));

    @Test
    void showsNothingUntilLoadedThenEverything() {
        List<Runnable> background = new ArrayList<>();
        AboutViewModel viewModel = new AboutViewModel(() -> INFO, background::add, Runnable::run);
        viewModel.load();
        assertFalse(viewModel.loadedProperty().get());
        assertEquals("", viewModel.versionProperty().get());

        background.forEach(Runnable::run);
        assertTrue(viewModel.loadedProperty().get());
        assertEquals("1.2.3", viewModel.versionProperty().get());
        assertEquals("Apache-2.0", viewModel.licenceProperty().get());
        assertEquals(INFO.libraries(), viewModel.librarySnapshot());
    }

    @Test
    void detailsListEveryLibraryForABugReport() {
        AboutViewModel viewModel = new AboutViewModel(() -> INFO, Runnable::run, Runnable::run);
        viewModel.load();
        String details = viewModel.details();
        assertTrue(details.startsWith("Domus 1.2.3\n"), details);
        assertTrue(details.contains("  io.moquette:moquette-broker 0.17 (Apache-2.0)\n"), details);
        assertTrue(details.contains("  org.slf4j:slf4j-api 2.0.17 (MIT)\n"), details);
    }

    @Test
    void aSourceThatFailsBecomesAProblemNotAnException() {
        AboutViewModel viewModel = new AboutViewModel(() -> {
            throw new IllegalStateException("libraries.txt is damaged");
        }, Runnable::run, Runnable::run);
        viewModel.load();
        assertEquals("libraries.txt is damaged", viewModel.problemProperty().get());
        assertFalse(viewModel.loadedProperty().get());
    }
}
