package org.domus.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.domus.model.DeviceAddress;
import org.domus.model.Reading;
import org.domus.model.SeriesPath;

/**
 * Evaluates rules against readings, house signals and the passing of time. It holds no clock: every call is
 * told what time it is, so tests drive it with a fake clock and no sleeping. Not thread-safe: one thread (the
 * rule engine's) calls it.
 *
 * <p>Each trigger but a schedule is a level: it starts when its condition begins (a value beyond the limit, a
 * device offline), fires once it has held for the trigger's duration and the rule's conditions hold, and clears
 * when its condition ends. A level fires once per episode.
 */
public final class RuleEvaluator {

    /** The attribute a device's online/offline status arrives on. */
    public static final String STATUS_ATTRIBUTE = "status";

    private final Function<String, ZoneId> zones;
    private final Map<SeriesPath, Reading> latest = new HashMap<>();
    private final Map<Long, RuleState> states = new HashMap<>();
    private final Map<SeriesPath, List<RuleState>> bySeries = new HashMap<>();
    private final Map<String, List<RuleState>> offlineByHouse = new HashMap<>();
    private final Map<String, List<RuleState>> signalsByHouse = new HashMap<>();
    private final List<RuleState> schedules = new ArrayList<>();

    /** @param zones the time zone of a house (for schedules and time windows) */
    public RuleEvaluator(Function<String, ZoneId> zones) {
        this.zones = Objects.requireNonNull(zones, "zones");
    }

    private static final class RuleState {
        final Rule rule;
        /** The alert key of a trigger that watches one series (built once: evaluated for every reading). */
        final String seriesKey;
        final Map<String, Level> levels = new HashMap<>();
        Instant nextRun;

        RuleState(Rule rule) {
            this.rule = rule;
            this.seriesKey = switch (rule.trigger()) {
                case Trigger.Threshold t -> key(rule, t.series().toString());
                case Trigger.StateChange s -> key(rule, s.series().toString());
                default -> null;
            };
        }
    }

    private static final class Level {
        final Instant since;
        final String subject;
        boolean fired;
        String cause;
        String traceId;

        Level(Instant since, String subject) {
            this.since = since;
            this.subject = subject;
        }
    }

    /**
     * Replaces the rules (only enabled ones run). A rule that did not change keeps its state (a pending duration
     * goes on); a rule removed, disabled or changed clears what it had fired.
     */
    public List<Outcome> setRules(List<Rule> rules, Instant now) {
        List<Outcome> out = new ArrayList<>();
        Map<Long, RuleState> previous = new HashMap<>(states);
        states.clear();
        bySeries.clear();
        offlineByHouse.clear();
        signalsByHouse.clear();
        schedules.clear();
        for (Rule rule : rules) {
            if (!rule.enabled()) {
                continue;
            }
            RuleState old = previous.remove(rule.id());
            RuleState state;
            if (old != null && old.rule.equals(rule)) {
                state = old;
            } else {
                if (old != null) {
                    clearAll(old, now, "the rule changed", out);
                }
                state = new RuleState(rule);
            }
            states.put(rule.id(), state);
            index(state, now);
        }
        for (RuleState gone : previous.values()) {
            clearAll(gone, now, "the rule was disabled or removed", out);
        }
        return out;
    }

    private void index(RuleState state, Instant now) {
        Rule rule = state.rule;
        switch (rule.trigger()) {
            case Trigger.Threshold t -> bySeries.computeIfAbsent(t.series(), k -> new ArrayList<>()).add(state);
            case Trigger.StateChange s -> bySeries.computeIfAbsent(s.series(), k -> new ArrayList<>()).add(state);
            case Trigger.DeviceOffline d -> offlineByHouse.computeIfAbsent(rule.house(), k -> new ArrayList<>()).add(state);
            case Trigger.HouseEvent h -> signalsByHouse.computeIfAbsent(rule.house(), k -> new ArrayList<>()).add(state);
            case Trigger.Schedule s -> {
                if (state.nextRun == null) {
                    state.nextRun = Schedules.next(s.cron(), now, zone(rule)).orElse(null);
                }
                schedules.add(state);
            }
        }
    }

