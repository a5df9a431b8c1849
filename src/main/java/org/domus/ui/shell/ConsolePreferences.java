package org.domus.ui.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import org.domus.ui.fx.Theme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console window remembers across restarts: size, position, the last view, theme and language, and
 * whether the demo banner was dismissed. Kept in {@code console.properties} in the data folder (a user
 * preference, not house data: docs/decisions/0031-console-shell.md). A missing or damaged file gives the
 * defaults; a value that does not parse is ignored on its own.
 */
public record ConsolePreferences(double x, double y, double width, double height, boolean maximized,
                                 String lastView, Theme theme, Locale language, boolean demoBannerDismissed) {

    public static final String FILE = "console.properties";
    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;
    /** English and Spanish: the languages the console's bundles hold. */
    public static final java.util.List<Locale> LANGUAGES = java.util.List.of(Locale.ENGLISH, Locale.of("es"));

    private static final Logger LOG = LoggerFactory.getLogger(ConsolePreferences.class);

    public ConsolePreferences {
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(language, "language");
        lastView = lastView == null ? "" : lastView;
        width = width >= 400 ? width : DEFAULT_WIDTH;
        height = height >= 300 ? height : DEFAULT_HEIGHT;
    }

    /** No position (the window is centred), 1280×800, light, the machine's language when it is Spanish. */
    public static ConsolePreferences defaults() {
        Locale language = Locale.getDefault().getLanguage().equals("es") ? Locale.of("es") : Locale.ENGLISH;
        return new ConsolePreferences(Double.NaN, Double.NaN, DEFAULT_WIDTH, DEFAULT_HEIGHT, false, "",
                Theme.LIGHT, language, false);
    }

    public boolean hasPosition() {
        return !Double.isNaN(x) && !Double.isNaN(y);
    }

    public static ConsolePreferences load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        ConsolePreferences defaults = defaults();
        if (!Files.isRegularFile(file)) {
            return defaults;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Cannot read {}; using the default window settings: {}", file, e.getMessage());
            return defaults;
        }
        Locale language = LANGUAGES.stream().filter(l -> l.getLanguage().equals(p.getProperty("language", "")))
                .findFirst().orElse(defaults.language());
        return new ConsolePreferences(number(p, "window.x", Double.NaN), number(p, "window.y", Double.NaN),
                number(p, "window.width", DEFAULT_WIDTH), number(p, "window.height", DEFAULT_HEIGHT),
                Boolean.parseBoolean(p.getProperty("window.maximized", "false")), p.getProperty("view", ""),
                Theme.ofCode(p.getProperty("theme")).orElse(defaults.theme()), language,
                Boolean.parseBoolean(p.getProperty("demo-banner.dismissed", "false")));
    }

    /** Writes the file (through a temporary file, so a crash never leaves half of it). Logs a failure once. */
    public void save(Path dataDir) {
        Properties p = new Properties();
        if (hasPosition()) {
            p.setProperty("window.x", Double.toString(x));
            p.setProperty("window.y", Double.toString(y));
        }
        p.setProperty("window.width", Double.toString(width));
        p.setProperty("window.height", Double.toString(height));
        p.setProperty("window.maximized", Boolean.toString(maximized));
        p.setProperty("view", lastView);
        p.setProperty("theme", theme.code());
        p.setProperty("language", language.getLanguage());
        p.setProperty("demo-banner.dismissed", Boolean.toString(demoBannerDismissed));
        Path file = dataDir.resolve(FILE);
        try {
            Files.createDirectories(dataDir);
            Path temporary = Files.createTempFile(dataDir, "console", ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                p.store(out, "Domus console window (written by the console)");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Cannot save the window settings to {}: {}", file, e.getMessage());
        }
    }

    public ConsolePreferences withWindow(double newX, double newY, double newWidth, double newHeight,
                                         boolean newMaximized) {
        return new ConsolePreferences(newX, newY, newWidth, newHeight, newMaximized, lastView, theme, language,
                demoBannerDismissed);
    }

    public ConsolePreferences withLastView(String view) {
        return new ConsolePreferences(x, y, width, height, maximized, view, theme, language, demoBannerDismissed);
    }

    public ConsolePreferences withTheme(Theme newTheme) {
        return new ConsolePreferences(x, y, width, height, maximized, lastView, newTheme, language,
                demoBannerDismissed);
    }

    public ConsolePreferences withLanguage(Locale newLanguage) {
        return new ConsolePreferences(x, y, width, height, maximized, lastView, theme, newLanguage,
                demoBannerDismissed);
    }

    public ConsolePreferences withDemoBannerDismissed(boolean dismissed) {
        return new ConsolePreferences(x, y, width, height, maximized, lastView, theme, language, dismissed);
    }

    private static double number(Properties p, String key, double otherwise) {
        String text = p.getProperty(key);
        if (text == null) {
            return otherwise;
        }
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) ? value : otherwise;
        } catch (NumberFormatException e) {
            LOG.warn("Ignoring {} = {} in {}: not a number", key, text, FILE);
            return otherwise;
        }
    }
}
