package org.domus.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.domus.model.AttributeKind;
import org.domus.sim.definition.AttributeDefinition;
import org.domus.sim.definition.AttributeValues;
import org.domus.sim.definition.DeviceType;
import org.domus.sim.definition.Generator;

/**
 * One simulated device's state, evolving over simulated time by its type's generators, and its commands checked
 * against the type. Pure: time comes in as arguments, randomness from the injected generator, no I/O. Not
 * thread-safe: its owner (the simulator runtime) calls it under the device's lock.
 */
public final class DeviceModel {

    private final DeviceType type;
    private final ZoneId zone;
    private final RandomGenerator random;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private Instant now;

    /**
     * A device of {@code type} at {@code start}, with the type's initial values overridden by {@code initial}
     * (checked: a value the attribute cannot take throws {@link IllegalArgumentException}).
     */
    public DeviceModel(DeviceType type, Map<String, Object> initial, Instant start, ZoneId zone, RandomGenerator random) {
        this.type = Objects.requireNonNull(type, "type");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.random = Objects.requireNonNull(random, "random");
        this.now = Objects.requireNonNull(start, "start");
        for (AttributeDefinition attribute : type.attributes()) {
            Object value = initial.containsKey(attribute.name())
                    ? AttributeValues.coerce(attribute, initial.get(attribute.name()))
                    : attribute.initial();
            Slot slot = new Slot(attribute, value);
            eventOf(attribute.generator()).ifPresent(event -> slot.nextEventStart = start.plus(pause(event)));
            slots.put(attribute.name(), slot);
        }
        for (String name : initial.keySet()) {
            if (!slots.containsKey(name)) {
                throw new IllegalArgumentException("type " + type.slug() + " has no attribute \"" + name + "\"");
            }
        }
    }

    public DeviceType type() {
        return type;
    }

    /** The simulated instant of the last {@link #advance}. */
    public Instant now() {
        return now;
    }

    /** The attribute's current value (Double, Boolean or String). */
    public Object value(String attribute) {
        return slot(attribute).value;
    }

    /** The value as published: numbers rounded to the attribute's decimals. */
    public Object published(String attribute) {
        Slot slot = slot(attribute);
        if (slot.value instanceof Double number) {
            return AttributeValues.round(number, slot.definition.decimals());
        }
        return slot.value;
    }

    /** Every attribute's published value, in the type's order. */
    public Map<String, Object> snapshot() {
        Map<String, Object> values = new LinkedHashMap<>();
        slots.keySet().forEach(name -> values.put(name, published(name)));
        return Collections.unmodifiableMap(values);
    }

    /** The target a ramp attribute is moving to, if it is moving. */
    public Optional<Double> target(String attribute) {
        return Optional.ofNullable(slot(attribute).target);
    }

    /** True while some attribute moves towards a commanded target (the owner then ticks about once a second). */
    public boolean moving() {
        return slots.values().stream().anyMatch(s -> s.target != null);
    }

    /** When the next event starts or ends, so that the owner can wake the device then. */
    public Optional<Instant> nextTransition() {
        Instant next = null;
        for (Slot slot : slots.values()) {
            if (eventOf(slot.definition.generator()).isEmpty()) {
                continue;
            }
            Instant candidate = slot.eventEnd != null ? slot.eventEnd : slot.nextEventStart;
            if (candidate != null && (next == null || candidate.isBefore(next))) {
                next = candidate;
            }
        }
        return Optional.ofNullable(next);
    }

    /** Whether a command may set the attribute to {@code raw} (a JSON scalar as Double, Boolean or String). */
    public CommandCheck check(String attribute, Object raw) {
        Optional<AttributeDefinition> definition = type.attribute(attribute);
        if (definition.isEmpty()) {
            return new CommandCheck.Refused(attribute, "a " + type.slug() + " has no attribute " + attribute);
        }
        if (!definition.get().writable()) {
            return new CommandCheck.Refused(attribute, attribute + " is read-only");
        }
        try {
            return new CommandCheck.Accepted(attribute, AttributeValues.coerce(definition.get(), raw));
        } catch (IllegalArgumentException e) {
            return new CommandCheck.Refused(attribute, e.getMessage());
        }
    }

    /**
     * Obeys an accepted command. Returns true when the attribute has its new value now; false when it started
     * moving towards it (a ramp), to arrive in later {@link #advance} calls.
     */
    public boolean apply(CommandCheck.Accepted command) {
        Slot slot = slot(command.attribute());
        if (slot.definition.generator() instanceof Generator.Ramp && command.value() instanceof Double target) {
            double current = (Double) slot.value;
            if (Math.abs(current - target) < 1e-9) {
                slot.target = null;
                return true;
            }
            slot.target = target;
            return false;
        }
        slot.value = command.value();
        return true;
    }

    /**
     * Advances simulated time to {@code to} (earlier instants are ignored). Returns the attributes whose value
     * should be published at once: discrete values that changed (an event starting or ending) and ramps that
     * arrived at their target.
     */
    public Set<String> advance(Instant to) {
        if (!to.isAfter(now)) {
            return Set.of();
        }
        double seconds = Duration.between(now, to).toNanos() / 1e9;
        Set<String> changed = new LinkedHashSet<>();
        for (Slot slot : slots.values()) {
            Object before = slot.value;
            boolean wasMoving = slot.target != null;
            slot.value = step(slot, slot.definition.generator(), seconds, to, false);
            if (slot.value instanceof Double number) {
                slot.value = clamp(slot.definition, number);
            }
            boolean discrete = slot.definition.kind() != AttributeKind.NUMERIC;
            if (discrete && !before.equals(slot.value) || wasMoving && slot.target == null) {
                changed.add(slot.definition.name());
            }
        }
        now = to;
        return changed;
    }

