package org.domus.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.domus.model.Alert;
import org.domus.model.AlertState;
import org.domus.model.Event;
import org.domus.model.ProblemLog;
import org.domus.model.Reading;
import org.domus.store.EventRepository;
import org.domus.store.RuleRepository;
import org.domus.store.StoredRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the rules. Committed readings and house signals are handed to the engine's own thread
 * ({@code domus-rules}) and evaluated there, so ingest never waits on a rule; a tick each second lets durations and
 * schedules run out, and due reminders are told. A firing is an event ({@code rule.fired}, with the trace id of the
 * message that caused it and the cause) and runs the rule's actions: raise an alert, send a command through the
 * {@link CommandPort}, notify. When the trigger clears, the rule's alert is cleared.
 */
public final class RuleEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration REMINDER_CHECK = Duration.ofSeconds(30);
    private static final Duration SIGNAL_POLL = Duration.ofSeconds(10);

    private final RuleRepository rules;
    private final EventRepository events;
    private final AlertService alerts;
    private final NotificationService notifications;
    private final ReminderService reminders;
    private final CommandPort commands;
    private final Clock clock;
    private final Function<String, ZoneId> houseZones;
    private final Map<String, ZoneId> zoneCache = new ConcurrentHashMap<>();
    private final RuleEvaluator evaluator;
    private final ProblemLog problems = new ProblemLog(LOG, 60_000);
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("domus-rules").daemon(true).factory());
    private final List<Consumer<Outcome>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong evaluated = new AtomicLong();
    private final AtomicLong fired = new AtomicLong();
    private final AtomicLong cleared = new AtomicLong();
    private final AtomicLong actionFailures = new AtomicLong();
    private volatile int running;
    private final List<java.util.function.Supplier<List<HouseSignal>>> signalSources = new CopyOnWriteArrayList<>();
    private Instant lastReminderCheck = Instant.MIN;
    private Instant lastSignalPoll = Instant.MIN;

    public RuleEngine(RuleRepository rules, EventRepository events, Function<String, ZoneId> houseZones,
                      AlertService alerts, NotificationService notifications, ReminderService reminders,
                      CommandPort commands, Clock clock) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.events = Objects.requireNonNull(events, "events");
        this.houseZones = Objects.requireNonNull(houseZones, "houseZones");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.reminders = Objects.requireNonNull(reminders, "reminders");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.evaluator = new RuleEvaluator(this::zone);
    }

    /** Loads the rules and starts the tick. */
    public void start() {
        reload().join();
        LOG.info("Rule engine started: {} rule(s) running", running);
        thread.scheduleAtFixedRate(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Told of every outcome, on the engine's thread, after its actions ran: return quickly. */
    public void addListener(Consumer<Outcome> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Outcome> listener) {
        listeners.remove(listener);
    }

    /** Hands committed readings to the engine's thread; returns at once (called on the store writer's thread). */
    public void onReadings(List<Reading> readings) {
        if (readings.isEmpty()) {
            return;
        }
        List<Reading> copy = List.copyOf(readings);
        submit(() -> {
            queued.decrementAndGet();
            Instant now = clock.instant();
            for (Reading reading : copy) {
                apply(evaluator.onReading(reading, now));
            }
            evaluated.addAndGet(copy.size());
        });
    }

    /** Remembers values seen before the engine started (for conditions and "test now"); evaluates no rule. */
    public void seed(java.util.Collection<Reading> readings) {
        List<Reading> copy = List.copyOf(readings);
        submit(() -> {
            queued.decrementAndGet();
            evaluator.seed(copy);
        });
    }

    /** A source of house signals the engine asks every ten seconds, on its own thread (bad payload rates). */
    public void addSignalSource(java.util.function.Supplier<List<HouseSignal>> source) {
        signalSources.add(Objects.requireNonNull(source, "source"));
    }

    /** Hands a house signal (hub offline, bad payload rate) to the engine; returns at once. */
    public void signal(HouseSignal signal) {
        Objects.requireNonNull(signal, "signal");
        submit(() -> {
            queued.decrementAndGet();
            apply(evaluator.onSignal(signal, clock.instant()));
        });
    }

    /** Reads the rules from the store again (after an edit); the future completes once they run. */
    public CompletableFuture<Void> reload() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    zoneCache.clear();
                    List<Rule> enabled = new ArrayList<>();
                    for (RuleEntry entry : list()) {
                        if (entry.rule() != null && entry.rule().enabled()) {
                            enabled.add(entry.rule());
                        } else if (entry.problem() != null) {
                            problems.report("rule:" + entry.stored().id(), "Rule " + entry.stored().id()
                                    + " does not run: " + entry.problem());
                        }
                    }
                    apply(evaluator.setRules(enabled, clock.instant()));
                    running = enabled.size();
                    LOG.debug("{} rules running", enabled.size());
                    done.complete(null);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Every stored rule, by name, parsed (or with why it cannot be). Any thread. */
    public List<RuleEntry> list() {
        List<RuleEntry> out = new ArrayList<>();
        for (StoredRule stored : rules.list()) {
            try {
                out.add(new RuleEntry(stored, RuleCodec.fromStored(stored), null));
            } catch (IllegalArgumentException e) {
                out.add(new RuleEntry(stored, null, e.getMessage()));
            }
        }
        return out;
    }

    /** Writes a rule (new when its id is 0) and lets it run; returns it with its id. Waits for the commit. */
    public Rule save(Rule rule) {
        StoredRule stored = rules.save(RuleCodec.toStored(rule, clock.instant()));
        reload();
        return rule.withId(stored.id());
    }

    public void delete(long id) {
        rules.delete(id);
        reload();
    }

    public void setEnabled(long id, boolean enabled) {
        rules.find(id).ifPresent(stored -> {
            rules.save(new StoredRule(stored.id(), stored.name(), stored.house(), enabled, stored.definition(),
                    clock.instant()));
            reload();
        });
    }

    /** Evaluates {@code rule} against the values of the moment without running its actions. */
    public CompletableFuture<RuleTest> test(Rule rule) {
        Objects.requireNonNull(rule, "rule");
        return CompletableFuture.supplyAsync(() -> dryRun(rule), thread);
    }

    public RuleMetrics metrics() {
        return new RuleMetrics(evaluated.get(), fired.get(), cleared.get(), actionFailures.get(), queued.get(), running);
    }

    private void submit(Runnable work) {
        queued.incrementAndGet();
        try {
            thread.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    problems.report("evaluate:" + e.getClass().getName(), "Evaluating rules failed: " + e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            queued.decrementAndGet(); // closed: nothing more to evaluate
        }
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            apply(evaluator.tick(now));
            if (Duration.between(lastSignalPoll, now).compareTo(SIGNAL_POLL) >= 0) {
                lastSignalPoll = now;
                for (var source : signalSources) {
                    for (HouseSignal signal : source.get()) {
                        apply(evaluator.onSignal(signal, now));
                    }
                }
            }
            if (Duration.between(lastReminderCheck, now).compareTo(REMINDER_CHECK) >= 0) {
                lastReminderCheck = now;
                reminders.tellDue();
            }
        } catch (RuntimeException e) {
            problems.report("tick:" + e.getClass().getName(), "The rules' clock tick failed: " + e.getMessage());
        }
    }

    private void apply(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            try {
                switch (outcome) {
                    case Outcome.Fired f -> fire(f);
                    case Outcome.Cleared c -> clear(c);
                }
            } catch (RuntimeException e) {
                actionFailures.incrementAndGet();
                problems.report("apply:" + outcome.rule().id(), "Rule \"" + outcome.rule().name()
                        + "\" could not act: " + e.getMessage());
            }
            for (Consumer<Outcome> listener : listeners) {
                listener.accept(outcome);
            }
        }
    }

    private void fire(Outcome.Fired firing) {
        fired.incrementAndGet();
        Rule rule = firing.rule();
        Map<String, String> values = Map.of("rule", rule.name(), "subject", firing.subject(), "cause", firing.cause(),
                "house", rule.house());
        List<String> done = new ArrayList<>();
        boolean alertWasActive = false;
        for (RuleAction action : rule.actions()) {
            if (action instanceof RuleAction.RaiseAlert raise) {
                String message = raise.message().isEmpty() ? rule.name() + ": " + firing.cause()
                        : RuleText.fill(raise.message(), values);
                boolean raised = alerts.raise(new Alert(0, firing.key(), rule.id(), rule.house(), firing.subject(),
                        raise.severity(), AlertState.RAISED, message, firing.traceId(), firing.at(), null, null))
                        .isPresent();
                alertWasActive = !raised;
                done.add(raised ? "alert raised" : "alert already active");
            }
        }
        for (RuleAction action : rule.actions()) {
            switch (action) {
                case RuleAction.SendCommand send -> done.add(sendCommand(rule, send, firing));
                case RuleAction.Notify notify -> {
                    if (alertWasActive) {
                        done.add("not notified again (alert still active)");
                    } else {
                        String subject = notify.subject().isEmpty() ? "[Domus] " + rule.name()
                                : RuleText.fill(notify.subject(), values);
                        String body = notify.body().isEmpty() ? firing.cause() + "\n\nHouse: " + rule.house()
                                + "\nRule: " + rule.name() + "\nTrace: " + firing.traceId()
                                : RuleText.fill(notify.body(), values);
                        notifications.notify("rule.fired", rule.house(), subject, body, firing.traceId());
                        done.add("notified");
                    }
                }
                case RuleAction.RaiseAlert raise -> {
                }
            }
        }
        events.append(new Event(0, firing.at(), "rule.fired", rule.house(), rule.name(), firing.traceId(),
                firing.cause() + " → " + String.join("; ", done)));
        LOG.info("Rule \"{}\" fired: {}", rule.name(), firing.cause());
    }

    private String sendCommand(Rule rule, RuleAction.SendCommand send, Outcome.Fired firing) {
        try {
            String trace = commands.send(send.series(), send.value(), "rule:" + rule.id());
            return "sent " + send.series() + " := " + send.value() + " (trace " + trace + ")";
        } catch (IllegalArgumentException e) {
            actionFailures.incrementAndGet();
            problems.report("command:" + rule.id(), "Rule \"" + rule.name() + "\" could not send " + send.series()
                    + " := " + send.value() + ": " + e.getMessage());
            events.append(new Event(0, firing.at(), "rule.action-failed", rule.house(), rule.name(), firing.traceId(),
                    "command " + send.series() + " := " + send.value() + " refused: " + e.getMessage()));
            return "command refused (" + e.getMessage() + ")";
        }
    }

    private void clear(Outcome.Cleared clearing) {
        cleared.incrementAndGet();
        Rule rule = clearing.rule();
        boolean hadAlert = alerts.clearKey(clearing.key(), clearing.cause()).isPresent();
        events.append(new Event(0, clearing.at(), "rule.cleared", rule.house(), rule.name(), null,
                (clearing.cause() == null ? "condition over" : clearing.cause())
                        + (hadAlert ? " → alert cleared" : "")));
        boolean notifies = rule.actions().stream().anyMatch(a -> a instanceof RuleAction.Notify);
        if (notifies) {
            notifications.notify("rule.cleared", rule.house(), "[Domus] Cleared: " + rule.name(),
                    clearing.subject() + ": " + (clearing.cause() == null ? "back to normal" : clearing.cause()), null);
        }
    }

    private RuleTest dryRun(Rule rule) {
        Instant now = clock.instant();
        List<String> lines = new ArrayList<>();
        boolean triggered;
        switch (rule.trigger()) {
            case Trigger.Threshold t -> {
                Reading value = evaluator.latest(t.series()).orElse(null);
                if (value == null || value.number() == null) {
                    lines.add("No numeric value of " + t.series() + " yet: nothing would fire.");
                    triggered = false;
                } else {
                    triggered = RuleEvaluator.beyond(t, value.number(), false);
                    lines.add(t.series() + " is " + value.text() + ": " + (triggered
                            ? t.direction().label() + " " + RuleText.number(t.limit())
                            : "not " + t.direction().label() + " " + RuleText.number(t.limit())) + ".");
                    if (triggered && !t.forAtLeast().isZero()) {
                        lines.add("It fires once this holds for " + RuleText.duration(t.forAtLeast()) + ".");
                    }
                }
            }
            case Trigger.StateChange s -> {
                Reading value = evaluator.latest(s.series()).orElse(null);
                triggered = value != null && value.text().equalsIgnoreCase(s.to());
                lines.add(value == null ? "No value of " + s.series() + " yet."
                        : s.series() + " is " + value.text() + (triggered ? "." : ", not " + s.to() + "."));
            }
            case Trigger.DeviceOffline d -> {
                if (d.device() == null) {
                    lines.add("Fires for any device of " + rule.house() + " offline for "
                            + RuleText.duration(d.after()) + ".");
                    triggered = false;
                } else {
                    Reading status = evaluator.latest(d.device().attribute(RuleEvaluator.STATUS_ATTRIBUTE)).orElse(null);
                    triggered = status != null && status.text().equalsIgnoreCase("offline");
                    lines.add(status == null ? "The status of " + d.device() + " is not known yet."
                            : d.device() + " is " + status.text() + ".");
                }
            }
            case Trigger.Schedule s -> {
                triggered = false;
                Instant next = now;
                StringBuilder times = new StringBuilder();
                for (int i = 0; i < 3; i++) {
                    next = Schedules.next(s.cron(), next, zone(rule.house())).orElse(null);
                    if (next == null) {
                        break;
                    }
                    times.append(i == 0 ? "" : ", ").append(next.atZone(zone(rule.house())).toLocalDateTime());
                }
                lines.add("Next runs (" + zone(rule.house()) + "): " + (times.isEmpty() ? "never" : times) + ".");
            }
            case Trigger.HouseEvent h -> {
                triggered = false;
                lines.add("Fires when " + h.describe() + " is reported for house " + rule.house() + ".");
            }
        }
        boolean conditions = true;
        for (Condition condition : rule.conditions()) {
            boolean holds = evaluator.holds(rule, condition, now);
            conditions &= holds;
            lines.add("Condition " + condition.describe() + ": " + (holds ? "holds now." : "does not hold now."));
        }
        boolean would = triggered && conditions;
        lines.add(would ? "It would fire now and:" : "It would not fire now. When it fires it will:");
        for (RuleAction action : rule.actions()) {
            lines.add("  " + action.describe());
        }
        return new RuleTest(would, lines);
    }

    private ZoneId zone(String house) {
        return zoneCache.computeIfAbsent(house, h -> {
            ZoneId zone = houseZones.apply(h);
            return zone == null ? ZoneId.of("UTC") : zone;
        });
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
