package org.domus.sim.definition;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an attribute's value evolves over simulated time: the generic building blocks a device-type file combines
 * (see {@code sample-devices/README.md}). Pure descriptions; {@code org.domus.sim.model} runs them.
 */
public sealed interface Generator {

    /** Names of other attributes this generator reads (so the loader can check they exist). */
    default java.util.List<String> reads() {
        return java.util.List.of();
    }

    /** Holds its value; only a command changes it. The default for writable attributes. */
    record Constant(Object value) implements Generator {
    }

    /** Uniformly random in [min, max] at each step. */
    record Uniform(double min, double max) implements Generator {
        public Uniform {
            if (min > max) {
                throw new IllegalArgumentException("min is above max");
            }
        }
    }

    /**
     * A bounded random walk: a typical change of {@code step} per minute (scaled with the square root of the time
     * elapsed), plus {@code driftPerHour}; {@code min}/{@code max} (null: the attribute's bounds) hold it in.
     */
    record RandomWalk(double step, double driftPerHour, Double min, Double max) implements Generator {
        public RandomWalk {
            if (step < 0) {
                throw new IllegalArgumentException("step is negative");
            }
        }
    }

    /**
     * A daily cycle: {@code mean + amplitude·cos(2π(hour − peakHour)/24)} in the house's time zone, plus normal
     * noise of standard deviation {@code noise}.
     */
    record DailyCurve(double mean, double amplitude, double peakHour, double noise) implements Generator {
    }

    /**
     * First-order approach of another attribute's value (a thermal model): each step moves the value towards its
     * target by {@code 1 − e^(−dt/timeConstant)} of the gap. The target is {@code source}'s value while
     * {@code whenAttribute} equals {@code whenValue} (or always, when {@code whenAttribute} is null), otherwise
     * {@code otherwise} (an ambient value).
     */
    record Follow(String source, Duration timeConstant, String whenAttribute, Object whenValue, double otherwise,
                  double noise) implements Generator {
        public Follow {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(timeConstant, "timeConstant");
        }

        @Override
        public java.util.List<String> reads() {
            return whenAttribute == null ? java.util.List.of(source) : java.util.List.of(source, whenAttribute);
        }
    }

    /** Moves at {@code speedPerSecond} towards a commanded target (a cover's position); arrival confirms the command. */
    record Ramp(double speedPerSecond) implements Generator {
        public Ramp {
            if (speedPerSecond <= 0) {
                throw new IllegalArgumentException("speed must be positive");
            }
        }
    }

    /**
     * Random pulses (motion): an event starts after an exponentially distributed pause of mean
     * {@code meanInterval}, holds {@code active} for {@code hold}, then returns to {@code idle}.
     */
    record Event(Duration meanInterval, Duration hold, Object active, Object idle) implements Generator {
        public Event {
            Objects.requireNonNull(meanInterval, "meanInterval");
            Objects.requireNonNull(hold, "hold");
            Objects.requireNonNull(active, "active");
            Objects.requireNonNull(idle, "idle");
        }
    }

    /** Accumulates another attribute over time: {@code += source × seconds ÷ divisor} (W → kWh: 3,600,000). */
    record Integral(String source, double divisor) implements Generator {
        public Integral {
            Objects.requireNonNull(source, "source");
            if (divisor <= 0) {
                throw new IllegalArgumentException("divisor must be positive");
            }
        }

        @Override
        public java.util.List<String> reads() {
            return java.util.List.of(source);
        }
    }

    /** {@code source × factor + offset} (a dimmable lamp's watts from its brightness). */
    record Linear(String source, double factor, double offset) implements Generator {
        public Linear {
            Objects.requireNonNull(source, "source");
        }

        @Override
        public java.util.List<String> reads() {
            return java.util.List.of(source);
        }
    }

    /**
     * Chooses a generator by another attribute's current value (its text form: {@code ON}, {@code true}, …):
     * watts are 0 while {@code power} is OFF and wander in a band otherwise.
     */
    record Depends(String on, Map<String, Generator> cases, Generator otherwise) implements Generator {
        public Depends {
            Objects.requireNonNull(on, "on");
            cases = Map.copyOf(cases);
            Objects.requireNonNull(otherwise, "otherwise");
        }

        public Generator select(String value) {
            return Optional.ofNullable(cases.get(value)).orElse(otherwise);
        }

        @Override
        public java.util.List<String> reads() {
            java.util.List<String> reads = new java.util.ArrayList<>();
            reads.add(on);
            cases.values().forEach(g -> reads.addAll(g.reads()));
            reads.addAll(otherwise.reads());
            return java.util.List.copyOf(reads);
        }
    }
}
