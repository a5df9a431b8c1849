package org.domus.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A rule as the store keeps it: its name, house, whether it runs, and its definition (trigger, conditions and
 * actions) as JSON, which the rules package reads and writes.
 */
public record StoredRule(long id, String name, String house, boolean enabled, String definition, Instant updatedAt) {
    public StoredRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(house, "house");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
