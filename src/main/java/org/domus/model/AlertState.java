package org.domus.model;

import java.util.Locale;

/** An alert's life: raised → acknowledged (someone saw it) → cleared (the condition is over, or cleared by hand). */
public enum AlertState {
    RAISED, ACKNOWLEDGED, CLEARED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean active() {
        return this != CLEARED;
    }

    public static AlertState parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