    /** Names of the attributes, in the type's order. */
    public List<String> attributes() {
        return new ArrayList<>(slots.keySet());
    }

    private Object step(Slot slot, Generator generator, double seconds, Instant to, boolean nested) {
        return switch (generator) {
            case Generator.Constant constant -> nested ? constant.value() : slot.value;
            case Generator.Uniform uniform -> uniform.min() + random.nextDouble() * (uniform.max() - uniform.min());
            case Generator.RandomWalk walk -> {
                double low = walk.min() != null ? walk.min() : bound(slot.definition.min(), Double.NEGATIVE_INFINITY);
                double high = walk.max() != null ? walk.max() : bound(slot.definition.max(), Double.POSITIVE_INFINITY);
                double value = Math.min(high, Math.max(low, number(slot.value)));
                value += walk.step() * random.nextGaussian() * Math.sqrt(seconds / 60.0)
                        + walk.driftPerHour() * seconds / 3600.0;
                yield Math.min(high, Math.max(low, value));
            }
            case Generator.DailyCurve curve -> {
                LocalTime time = to.atZone(zone).toLocalTime();
                double hour = time.toSecondOfDay() / 3600.0;
                yield curve.mean() + curve.amplitude() * Math.cos(2 * Math.PI * (hour - curve.peakHour()) / 24)
                        + curve.noise() * random.nextGaussian();
            }
            case Generator.Follow follow -> {
                boolean active = follow.whenAttribute() == null || AttributeValues.text(slot(follow.whenAttribute()).value)
                        .equalsIgnoreCase(AttributeValues.text(follow.whenValue()));
                double target = active ? number(slot(follow.source()).value) : follow.otherwise();
                double value = number(slot.value);
                double tau = follow.timeConstant().toNanos() / 1e9;
                value += (target - value) * (1 - Math.exp(-seconds / tau));
                yield value + follow.noise() * random.nextGaussian() * Math.sqrt(Math.min(1.0, seconds / 60.0));
            }
            case Generator.Ramp ramp -> {
                double value = number(slot.value);
                if (slot.target == null) {
                    yield value;
                }
                double travel = ramp.speedPerSecond() * seconds;
                if (Math.abs(slot.target - value) <= travel) {
                    value = slot.target;
                    slot.target = null;
                } else {
                    value += Math.signum(slot.target - value) * travel;
                }
                yield value;
            }
            case Generator.Event event -> {
                Object value = slot.value;
                // Every start and end up to `to`, in order: a short pulse inside one step is still seen to end.
                while (true) {
                    if (slot.eventEnd != null && !slot.eventEnd.isAfter(to)) {
                        value = event.idle();
                        slot.nextEventStart = slot.eventEnd.plus(pause(event));
                        slot.eventEnd = null;
                    } else if (slot.eventEnd == null && slot.nextEventStart != null && !slot.nextEventStart.isAfter(to)) {
                        value = event.active();
                        slot.eventEnd = slot.nextEventStart.plus(event.hold());
                        slot.nextEventStart = null;
                    } else {
                        break;
                    }
                }
                yield value;
            }
            case Generator.Integral integral -> number(slot.value)
                    + number(slot(integral.source()).value) * seconds / integral.divisor();
            case Generator.Linear linear -> number(slot(linear.source()).value) * linear.factor() + linear.offset();
            case Generator.Depends depends -> {
                String on = AttributeValues.text(slot(depends.on()).value);
                Generator chosen = depends.otherwise();
                for (Map.Entry<String, Generator> entry : depends.cases().entrySet()) {
                    if (entry.getKey().equalsIgnoreCase(on)) {
                        chosen = entry.getValue();
                    }
                }
                yield step(slot, chosen, seconds, to, true);
            }
        };
    }

    private Duration pause(Generator.Event event) {
        double mean = event.meanInterval().toNanos();
        double pause = -Math.log(1 - random.nextDouble()) * mean;
        return Duration.ofNanos((long) Math.min(pause, Long.MAX_VALUE / 4.0));
    }

    private static Optional<Generator.Event> eventOf(Generator generator) {
        return switch (generator) {
            case Generator.Event event -> Optional.of(event);
            case Generator.Depends depends -> depends.cases().values().stream().map(DeviceModel::eventOf)
                    .flatMap(Optional::stream).findFirst().or(() -> eventOf(depends.otherwise()));
            default -> Optional.empty();
        };
    }

    private static double clamp(AttributeDefinition definition, double value) {
        if (definition.min() != null && value < definition.min()) {
            return definition.min();
        }
        if (definition.max() != null && value > definition.max()) {
            return definition.max();
        }
        return value;
    }

    private static double bound(Double bound, double fallback) {
        return bound == null ? fallback : bound;
    }

    private static double number(Object value) {
        return value instanceof Double d ? d : 0.0;
    }

    private Slot slot(String attribute) {
        Slot slot = slots.get(attribute);
        if (slot == null) {
            throw new IllegalArgumentException("a " + type.slug() + " has no attribute " + attribute);
        }
        return slot;
    }

    private static final class Slot {
        final AttributeDefinition definition;
        Object value;
        Double target;
        Instant nextEventStart;
        Instant eventEnd;

        Slot(AttributeDefinition definition, Object value) {
            this.definition = definition;
            this.value = value;
        }
    }
}
