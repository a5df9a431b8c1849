package org.domus.ui.fx;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Application;

/**
 * The console's look: AtlantaFX's Primer, light or dark (docs/decisions/0030-console-look.md). Views style
 * themselves with the theme's colour tokens ({@code -color-fg-default}, …), so they follow a switch at once.
 */
public enum Theme {
    LIGHT(new PrimerLight().getUserAgentStylesheet()),
    DARK(new PrimerDark().getUserAgentStylesheet());

    private final String stylesheet;

    Theme(String stylesheet) {
        this.stylesheet = stylesheet;
    }

    /** Makes this the whole application's theme. FX thread (or before any window shows). */
    public void apply() {
        Application.setUserAgentStylesheet(stylesheet);
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Theme> ofCode(String code) {
        for (Theme theme : values()) {
            if (theme.code().equalsIgnoreCase(code == null ? "" : code.strip())) {
                return Optional.of(theme);
            }
        }
        return Optional.empty();
    }
}
