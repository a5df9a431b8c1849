package org.domus.command;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Command policies per device kind ({@code light}, {@code thermostat}, {@code blinds}, …), with a fallback for
 * every other kind. Slow devices (covers that travel, thermostats that wake up now and then) get more time.
 */
public record CommandPolicies(CommandPolicy fallback, Map<String, CommandPolicy> byKind) {

    /** Domus's defaults: five seconds and one retry, longer for what moves or sleeps. */
    public static final CommandPolicies DEFAULTS = new CommandPolicies(CommandPolicy.DEFAULT, Map.of(
            "blinds", new CommandPolicy(Duration.ofSeconds(60), 1, Duration.ofSeconds(1)),
            "cover", new CommandPolicy(Duration.ofSeconds(60), 1, Duration.ofSeconds(1)),
            "thermostat", new CommandPolicy(Duration.ofSeconds(15), 2, Duration.ofSeconds(1))));

    public CommandPolicies {
        Objects.requireNonNull(fallback, "fallback");
        byKind = Map.copyOf(byKind);
    }

    public CommandPolicy forKind(String kind) {
        return byKind.getOrDefault(kind, fallback);
    }
}
