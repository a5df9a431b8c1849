package org.domus.app;

import java.time.Clock;
import org.domus.ingest.HubStatus;
import org.domus.rules.HouseSignal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.domus.command.CommandService;
import org.domus.command.InvalidCommandException;
import org.domus.command.SendOptions;
import org.domus.ingest.IngestService;
import org.domus.ingest.LiveState;
import org.domus.ingest.LiveStateListener;
import org.domus.model.House;
import org.domus.model.NotificationChannel;
import org.domus.rules.AlertService;
import org.domus.rules.CommandPort;
import org.domus.rules.HouseSignal;
import org.domus.rules.MailSender;
import org.domus.rules.MailSettings;
import org.domus.rules.NotificationDispatcher;
import org.domus.rules.NotificationSender;
import org.domus.rules.NotificationService;
import org.domus.rules.ReminderService;
import org.domus.rules.RetryPolicy;
import org.domus.rules.RuleEngine;
import org.domus.rules.WebhookSender;
import org.domus.store.Database;

/**
 * The rules side of the core, wired: the rule engine fed from ingest's committed readings (through live state,
 * never a second subscriber), alerts, reminders, and the notification outbox with its dispatcher. Commands of
 * rules go through the {@link CommandService}, behind the rules package's {@link CommandPort}.
 */
public final class RulesRuntime implements AutoCloseable {

    /** How long a rule's command waits for a device that is offline. */
    static final Duration RULE_COMMAND_QUEUE = Duration.ofMinutes(10);

    private final RuleEngine engine;
    private final AlertService alerts;
    private final ReminderService reminders;
    private final NotificationService notifications;
    private final NotificationDispatcher dispatcher;
    private final LiveState liveState;
    private final LiveStateListener feed;
    private final Database store;

    private RulesRuntime(RuleEngine engine, AlertService alerts, ReminderService reminders,
                         NotificationService notifications, NotificationDispatcher dispatcher, LiveState liveState,
                         LiveStateListener feed, Database store) {
        this.engine = engine;
        this.alerts = alerts;
        this.reminders = reminders;
        this.notifications = notifications;
        this.dispatcher = dispatcher;
        this.liveState = liveState;
        this.feed = feed;
        this.store = store;
    }

    static RulesRuntime start(Database store, LiveState liveState, IngestService ingest, CommandService commands,
                              DomusConfig config, Clock clock) {
        store.events().ignoreTypes(config.ignoredEventTypes());
        java.util.function.Function<String, ZoneId> zones = house -> store.houses().findHouse(house)
                .map(House::zone).orElse(ZoneId.of("UTC"));
        NotificationService notifications = new NotificationService(store.notifications(),
                config.ignoredEventTypes(), clock);
        Map<NotificationChannel, NotificationSender> senders = new EnumMap<>(NotificationChannel.class);
        senders.put(NotificationChannel.EMAIL, new MailSender(() -> MailSettings.load(store.settings())));
        senders.put(NotificationChannel.WEBHOOK, new WebhookSender());
        NotificationDispatcher dispatcher = new NotificationDispatcher(store.notifications(), senders,
                RetryPolicy.DEFAULT, clock, Duration.ofSeconds(5));
        AlertService alerts = new AlertService(store.alerts(), store.events(), clock);
        ReminderService reminders = new ReminderService(store.reminders(), store.events(), notifications, zones, clock);
        CommandPort port = (series, value, source) -> {
            try {
                return commands.send(series, value, SendOptions.from(source).queueingFor(RULE_COMMAND_QUEUE)).traceId();
            } catch (InvalidCommandException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        };
        RuleEngine engine = new RuleEngine(store.rules(), store.events(), zones, alerts, notifications, reminders,
                port, clock);
        BadPayloadRate badPayloads = new BadPayloadRate(store, ingest, clock);
        engine.addSignalSource(badPayloads::sample);
        // A hub going offline or coming back is a house signal for "hub offline" rules.
        ingest.hubs().addListener(status -> engine.signal(new HouseSignal(status.house(), HouseSignal.Kind.HUB_OFFLINE,
                status.state() == HubStatus.State.OFFLINE ? 1 : 0, "")));
        LiveStateListener feed = (readings, discovered) -> engine.onReadings(readings);
        engine.seed(liveState.snapshot().values());
        engine.start();
        liveState.addListener(feed);
        dispatcher.start(notifications);
        return new RulesRuntime(engine, alerts, reminders, notifications, dispatcher, liveState, feed, store);
    }

    /** What the console's screens use. */
    public org.domus.rules.RulesServices services() {
        return new org.domus.rules.RulesServices(engine, alerts, reminders, notifications);
    }

    public RuleEngine engine() {
        return engine;
    }

    public AlertService alerts() {
        return alerts;
    }

    public ReminderService reminders() {
        return reminders;
    }

    public NotificationService notifications() {
        return notifications;
    }

    public NotificationDispatcher dispatcher() {
        return dispatcher;
    }

    /** The mail server settings of the moment (from the store). */
    public MailSettings mailSettings() {
        return MailSettings.load(store.settings());
    }

    public void saveMailSettings(MailSettings settings) {
        settings.save(store.settings());
    }

    @Override
    public void close() {
        liveState.removeListener(feed);
        engine.close();
        dispatcher.close();
    }

    /**
     * Refused payloads per minute over the last minute, as a signal for every house. Ingest counts them for the
     * whole broker, not per house, so each house sees the broker's rate.
     */
    static final class BadPayloadRate {
        private final Database store;
        private final IngestService ingest;
        private final Clock clock;
        private final ArrayDeque<long[]> samples = new ArrayDeque<>();

        BadPayloadRate(Database store, IngestService ingest, Clock clock) {
            this.store = store;
            this.ingest = ingest;
            this.clock = clock;
        }

        List<HouseSignal> sample() {
            long now = clock.millis();
            long refused = ingest.metrics().refusedPayloads();
            samples.addLast(new long[] {now, refused});
            while (samples.size() > 2 && now - samples.peekFirst()[0] > 60_000) {
                samples.removeFirst();
            }
            long[] oldest = samples.peekFirst();
            double minutes = Math.max(1, now - oldest[0]) / 60_000.0;
            double rate = samples.size() < 2 ? 0 : (refused - oldest[1]) / Math.max(minutes, 1.0 / 6);
            List<HouseSignal> out = new ArrayList<>();
            for (House house : store.houses().listHouses()) {
                out.add(new HouseSignal(house.slug(), HouseSignal.Kind.BAD_PAYLOADS, rate, ""));
            }
            return out;
        }
    }
}
