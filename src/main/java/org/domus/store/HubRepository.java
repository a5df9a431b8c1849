package org.domus.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.domus.model.Hub;

/**
 * Houses' hubs and their bridges' MQTT logins. Reads run on the calling thread; writes run on the writer thread
 * and the call waits for their commit. Thread-safe.
 */
public final class HubRepository {

    private static final String COLUMNS = "SELECT house.slug, hub.hostname, hub.username, hub.created_at,"
            + " hub.updated_at FROM hub JOIN house ON house.id = hub.house_id";

    private final ReadPool reads;
    private final TelemetryWriter writer;

    HubRepository(ReadPool reads, TelemetryWriter writer) {
        this.reads = reads;
        this.writer = writer;
    }

    /**
     * Saves the hub and its bridge's login in one transaction: a hub never exists without its credential. A hub
     * already saved for the house is replaced (its creation time kept), and its old login removed if renamed.
     *
     * @return the hub as stored
     * @throws StoreException when the house does not exist
     */
    public Hub save(Hub hub, MqttCredential credential) {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(credential, "credential");
        if (!hub.username().equals(credential.username()) || !hub.house().equals(credential.house())) {
            throw new IllegalArgumentException("the credential is not the hub's");
        }
        return writer.call(c -> {
            long houseId = houseId(c, hub.house());
            Optional<Hub> previous = find(c, hub.house());
            if (previous.isPresent() && !previous.get().username().equals(hub.username())) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM mqtt_credential WHERE username = ?")) {
                    delete.setString(1, previous.get().username());
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO mqtt_credential (username, house, password_hash, role) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (username) DO UPDATE SET house = excluded.house,"
                            + " password_hash = excluded.password_hash, role = excluded.role")) {
                upsert.setString(1, credential.username());
                upsert.setString(2, credential.house());
                upsert.setString(3, credential.passwordHash());
                upsert.setString(4, credential.role());
                upsert.executeUpdate();
            }
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO hub (house_id, hostname, username, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
                            + " ON CONFLICT (house_id) DO UPDATE SET hostname = excluded.hostname,"
                            + " username = excluded.username, updated_at = excluded.updated_at")) {
                upsert.setLong(1, houseId);
                upsert.setString(2, hub.hostname());
                upsert.setString(3, hub.username());
                upsert.setLong(4, SqlSupport.micros(hub.createdAt()));
                upsert.setLong(5, SqlSupport.micros(hub.updatedAt()));
                upsert.executeUpdate();
            }
            return find(c, hub.house()).orElseThrow();
        });
    }

    public Optional<Hub> find(String house) {
        Objects.requireNonNull(house, "house");
        return reads.read(c -> find(c, house));
    }

    /** Every hub, by house slug. */
    public List<Hub> list() {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS + " ORDER BY house.slug");
                 ResultSet rows = query.executeQuery()) {
                List<Hub> hubs = new ArrayList<>();
                while (rows.next()) {
                    hubs.add(hub(rows));
                }
                return hubs;
            }
        });
    }

    /** Removes the house's hub and its bridge's login; false if the house had none. */
    public boolean delete(String house) {
        Objects.requireNonNull(house, "house");
        return writer.call(c -> {
            Optional<Hub> hub = find(c, house);
            if (hub.isEmpty()) {
                return false;
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM mqtt_credential WHERE username = ?")) {
                delete.setString(1, hub.get().username());
                delete.executeUpdate();
            }
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM hub WHERE house_id = (SELECT id FROM house WHERE slug = ?)")) {
                delete.setString(1, house);
                delete.executeUpdate();
            }
            return true;
        });
    }

    private static Optional<Hub> find(Connection c, String house) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(COLUMNS + " WHERE house.slug = ?")) {
            query.setString(1, house);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(hub(rows)) : Optional.empty();
            }
        }
    }

    private static long houseId(Connection c, String house) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT id FROM house WHERE slug = ?")) {
            query.setString(1, house);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new StoreException("there is no house " + house);
                }
                return rows.getLong(1);
            }
        }
    }

    private static Hub hub(ResultSet rows) throws SQLException {
        return new Hub(rows.getString(1), rows.getString(2), rows.getString(3),
                SqlSupport.instant(rows.getLong(4)), SqlSupport.instant(rows.getLong(5)));
    }
}
