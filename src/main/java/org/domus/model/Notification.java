package org.domus.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One message on one channel, as the outbox holds it.
 *
 * @param eventType    what it tells of ({@code alert.raised}, {@code reminder.due}, {@code rule.fired}, …)
 * @param recipientId  null for the console's own notification centre
 * @param address      the e-mail address or webhook URL it goes to (empty for desktop)
 */
public record Notification(long id, Instant createdAt, String eventType, String house, String subject, String body,
                           String traceId, NotificationChannel channel, Long recipientId, String address,
                           NotificationState state, int attempts, Instant nextAttemptAt, String lastError,
                           Instant sentAt, Instant readAt) {
    public Notification {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(state, "state");
        address = address == null ? "" : address;
        lastError = lastError == null ? "" : lastError;
    }

    /** A new, pending notification, due at once. */
    public static Notification pending(Instant now, String eventType, String house, String subject, String body,
                                       String traceId, NotificationChannel channel, Long recipientId, String address) {
        return new Notification(0, now, eventType, house, subject, body, traceId, channel, recipientId, address,
                NotificationState.PENDING, 0, now, "", null, null);
    }

    public boolean unread() {
        return readAt == null;
    }
}
