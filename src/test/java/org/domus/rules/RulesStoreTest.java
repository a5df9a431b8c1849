package org.domus.rules;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.domus.model.Alert;
import org.domus.model.AlertState;
import org.domus.model.DeviceAddress;
import org.domus.model.Event;
import org.domus.model.Notification;
import org.domus.model.NotificationChannel;
import org.domus.model.NotificationState;
import org.domus.model.Recipient;
import org.domus.model.Reminder;
import org.domus.model.SeriesPath;
import org.domus.model.Severity;
import org.domus.store.Database;
import org.domus.store.StoreOptions;
import org.domus.store.StoredRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules' services against a real SQLite file. */
class RulesStoreTest {

    @TempDir
    Path dir;

    private Database db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void ruleDefinitionsRoundTripThroughTheStore() {
        Rule rule = new Rule(0, "Freezer warm", "demo", true,
                new Trigger.Threshold(SeriesPath.parse("demo/kitchen/freezer/temperature"), Trigger.Direction.ABOVE,
                        -15, 1.5, Duration.ofMinutes(5)),
                List.of(new Condition.TimeWindow(LocalTime.of(22, 0), LocalTime.of(6, 0)),
                        new Condition.AttributeIs(SeriesPath.parse("demo/hall/alarm/mode"), Condition.Comparison.EQUALS,
                                "away")),
                List.of(new RuleAction.RaiseAlert(Severity.CRITICAL, "{subject} too warm"),
                        new RuleAction.SendCommand(SeriesPath.parse("demo/kitchen/fan/power"), "ON"),
                        new RuleAction.Notify("", "")));
        StoredRule stored = db.rules().save(RuleCodec.toStored(rule, clock.instant()));
        assertEquals(rule.withId(stored.id()), RuleCodec.fromStored(db.rules().find(stored.id()).orElseThrow()));
        for (Trigger trigger : List.of(new Trigger.StateChange(SeriesPath.parse("demo/hall/door/contact"), "open",
                        "closed", Duration.ofMinutes(10)),
                new Trigger.DeviceOffline(new DeviceAddress("demo", "hall", "lamp"), Duration.ofMinutes(3)),
                new Trigger.DeviceOffline(null, Duration.ofHours(1)),
                new Trigger.Schedule("0 9 * * MON"),
                new Trigger.HouseEvent(HouseSignal.Kind.BAD_PAYLOADS, 30, Duration.ZERO))) {
            Rule other = new Rule(7, "r", "demo", false, trigger, List.of(), List.of(new RuleAction.Notify("s", "b")));
            assertEquals(other, RuleCodec.fromStored(RuleCodec.toStored(other, clock.instant())));
        }
    }

