package org.domus.rules;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.domus.model.Notification;
import org.domus.model.NotificationChannel;
import org.domus.model.NotificationState;
import org.domus.model.Recipient;
import org.domus.store.NotificationRepository;

/**
 * Writes notifications into the outbox: one for the console's notification centre and one per channel each
 * enabled recipient chose. Desktop ones are delivered when written; the others wait for the
 * {@link NotificationDispatcher}. Event types on the ignore list are not notified. Thread-safe.
 */
public final class NotificationService {

    private final NotificationRepository outbox;
    private final Set<String> ignored;
    private final Clock clock;
    private final List<NotificationListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Runnable onQueued = () -> { };

    public NotificationService(NotificationRepository outbox, Set<String> ignoredEventTypes, Clock clock) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.ignored = Set.copyOf(ignoredEventTypes);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void addListener(NotificationListener listener) {
        listeners.add(listener);
    }

    public void removeListener(NotificationListener listener) {
        listeners.remove(listener);
    }

    /** Called after notifications for other channels were queued (the dispatcher wakes up). */
    void onQueued(Runnable action) {
        this.onQueued = Objects.requireNonNull(action, "action");
    }

    public boolean ignores(String eventType) {
        return ignored.contains(eventType);
    }

    /**
     * Queues one notification for the notification centre and every recipient's channels; waits for the commit.
     *
     * @return what was written (empty when the event type is ignored)
     */
    public List<Notification> notify(String eventType, String house, String subject, String body, String traceId) {
        if (ignores(eventType)) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Notification> rows = new ArrayList<>();
        rows.add(new Notification(0, now, eventType, house, subject, body, traceId, NotificationChannel.DESKTOP,
                null, "", NotificationState.SENT, 1, null, "", now, null));
        for (Recipient recipient : outbox.recipients()) {
            if (!recipient.enabled()) {
                continue;
            }
            if (recipient.channels().contains(NotificationChannel.EMAIL)) {
                rows.add(Notification.pending(now, eventType, house, subject, body, traceId,
                        NotificationChannel.EMAIL, recipient.id(), recipient.email()));
            }
            if (recipient.channels().contains(NotificationChannel.WEBHOOK)) {
                rows.add(Notification.pending(now, eventType, house, subject, body, traceId,
                        NotificationChannel.WEBHOOK, recipient.id(), recipient.webhook()));
            }
        }
        List<Notification> written = outbox.enqueue(rows);
        if (written.size() > 1) {
            onQueued.run();
        }
        for (NotificationListener listener : listeners) {
            listener.onNotified(written.getFirst());
        }
        return written;
    }

    public List<Notification> recent(NotificationChannel channel, int limit) {
        return outbox.recent(channel, limit);
    }

    public int unread() {
        return outbox.unreadDesktop();
    }

    /** Marks one desktop notification read, or all when {@code id} is null. */
    public void markRead(Long id) {
        outbox.markRead(id, clock.instant());
    }

    public List<Recipient> recipients() {
        return outbox.recipients();
    }

    public Recipient saveRecipient(Recipient recipient) {
        return outbox.saveRecipient(recipient);
    }

    public boolean deleteRecipient(long id) {
        return outbox.deleteRecipient(id);
    }
}
