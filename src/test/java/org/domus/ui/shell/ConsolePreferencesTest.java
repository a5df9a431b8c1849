package org.domus.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.domus.ui.fx.Theme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsolePreferencesTest {

    @TempDir
    Path data;

    @Test
    void remembersWindowViewThemeAndLanguage() {
        ConsolePreferences.defaults().withWindow(40, 30, 1100, 700, false).withLastView("room:demo:3")
                .withTheme(Theme.DARK).withLanguage(Locale.of("es")).withDemoBannerDismissed(true).save(data);
        ConsolePreferences read = ConsolePreferences.load(data);
        assertEquals(40, read.x());
        assertEquals(30, read.y());
        assertEquals(1100, read.width());
        assertEquals(700, read.height());
        assertEquals("room:demo:3", read.lastView());
        assertEquals(Theme.DARK, read.theme());
        assertEquals("es", read.language().getLanguage());
        assertTrue(read.demoBannerDismissed());
    }

    @Test
    void noFileGivesTheDefaults() {
        ConsolePreferences read = ConsolePreferences.load(data);
        assertFalse(read.hasPosition());
        assertEquals(1280, read.width());
        assertEquals(800, read.height());
        assertEquals(Theme.LIGHT, read.theme());
        assertEquals("", read.lastView());
    }

    @Test
    void ignoresValuesThatDoNotParseOneByOne() throws IOException {
        Files.writeString(data.resolve(ConsolePreferences.FILE),
                "window.width=wide\nwindow.height=90\ntheme=purple\nlanguage=tlh\nview=house:demo\n");
        ConsolePreferences read = ConsolePreferences.load(data);
        assertEquals(1280, read.width());
        assertEquals(800, read.height(), "too small to be a window");
        assertEquals(Theme.LIGHT, read.theme());
        assertEquals("house:demo", read.lastView());
    }
}
