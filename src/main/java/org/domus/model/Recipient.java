package org.domus.model;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** A person told of alerts and reminders, by the channels they chose. */
public record Recipient(long id, String name, String email, String webhook, Set<NotificationChannel> channels,
                        boolean enabled) {
    public Recipient {
        Objects.requireNonNull(name, "name");
        email = email == null ? "" : email.strip();
        webhook = webhook == null ? "" : webhook.strip();
        channels = channels == null || channels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(channels));
        if (name.isBlank()) {
            throw new IllegalArgumentException("a recipient needs a name");
        }
        if (channels.contains(NotificationChannel.EMAIL) && !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("\"" + email + "\" is not an e-mail address");
        }
        if (channels.contains(NotificationChannel.WEBHOOK)
                && !(webhook.startsWith("http://") || webhook.startsWith("https://"))) {
            throw new IllegalArgumentException("a webhook must be an http:// or https:// address");
        }
    }

    public Recipient withId(long newId) {
        return new Recipient(newId, name, email, webhook, channels, enabled);
    }
}
