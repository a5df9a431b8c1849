package org.domus.ui.editing;

import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Parent;

/**
 * Makes AtlantaFX's colour tokens ({@code -color-fg-default}, …) resolvable in a view even when no AtlantaFX
 * theme is loaded: then it adds {@code fallback-tokens.css}, which defines them on the view. With a theme (its
 * stylesheet is the application's user-agent stylesheet) it adds nothing, so the theme's light or dark values
 * apply.
 */
public final class ThemeTokens {

    private static final String FALLBACK = Objects.requireNonNull(
            ThemeTokens.class.getResource("fallback-tokens.css")).toExternalForm();

    private ThemeTokens() {
    }

    /** FX thread. */
    public static void apply(Parent view) {
        String theme = Application.getUserAgentStylesheet();
        boolean atlantafx = theme != null && theme.toLowerCase(java.util.Locale.ROOT).contains("atlantafx");
        if (!atlantafx && !view.getStylesheets().contains(FALLBACK)) {
            view.getStylesheets().addFirst(FALLBACK);
        }
    }
}