    /** Evaluates one committed reading. */
    public List<Outcome> onReading(Reading reading, Instant now) {
        Reading before = latest.put(reading.series(), reading);
        List<Outcome> out = new ArrayList<>(0);
        List<RuleState> watching = bySeries.get(reading.series());
        if (watching != null) {
            for (RuleState state : watching) {
                switch (state.rule.trigger()) {
                    case Trigger.Threshold t -> threshold(state, t, reading, now, out);
                    case Trigger.StateChange s -> stateChange(state, s, before, reading, now, out);
                    default -> {
                    }
                }
            }
        }
        if (reading.series().attribute().equals(STATUS_ATTRIBUTE)) {
            List<RuleState> offline = offlineByHouse.get(reading.series().house());
            if (offline != null) {
                for (RuleState state : offline) {
                    deviceStatus(state, (Trigger.DeviceOffline) state.rule.trigger(), reading, now, out);
                }
            }
        }
        return out;
    }

    /** Evaluates a fact about a house. */
    public List<Outcome> onSignal(HouseSignal signal, Instant now) {
        List<Outcome> out = new ArrayList<>(0);
        for (RuleState state : signalsByHouse.getOrDefault(signal.house(), List.of())) {
            Trigger.HouseEvent trigger = (Trigger.HouseEvent) state.rule.trigger();
            if (trigger.kind() != signal.kind()) {
                continue;
            }
            boolean on = trigger.kind() == HouseSignal.Kind.HUB_OFFLINE ? signal.value() > 0
                    : signal.value() > trigger.ratePerMinute();
            String cause = trigger.kind() == HouseSignal.Kind.HUB_OFFLINE
                    ? "the hub of house " + signal.house() + " is offline"
                    : RuleText.number(signal.value()) + " bad payloads per minute (limit "
                            + RuleText.number(trigger.ratePerMinute()) + ")";
            if (!signal.detail().isEmpty()) {
                cause += ": " + signal.detail();
            }
            level(state, key(state.rule, "house"), "house " + signal.house(), on, cause, null,
                    trigger.forAtLeast(), now, out);
        }
        return out;
    }

    /** Lets time pass: pending durations that have run out fire, schedules that are due run. */
    public List<Outcome> tick(Instant now) {
        List<Outcome> out = new ArrayList<>(0);
        for (RuleState state : states.values()) {
            Duration needed = switch (state.rule.trigger()) {
                case Trigger.Threshold t -> t.forAtLeast();
                case Trigger.StateChange s -> s.forAtLeast();
                case Trigger.DeviceOffline d -> d.after();
                case Trigger.HouseEvent h -> h.forAtLeast();
                case Trigger.Schedule s -> null;
            };
            if (needed != null) {
                for (Map.Entry<String, Level> entry : state.levels.entrySet()) {
                    maybeFire(state, entry.getKey(), entry.getValue(), needed, now, out);
                }
            }
        }
        for (RuleState state : schedules) {
            if (state.nextRun != null && !now.isBefore(state.nextRun)) {
                Trigger.Schedule schedule = (Trigger.Schedule) state.rule.trigger();
                if (conditionsHold(state.rule, now)) {
                    out.add(new Outcome.Fired(state.rule, key(state.rule, "schedule"), "house " + state.rule.house(),
                            "scheduled (" + schedule.cron() + ")", newTraceId(), now));
                }
                state.nextRun = Schedules.next(schedule.cron(), now, zone(state.rule)).orElse(null);
            }
        }
        return out;
    }

    /** The latest value the evaluator has seen of a series. */
    public Optional<Reading> latest(SeriesPath series) {
        return Optional.ofNullable(latest.get(series));
    }

    /** Remembers values seen before the evaluator started (no rule is evaluated). */
    public void seed(Iterable<Reading> readings) {
        for (Reading reading : readings) {
            latest.merge(reading.series(), reading, (old, fresh) -> fresh.timestamp().isBefore(old.timestamp()) ? old : fresh);
        }
    }

    /** When a schedule rule runs next, if it is enabled and will. */
    public Optional<Instant> nextRun(long ruleId) {
        RuleState state = states.get(ruleId);
        return state == null ? Optional.empty() : Optional.ofNullable(state.nextRun);
    }

    /** Whether every condition of {@code rule} holds at {@code now}. */
    public boolean conditionsHold(Rule rule, Instant now) {
        for (Condition condition : rule.conditions()) {
            if (!holds(rule, condition, now)) {
                return false;
            }
        }
        return true;
    }

    boolean holds(Rule rule, Condition condition, Instant now) {
        return switch (condition) {
            case Condition.TimeWindow w -> w.contains(LocalTime.ofInstant(now, zone(rule)));
            case Condition.AttributeIs a -> {
                Reading value = latest.get(a.series());
                yield value != null && a.holds(value.text(), value.number());
            }
        };
    }

