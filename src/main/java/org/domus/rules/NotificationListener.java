package org.domus.rules;

import org.domus.model.Notification;

/** Told of each new desktop notification (for a toast), on the thread that raised it: return quickly. */
@FunctionalInterface
public interface NotificationListener {
    void onNotified(Notification notification);
}
