package org.domus.rules;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.domus.model.DeviceAddress;
import org.domus.model.SeriesPath;

/** What makes a rule fire. Every trigger but {@link Schedule} is a condition that holds for a while, then clears. */
public sealed interface Trigger {

    /** One line for lists and events. */
    String describe();

    enum Direction {
        ABOVE, BELOW;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A numeric attribute beyond {@code limit} for at least {@code forAtLeast}. Once beyond, it is back only when
     * it has come {@code hysteresis} back past the limit (above 8 with hysteresis 0.5: clears below 7.5).
     */
    record Threshold(SeriesPath series, Direction direction, double limit, double hysteresis, Duration forAtLeast)
            implements Trigger {
        public Threshold {
            Objects.requireNonNull(series, "series");
            Objects.requireNonNull(direction, "direction");
            forAtLeast = forAtLeast == null ? Duration.ZERO : forAtLeast;
            if (!Double.isFinite(limit)) {
                throw new IllegalArgumentException("the limit must be a number");
            }
            if (!Double.isFinite(hysteresis) || hysteresis < 0) {
                throw new IllegalArgumentException("the hysteresis must be zero or more");
            }
            requireNotNegative(forAtLeast);
        }

        @Override
        public String describe() {
            return series + " " + direction.label() + " " + RuleText.number(limit)
                    + (forAtLeast.isZero() ? "" : " for " + RuleText.duration(forAtLeast));
        }
    }

    /**
     * An attribute changing to {@code to} (from {@code from}, when given; any other value when null), and staying
     * so for at least {@code forAtLeast} ("the front door stayed open for 10 minutes"). Clears when it changes away.
     */
    record StateChange(SeriesPath series, String to, String from, Duration forAtLeast) implements Trigger {
        public StateChange {
            Objects.requireNonNull(series, "series");
            Objects.requireNonNull(to, "to");
            to = to.strip();
            from = from == null || from.isBlank() ? null : from.strip();
            forAtLeast = forAtLeast == null ? Duration.ZERO : forAtLeast;
            if (to.isEmpty()) {
                throw new IllegalArgumentException("a state change needs the state it changes to");
            }
            requireNotNegative(forAtLeast);
        }

        @Override
        public String describe() {
            return series + " becomes " + to + (from == null ? "" : " (from " + from + ")")
                    + (forAtLeast.isZero() ? "" : " for " + RuleText.duration(forAtLeast));
        }
    }

    /** A device (or, when {@code device} is null, any device of the rule's house) offline for longer than {@code after}. */
    record DeviceOffline(DeviceAddress device, Duration after) implements Trigger {
        public DeviceOffline {
            Objects.requireNonNull(after, "after");
            requireNotNegative(after);
        }

        @Override
        public String describe() {
            return (device == null ? "any device" : device.toString()) + " offline for " + RuleText.duration(after);
        }
    }

    /** A Unix cron expression (minute hour day-of-month month day-of-week), in the house's time zone. */
    record Schedule(String cron) implements Trigger {
        public Schedule {
            Objects.requireNonNull(cron, "cron");
            cron = cron.strip();
            Schedules.parse(cron); // throws with a one-line reason
        }

        @Override
        public String describe() {
            return "schedule " + cron;
        }
    }

    /**
     * Something about the house as a whole: its hub offline, or bad payloads above {@code ratePerMinute}, for at
     * least {@code forAtLeast}.
     */
    record HouseEvent(HouseSignal.Kind kind, double ratePerMinute, Duration forAtLeast) implements Trigger {
        public HouseEvent {
            Objects.requireNonNull(kind, "kind");
            forAtLeast = forAtLeast == null ? Duration.ZERO : forAtLeast;
            if (!Double.isFinite(ratePerMinute) || ratePerMinute < 0) {
                throw new IllegalArgumentException("the rate must be zero or more");
            }
            requireNotNegative(forAtLeast);
        }

        @Override
        public String describe() {
            String what = kind == HouseSignal.Kind.HUB_OFFLINE ? "hub offline"
                    : "bad payloads above " + RuleText.number(ratePerMinute) + "/min";
            return what + (forAtLeast.isZero() ? "" : " for " + RuleText.duration(forAtLeast));
        }
    }

    private static void requireNotNegative(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a duration must not be negative");
        }
    }
}
