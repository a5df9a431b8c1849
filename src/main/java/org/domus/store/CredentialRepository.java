package org.domus.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * MQTT logins; only password hashes are stored ({@link PasswordHasher}). Reads run on the calling thread;
 * writes run on the writer thread and the call waits for their commit. Thread-safe.
 */
public final class CredentialRepository {

    private static final String COLUMNS = "SELECT username, house, password_hash, role FROM mqtt_credential";

    private final ReadPool reads;
    private final TelemetryWriter writer;

    CredentialRepository(ReadPool reads, TelemetryWriter writer) {
        this.reads = reads;
        this.writer = writer;
    }

    /** Inserts the credential, or replaces the one with the same username. */
    public void put(MqttCredential credential) {
        Objects.requireNonNull(credential, "credential");
        writer.call(c -> {
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO mqtt_credential (username, house, password_hash, role) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (username) DO UPDATE SET house = excluded.house,"
                            + " password_hash = excluded.password_hash, role = excluded.role")) {
                upsert.setString(1, credential.username());
                upsert.setString(2, credential.house());
                upsert.setString(3, credential.passwordHash());
                upsert.setString(4, credential.role());
                return upsert.executeUpdate();
            }
        });
    }

    public Optional<MqttCredential> find(String username) {
        Objects.requireNonNull(username, "username");
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS + " WHERE username = ?")) {
                query.setString(1, username);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(credential(rows)) : Optional.empty();
                }
            }
        });
    }

    /** Every credential, by username. */
    public List<MqttCredential> list() {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS + " ORDER BY username");
                 ResultSet rows = query.executeQuery()) {
                List<MqttCredential> credentials = new ArrayList<>();
                while (rows.next()) {
                    credentials.add(credential(rows));
                }
                return credentials;
            }
        });
    }

    /** Removes the credential; false if there was none with this username. */
    public boolean delete(String username) {
        Objects.requireNonNull(username, "username");
        return writer.call(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM mqtt_credential WHERE username = ?")) {
                delete.setString(1, username);
                return delete.executeUpdate() > 0;
            }
        });
    }

    private static MqttCredential credential(ResultSet rows) throws SQLException {
        return new MqttCredential(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4));
    }
}
