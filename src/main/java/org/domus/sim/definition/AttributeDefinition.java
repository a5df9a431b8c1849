package org.domus.sim.definition;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.domus.model.AttributeKind;
import org.domus.model.Slugs;

/**
 * One attribute of a device type: what its values are (kind, unit, bounds, choices, pattern), whether commands
 * may set it, how often it is published, and how it evolves ({@code generator}). {@code initial} is a Double,
 * Boolean or String matching the kind.
 */
public record AttributeDefinition(String name, AttributeKind kind, String unit, boolean writable, Double min,
                                  Double max, List<String> choices, String pattern, int decimals,
                                  Duration publishEvery, Object initial, Generator generator) {

    public AttributeDefinition {
        Slugs.require("attribute", name);
        Objects.requireNonNull(kind, "kind");
        unit = unit == null ? "" : unit;
        choices = choices == null ? List.of() : List.copyOf(choices);
        Objects.requireNonNull(publishEvery, "publishEvery");
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(generator, "generator");
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("min is above max");
        }
        if (kind == AttributeKind.ENUM && choices.isEmpty()) {
            throw new IllegalArgumentException("an enum needs choices");
        }
    }

    public Optional<Double> minimum() {
        return Optional.ofNullable(min);
    }

    public Optional<Double> maximum() {
        return Optional.ofNullable(max);
    }

    public Optional<Pattern> textPattern() {
        return pattern == null ? Optional.empty() : Optional.of(Pattern.compile(pattern));
    }
}
