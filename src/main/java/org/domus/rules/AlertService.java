package org.domus.rules;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.domus.model.Alert;
import org.domus.model.Event;
import org.domus.store.AlertRepository;
import org.domus.store.EventRepository;

/**
 * Alerts' life: raised (once while active, per key), acknowledged by a person, cleared when the condition is over
 * or by hand. Each step is an event with the alert's trace id. Thread-safe; calls wait for the store's commit.
 */
public final class AlertService {

    private final AlertRepository alerts;
    private final EventRepository events;
    private final Clock clock;

    public AlertService(AlertRepository alerts, EventRepository events, Clock clock) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Raises {@code alert}; empty when one with its key is still active (then nothing happens). */
    public Optional<Alert> raise(Alert alert) {
        Optional<Alert> raised = alerts.raise(alert);
        raised.ifPresent(a -> events.append(new Event(0, a.raisedAt(), "alert.raised", a.house(), a.subject(),
                a.traceId(), a.severity().label() + ": " + a.message())));
        return raised;
    }

    public Optional<Alert> acknowledge(long id) {
        Optional<Alert> done = alerts.acknowledge(id, clock.instant());
        done.ifPresent(a -> event("alert.acknowledged", a, "acknowledged"));
        return done;
    }

    /** Clears an active alert by hand. */
    public Optional<Alert> clear(long id) {
        Optional<Alert> done = alerts.clear(id, clock.instant());
        done.ifPresent(a -> event("alert.cleared", a, "cleared by hand"));
        return done;
    }

    /** Clears the active alert of {@code key} because its condition is over. */
    public Optional<Alert> clearKey(String key, String why) {
        Optional<Alert> done = alerts.clearKey(key, clock.instant());
        done.ifPresent(a -> event("alert.cleared", a, why == null || why.isEmpty() ? "condition over" : why));
        return done;
    }

    public List<Alert> active() {
        return alerts.active();
    }

    public List<Alert> recent(int limit) {
        return alerts.recent(limit);
    }

    private void event(String type, Alert alert, String detail) {
        events.append(new Event(0, clock.instant(), type, alert.house(), alert.subject(), alert.traceId(),
                detail + ": " + alert.message()));
    }
}
