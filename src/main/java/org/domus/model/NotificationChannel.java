package org.domus.model;

import java.util.Locale;

/** How a notification reaches a person: the console's notification centre, e-mail, or a webhook (JSON POST). */
public enum NotificationChannel {
    DESKTOP, EMAIL, WEBHOOK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NotificationChannel parse(String text) {
        for (NotificationChannel channel : values()) {
            if (channel.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return channel;
            }
        }
        throw new IllegalArgumentException("channel \"" + text + "\" is not desktop, email or webhook");
    }
}
