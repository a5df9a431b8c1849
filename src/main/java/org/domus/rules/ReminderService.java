package org.domus.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.domus.model.Event;
import org.domus.model.Reminder;
import org.domus.store.EventRepository;
import org.domus.store.ReminderRepository;

/**
 * Maintenance reminders: due once or every period, snoozed, done. A due reminder is told once per due date (an
 * event and a notification); done moves a recurring one to its next due date, counted from when it was done.
 * Thread-safe; calls wait for the store's commit.
 */
public final class ReminderService {

    private final ReminderRepository reminders;
    private final EventRepository events;
    private final NotificationService notifications;
    private final Function<String, ZoneId> zones;
    private final Clock clock;

    public ReminderService(ReminderRepository reminders, EventRepository events, NotificationService notifications,
                           Function<String, ZoneId> zones, Clock clock) {
        this.reminders = Objects.requireNonNull(reminders, "reminders");
        this.events = Objects.requireNonNull(events, "events");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.zones = Objects.requireNonNull(zones, "zones");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Reminder save(Reminder reminder) {
        return reminders.save(reminder);
    }

    public boolean delete(long id) {
        return reminders.delete(id);
    }

    /** Every reminder not done, soonest first. */
    public List<Reminder> open() {
        return reminders.open();
    }

    /** Puts a reminder off for {@code duration} from now. */
    public Reminder snooze(long id, Duration duration) {
        Reminder r = find(id);
        return reminders.save(new Reminder(r.id(), r.house(), r.device(), r.title(), r.note(), r.every(), r.dueAt(),
                clock.instant().plus(duration), null));
    }

    /** Done: a recurring reminder is next due one period after now; a one-off one is finished. */
    public Reminder done(long id) {
        Reminder r = find(id);
        Instant now = clock.instant();
        Reminder next = r.every() == null
                ? new Reminder(r.id(), r.house(), r.device(), r.title(), r.note(), null, r.dueAt(), null, now)
                : new Reminder(r.id(), r.house(), r.device(), r.title(), r.note(), r.every(),
                        ZonedDateTime.ofInstant(now, zone(r.house())).plus(r.every()).toInstant(), null, null);
        Reminder saved = reminders.save(next);
        events.append(new Event(0, now, "reminder.done", r.house(), subject(r), null, r.title()));
        return saved;
    }

    /** Tells every reminder that has come due and was not told yet. Returns how many. */
    public int tellDue() {
        Instant now = clock.instant();
        List<Reminder> due = reminders.dueUntold(now);
        for (Reminder r : due) {
            String traceId = RuleEvaluator.newTraceId();
            String body = r.title() + (r.device() == null ? "" : " (" + r.device() + ")") + " is due"
                    + (r.note().isEmpty() ? "." : ". " + r.note());
            events.append(new Event(0, now, "reminder.due", r.house(), subject(r), traceId, r.title()));
            notifications.notify("reminder.due", r.house(), "Reminder: " + r.title(), body, traceId);
            reminders.markTold(r.id(), r.nextDue());
        }
        return due.size();
    }

    private Reminder find(long id) {
        return reminders.find(id).orElseThrow(() -> new IllegalArgumentException("there is no reminder " + id));
    }

    private ZoneId zone(String house) {
        ZoneId zone = zones.apply(house);
        return zone == null ? ZoneId.of("UTC") : zone;
    }

    private static String subject(Reminder r) {
        return r.device() == null ? r.house() : r.house() + "/" + r.device();
    }
}