    @Test
    void aBrokenDefinitionReadsAsOneLineReason() {
        StoredRule broken = new StoredRule(3, "Bad", "demo", true,
                "{\"trigger\": {\"type\": \"threshold\", \"series\": \"demo/a/b/c\"}, \"actions\": []}", clock.instant());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuleCodec.fromStored(broken));
        assertEquals("rule \"Bad\": \"direction\" is missing", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Trigger.Schedule("61 * * * *"));
    }

    @Test
    void anActiveAlertIsNotRaisedTwiceAndClearsByKey() {
        AlertService alerts = new AlertService(db.alerts(), db.events(), clock);
        Alert alert = new Alert(0, "rule:1:demo/kitchen/freezer/temperature", 1L, "demo", "freezer",
                Severity.WARNING, AlertState.RAISED, "too warm", "trace-1", clock.instant(), null, null);
        Alert raised = alerts.raise(alert).orElseThrow();
        assertTrue(alerts.raise(alert).isEmpty(), "still active: not raised again");
        assertEquals(AlertState.ACKNOWLEDGED, alerts.acknowledge(raised.id()).orElseThrow().state());
        assertTrue(alerts.raise(alert).isEmpty(), "acknowledged is still active");
        assertTrue(alerts.acknowledge(raised.id()).isEmpty(), "acknowledged once");
        assertEquals(AlertState.CLEARED, alerts.clearKey(alert.key(), "back to normal").orElseThrow().state());
        assertTrue(alerts.clearKey(alert.key(), "again").isEmpty());
        assertTrue(alerts.raise(alert).isPresent(), "raised again after it cleared");
        await().atMost(Duration.ofSeconds(10)).until(() -> db.events().byTrace("trace-1").size() == 4);
        assertEquals(List.of("alert.raised", "alert.acknowledged", "alert.cleared", "alert.raised"),
                db.events().byTrace("trace-1").stream().map(Event::type).toList());
    }

    @Test
    void ignoredEventTypesAreNotStored() {
        db.events().ignoreTypes(Set.of("alert.acknowledged"));
        AlertService alerts = new AlertService(db.alerts(), db.events(), clock);
        Alert raised = alerts.raise(new Alert(0, "k", null, "demo", "", Severity.INFO, AlertState.RAISED, "m", "t",
                clock.instant(), null, null)).orElseThrow();
        alerts.acknowledge(raised.id());
        alerts.clear(raised.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> db.events().byTrace("t").size() == 2);
        assertEquals(List.of("alert.raised", "alert.cleared"), db.events().byTrace("t").stream().map(Event::type).toList());
        NotificationService notifications = new NotificationService(db.notifications(), Set.of("reminder.due"), clock);
        assertEquals(List.of(), notifications.notify("reminder.due", "demo", "s", "b", null));
        assertEquals(0, db.notifications().recent(null, 10).size());
    }

    @Test
    void recurringReminderIsToldOnceSnoozedAndMovesOnWhenDone() {
        db.houses().ensureHouse("demo", "Demo", ZoneId.of("Europe/Madrid"));
        NotificationService notifications = new NotificationService(db.notifications(), Set.of(), clock);
        ReminderService reminders = new ReminderService(db.reminders(), db.events(), notifications,
                house -> ZoneId.of("Europe/Madrid"), clock);
        Reminder filter = reminders.save(new Reminder(0, "demo", "hall/hvac", "Replace the filter", "", Period.ofDays(90),
                clock.instant().plus(Duration.ofDays(1)), null, null));
        assertEquals(0, reminders.tellDue());
        clock.advance(Duration.ofDays(1));
        assertEquals(1, reminders.tellDue());
        assertEquals(0, reminders.tellDue(), "told once per due date");
        assertEquals(1, notifications.unread());
        assertEquals("Reminder: Replace the filter", notifications.recent(NotificationChannel.DESKTOP, 1).getFirst().subject());

        Reminder snoozed = reminders.snooze(filter.id(), Duration.ofDays(2));
        assertEquals(clock.instant().plus(Duration.ofDays(2)), snoozed.nextDue());
        clock.advance(Duration.ofDays(1));
        assertEquals(0, reminders.tellDue(), "snoozed");
        clock.advance(Duration.ofDays(1));
        assertEquals(1, reminders.tellDue(), "due again when the snooze ends");

        Reminder next = reminders.done(filter.id());
        assertFalse(next.done(), "a recurring reminder goes on");
        assertNull(next.snoozedUntil());
        assertEquals(clock.instant().plus(Duration.ofDays(90)), next.dueAt());
        assertEquals(1, reminders.open().size());

        Reminder battery = reminders.save(new Reminder(0, "demo", null, "Battery check", "", null, clock.instant(),
                null, null));
        assertTrue(reminders.done(battery.id()).done(), "a one-off reminder is finished");
        assertEquals(List.of(filter.id()), reminders.open().stream().map(Reminder::id).toList());
    }

    @Test
    void notificationsGoToTheNotificationCentreAndEachRecipientsChannels() {
        NotificationService notifications = new NotificationService(db.notifications(), Set.of(), clock);
        notifications.saveRecipient(new Recipient(0, "Ana", "ana@example.org", "",
                Set.of(NotificationChannel.EMAIL), true));
        notifications.saveRecipient(new Recipient(0, "Chat", "chat@example.org", "http://127.0.0.1:9/hook",
                Set.of(NotificationChannel.WEBHOOK, NotificationChannel.EMAIL), false));
        notifications.saveRecipient(new Recipient(0, "Ops", "", "http://127.0.0.1:9/hook",
                Set.of(NotificationChannel.WEBHOOK), true));
        List<Notification> written = notifications.notify("rule.fired", "demo", "Freezer", "too warm", "t1");
        assertEquals(List.of(NotificationChannel.DESKTOP, NotificationChannel.EMAIL, NotificationChannel.WEBHOOK),
                written.stream().map(Notification::channel).toList());
        assertEquals(NotificationState.SENT, written.get(0).state());
        assertEquals(NotificationState.PENDING, written.get(1).state());
        assertEquals("ana@example.org", written.get(1).address());
        assertEquals(2, db.notifications().due(clock.instant(), Set.of(NotificationChannel.EMAIL,
                NotificationChannel.WEBHOOK), 10).size());
        assertEquals(1, notifications.unread());
        notifications.markRead(null);
        assertEquals(0, notifications.unread());
        assertThrows(IllegalArgumentException.class, () -> new Recipient(0, "x", "not-an-address", "",
                Set.of(NotificationChannel.EMAIL), true));
    }

    @Test
    void retryBackoffDoublesUpToItsLongest() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofDays(1));
        assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                Duration.ofMinutes(1), Duration.ofMinutes(1)),
                List.of(1, 2, 3, 4, 10).stream().map(policy::delayAfter).toList());
    }

    @Test
    void mailSettingsNeverShowThePassword() {
        MailSettings settings = new MailSettings("smtp.example.org", 0, MailSettings.Security.TLS, "ana",
                "s3cret-pass", "domus@example.org");
        settings.save(db.settings());
        assertEquals(settings, MailSettings.load(db.settings()));
        assertEquals(465, settings.effectivePort());
        assertFalse(settings.toString().contains("s3cret-pass"), settings.toString());
    }
}
