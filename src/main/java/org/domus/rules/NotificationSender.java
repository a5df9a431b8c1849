package org.domus.rules;

import org.domus.model.Notification;

/** Delivers notifications of one channel. Called on the dispatcher's thread; may block for a bounded time. */
@FunctionalInterface
public interface NotificationSender {
    void send(Notification notification) throws DeliveryException;
}
