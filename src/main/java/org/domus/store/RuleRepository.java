package org.domus.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The rules. Reads run on the calling thread; writes on the writer thread, waiting for their commit. Thread-safe. */
public final class RuleRepository {

    private static final String COLUMNS = "SELECT id, name, house, enabled, definition, updated_at FROM rule";

    private final ReadPool reads;
    private final TelemetryWriter writer;

    RuleRepository(ReadPool reads, TelemetryWriter writer) {
        this.reads = reads;
        this.writer = writer;
    }

    /** Inserts a rule with id 0, or replaces the one with its id; returns it with its id. */
    public StoredRule save(StoredRule rule) {
        Objects.requireNonNull(rule, "rule");
        long id = writer.call(c -> {
            if (rule.id() == 0) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO rule (name, house, enabled, definition, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                    bind(insert, rule);
                    insert.executeUpdate();
                    return SqlSupport.lastInsertId(c);
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE rule SET name = ?, house = ?, enabled = ?,"
                    + " definition = ?, updated_at = ? WHERE id = ?")) {
                bind(update, rule);
                update.setLong(6, rule.id());
                if (update.executeUpdate() != 1) {
                    throw new StoreException("There is no rule " + rule.id() + ".");
                }
                return rule.id();
            }
        });
        return new StoredRule(id, rule.name(), rule.house(), rule.enabled(), rule.definition(), rule.updatedAt());
    }

    public boolean delete(long id) {
        return writer.call(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM rule WHERE id = ?")) {
                delete.setLong(1, id);
                return delete.executeUpdate() == 1;
            }
        });
    }

    public Optional<StoredRule> find(long id) {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS + " WHERE id = ?")) {
                query.setLong(1, id);
                List<StoredRule> found = rules(query);
                return found.isEmpty() ? Optional.<StoredRule>empty() : Optional.of(found.getFirst());
            }
        });
    }

    /** Every rule, by name. */
    public List<StoredRule> list() {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS + " ORDER BY name, id")) {
                return rules(query);
            }
        });
    }

    private static void bind(PreparedStatement statement, StoredRule rule) throws SQLException {
        statement.setString(1, rule.name());
        statement.setString(2, rule.house());
        statement.setInt(3, rule.enabled() ? 1 : 0);
        statement.setString(4, rule.definition());
        statement.setLong(5, SqlSupport.micros(rule.updatedAt()));
    }

    private static List<StoredRule> rules(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            List<StoredRule> rules = new ArrayList<>();
            while (rows.next()) {
                rules.add(new StoredRule(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getInt(4) != 0,
                        rows.getString(5), SqlSupport.instant(rows.getLong(6))));
            }
            return rules;
        }
    }
}
