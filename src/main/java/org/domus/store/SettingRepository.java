package org.domus.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Named settings in the {@code setting} table (the installer PIN's hash, the SMTP server, …). Values may be
 * secrets: never log them. Reads run on the calling thread; writes on the writer thread, waiting for their
 * commit. Thread-safe.
 */
public final class SettingRepository {

    private final ReadPool reads;
    private final TelemetryWriter writer;

    SettingRepository(ReadPool reads, TelemetryWriter writer) {
        this.reads = reads;
        this.writer = writer;
    }

    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT value FROM setting WHERE key = ?")) {
                query.setString(1, key);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Every setting whose key starts with {@code prefix}. */
    public Map<String, String> withPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT key, value FROM setting WHERE substr(key, 1, ?) = ?")) {
                query.setInt(1, prefix.length());
                query.setString(2, prefix);
                Map<String, String> found = new HashMap<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getString(1), rows.getString(2));
                    }
                }
                return found;
            }
        });
    }

    /** Writes every entry in one transaction; a null value removes the key. */
    public void putAll(Map<String, String> values) {
        Map<String, String> copy = new HashMap<>(values);
        writer.call(c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO setting (key, value) VALUES (?, ?)"
                    + " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
                 PreparedStatement delete = c.prepareStatement("DELETE FROM setting WHERE key = ?")) {
                for (Map.Entry<String, String> entry : copy.entrySet()) {
                    if (entry.getValue() == null) {
                        delete.setString(1, entry.getKey());
                        delete.executeUpdate();
                    } else {
                        upsert.setString(1, entry.getKey());
                        upsert.setString(2, entry.getValue());
                        upsert.executeUpdate();
                    }
                }
                return null;
            }
        });
    }

    /** Sets the value, replacing any other. */
    public void put(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        writer.call(c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO setting (key, value) VALUES (?, ?)"
                    + " ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
                upsert.setString(1, key);
                upsert.setString(2, value);
                return upsert.executeUpdate();
            }
        });
    }

    /** Removes the setting; false if there was none. */
    public boolean remove(String key) {
        Objects.requireNonNull(key, "key");
        return writer.call(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM setting WHERE key = ?")) {
                delete.setString(1, key);
                return delete.executeUpdate() > 0;
            }
        });
    }
}
