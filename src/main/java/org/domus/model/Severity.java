package org.domus.model;

import java.util.Locale;

/** How urgent an alert is, least first. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code info}, {@code warning}, {@code critical} (any case); throws with a one-line reason. */
    public static Severity parse(String text) {
        for (Severity severity : values()) {
            if (severity.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return severity;
            }
        }
        throw new IllegalArgumentException("severity \"" + text + "\" is not info, warning or critical");
    }
}
