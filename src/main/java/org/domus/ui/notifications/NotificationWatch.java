package org.domus.ui.notifications;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import org.domus.model.Notification;
import org.domus.rules.NotificationListener;
import org.domus.rules.NotificationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the whole window needs of the notifications: the unread count (for the status bar) and each new desktop
 * notification (for a toast or the tray). Only the count is read, never the lists the notification centre shows.
 */
public final class NotificationWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationWatch.class);

    private final NotificationService notifications;
    private final Executor background;
    private final Executor fx;
    private final ReadOnlyIntegerWrapper unread = new ReadOnlyIntegerWrapper(this, "unread");
    private final NotificationListener listener;

    /** {@code onNew} is called on the FX thread ({@code fx}) with each new desktop notification. */
    public NotificationWatch(NotificationService notifications, Executor background, Executor fx,
                             Consumer<Notification> onNew) {
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        Objects.requireNonNull(onNew, "onNew");
        this.listener = notification -> fx.execute(() -> {
            onNew.accept(notification);
            recount();
        });
        notifications.addListener(listener);
    }

    /** The unread desktop notifications; changed on the FX thread. */
    public ReadOnlyIntegerProperty unreadProperty() {
        return unread.getReadOnlyProperty();
    }

    /** Reads the unread count again, off the FX thread (reading in the centre lowers it). Any thread. */
    public void recount() {
        background.execute(() -> {
            try {
                int count = notifications.unread();
                fx.execute(() -> unread.set(count));
            } catch (RuntimeException e) {
                LOG.debug("Cannot count the unread notifications: {}", e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        notifications.removeListener(listener);
    }
}