    /** Whether the threshold is crossed by {@code value}, given whether it was already. */
    static boolean beyond(Trigger.Threshold t, double value, boolean already) {
        double edge = t.direction() == Trigger.Direction.ABOVE
                ? (already ? t.limit() - t.hysteresis() : t.limit())
                : (already ? t.limit() + t.hysteresis() : t.limit());
        return t.direction() == Trigger.Direction.ABOVE ? value > edge : value < edge;
    }

    private void threshold(RuleState state, Trigger.Threshold t, Reading reading, Instant now, List<Outcome> out) {
        if (reading.number() == null) {
            return;
        }
        String key = state.seriesKey;
        boolean was = !state.levels.isEmpty();
        boolean on = beyond(t, reading.number(), was);
        if (!on && !was) {
            return; // the common case, for every reading: nothing to build
        }
        String cause = reading.series() + " is " + reading.text() + ", " + t.direction().label() + " "
                + RuleText.number(t.limit());
        level(state, key, reading.series().toString(), on, cause, reading.traceId(), t.forAtLeast(), now, out);
    }

    private void stateChange(RuleState state, Trigger.StateChange s, Reading before, Reading reading, Instant now,
                             List<Outcome> out) {
        String key = state.seriesKey;
        boolean isTarget = reading.text().equalsIgnoreCase(s.to());
        boolean was = !state.levels.isEmpty();
        if (!isTarget && !was) {
            return;
        }
        boolean on;
        if (was) {
            on = isTarget;
        } else {
            boolean changed = before == null || !before.text().equalsIgnoreCase(reading.text());
            boolean fromMatches = s.from() == null || (before != null && before.text().equalsIgnoreCase(s.from()));
            on = isTarget && changed && fromMatches;
        }
        String cause = reading.series() + " is " + reading.text()
                + (before == null ? "" : " (was " + before.text() + ")");
        level(state, key, reading.series().toString(), on, cause, reading.traceId(), s.forAtLeast(), now, out);
    }

    private void deviceStatus(RuleState state, Trigger.DeviceOffline d, Reading reading, Instant now, List<Outcome> out) {
        DeviceAddress device = reading.series().deviceAddress();
        if (d.device() != null && !d.device().equals(device)) {
            return;
        }
        boolean offline = reading.text().equalsIgnoreCase("offline");
        boolean online = reading.text().equalsIgnoreCase("online");
        if (!offline && !online) {
            return;
        }
        String cause = device + " is offline";
        level(state, key(state.rule, device.toString()), device.toString(), offline, cause, reading.traceId(),
                d.after(), now, out);
    }

    private void level(RuleState state, String key, String subject, boolean on, String cause, String traceId,
                       Duration needed, Instant now, List<Outcome> out) {
        Level level = state.levels.get(key);
        if (on) {
            if (level == null) {
                level = new Level(now, subject);
                state.levels.put(key, level);
            }
            level.cause = cause;
            if (traceId != null || level.traceId == null) {
                level.traceId = traceId;
            }
            maybeFire(state, key, level, needed, now, out);
        } else if (level != null) {
            state.levels.remove(key);
            if (level.fired) {
                out.add(new Outcome.Cleared(state.rule, key, subject, cause, now));
            }
        }
    }

    private void maybeFire(RuleState state, String key, Level level, Duration needed, Instant now, List<Outcome> out) {
        if (level.fired) {
            return;
        }
        Duration held = Duration.between(level.since, now);
        if (held.compareTo(needed) < 0 || !conditionsHold(state.rule, now)) {
            return;
        }
        level.fired = true;
        String cause = needed.isZero() ? level.cause : level.cause + " for " + RuleText.duration(held);
        out.add(new Outcome.Fired(state.rule, key, level.subject, cause,
                level.traceId != null ? level.traceId : newTraceId(), now));
    }

    private void clearAll(RuleState state, Instant now, String why, List<Outcome> out) {
        for (Iterator<Map.Entry<String, Level>> it = state.levels.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Level> entry = it.next();
            it.remove();
            if (entry.getValue().fired) {
                out.add(new Outcome.Cleared(state.rule, entry.getKey(), entry.getValue().subject, why, now));
            }
        }
    }

    private ZoneId zone(Rule rule) {
        ZoneId zone = zones.apply(rule.house());
        return zone == null ? ZoneId.of("UTC") : zone;
    }

    static String key(Rule rule, String subject) {
        return "rule:" + rule.id() + ":" + subject;
    }

    static String newTraceId() {
        return UUID.randomUUID().toString();
    }
}
