package org.domus.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.Optional;

/**
 * Named settings in the {@code setting} table (key, text value). Reads run on the calling thread; writes run on
 * the writer thread and the call waits for their commit. Thread-safe.
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
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
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
