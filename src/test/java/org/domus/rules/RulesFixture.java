package org.domus.rules;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.domus.model.AttributeKind;
import org.domus.model.NotificationChannel;
import org.domus.model.Reading;
import org.domus.model.SeriesPath;
import org.domus.store.Database;
import org.domus.store.StoreOptions;

/** The rules' services over a real SQLite file, with a real clock and quick retries, as a test needs them. */
public final class RulesFixture implements AutoCloseable {

    static final RetryPolicy QUICK = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofDays(1));

    public final Database db;
    public final NotificationService notifications;
    public final NotificationDispatcher dispatcher;
    public final AlertService alerts;
    public final RuleEngine engine;

    public RulesFixture(Path dir, CommandPort commands) {
        Clock clock = Clock.systemUTC();
        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        db.houses().ensureHouse("demo", "Demo", ZoneId.of("Europe/Madrid"));
        notifications = new NotificationService(db.notifications(), Set.of(), clock);
        Map<NotificationChannel, NotificationSender> senders = new EnumMap<>(NotificationChannel.class);
        senders.put(NotificationChannel.EMAIL, new MailSender(() -> MailSettings.load(db.settings())));
        senders.put(NotificationChannel.WEBHOOK, new WebhookSender());
        dispatcher = new NotificationDispatcher(db.notifications(), senders, QUICK, clock, Duration.ofMillis(100));
        alerts = new AlertService(db.alerts(), db.events(), clock);
        ReminderService reminders = new ReminderService(db.reminders(), db.events(), notifications,
                house -> ZoneId.of("Europe/Madrid"), clock);
        engine = new RuleEngine(db.rules(), db.events(), house -> ZoneId.of("Europe/Madrid"), alerts, notifications,
                reminders, commands, clock);
        engine.start();
        dispatcher.start(notifications);
    }

    public static Reading number(String series, double value) {
        return new Reading(SeriesPath.parse(series), Instant.now(), Double.toString(value), value,
                AttributeKind.NUMERIC, null, false);
    }

    public void read(String series, double value) {
        engine.onReadings(List.of(number(series, value)));
    }

    @Override
    public void close() {
        engine.close();
        dispatcher.close();
        db.close();
    }
}
