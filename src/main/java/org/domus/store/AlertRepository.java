package org.domus.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.domus.model.Alert;
import org.domus.model.AlertState;
import org.domus.model.Severity;

/**
 * Alerts. At most one active (raised or acknowledged) alert per key, enforced by the schema. Reads run on the
 * calling thread; writes on the writer thread, waiting for their commit. Thread-safe.
 */
public final class AlertRepository {

    private static final String COLUMNS = "SELECT id, alert_key, rule_id, house, subject, severity, state, message,"
            + " trace_id, raised_at, acknowledged_at, cleared_at FROM alert";

    private final ReadPool reads;
    private final TelemetryWriter writer;

    AlertRepository(ReadPool reads, TelemetryWriter writer) {
        this.reads = reads;
        this.writer = writer;
    }

    /** Writes the alert, raised; empty when an alert with its key is still active (nothing is written then). */
    public Optional<Alert> raise(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        long id = writer.call(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT OR IGNORE INTO alert (alert_key, rule_id,"
                    + " house, subject, severity, state, message, trace_id, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, alert.key());
                SqlSupport.setNullableLong(insert, 2, alert.ruleId());
                insert.setString(3, alert.house());
                insert.setString(4, alert.subject());
                insert.setString(5, alert.severity().label());
                insert.setString(6, AlertState.RAISED.label());
                insert.setString(7, alert.message());
                insert.setString(8, alert.traceId());
                insert.setLong(9, SqlSupport.micros(alert.raisedAt()));
                return insert.executeUpdate() == 1 ? SqlSupport.lastInsertId(c) : 0L;
            }
        });
        if (id == 0) {
            return Optional.empty();
        }
        return Optional.of(new Alert(id, alert.key(), alert.ruleId(), alert.house(), alert.subject(), alert.severity(),
                AlertState.RAISED, alert.message(), alert.traceId(), alert.raisedAt(), null, null));
    }

    /** Marks a raised alert acknowledged; empty when it is not raised (already acknowledged, or cleared). */
    public Optional<Alert> acknowledge(long id, Instant at) {
        return transition(id, "state = 'acknowledged', acknowledged_at = ?", "state = 'raised'", at);
    }

    /** Clears an active alert by hand; empty when it is not active. */
    public Optional<Alert> clear(long id, Instant at) {
        return transition(id, "state = 'cleared', cleared_at = ?", "state <> 'cleared'", at);
    }

    /** Clears the active alert of {@code key}, if there is one (its condition is over). */
    public Optional<Alert> clearKey(String key, Instant at) {
        Objects.requireNonNull(key, "key");
        Optional<Alert> active = activeByKey(key);
        return active.isEmpty() ? active : clear(active.get().id(), at);
    }

    public Optional<Alert> activeByKey(String key) {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS + " WHERE alert_key = ? AND state <> 'cleared'")) {
                query.setString(1, key);
                return first(alerts(query));
            }
        });
    }

    public Optional<Alert> find(long id) {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS + " WHERE id = ?")) {
                query.setLong(1, id);
                return first(alerts(query));
            }
        });
    }

    /** Raised and acknowledged alerts, newest first. */
    public List<Alert> active() {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    COLUMNS + " WHERE state <> 'cleared' ORDER BY raised_at DESC, id DESC")) {
                return alerts(query);
            }
        });
    }

    /** The newest {@code limit} alerts of any state, newest first. */
    public List<Alert> recent(int limit) {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS + " ORDER BY raised_at DESC, id DESC LIMIT ?")) {
                query.setInt(1, limit);
                return alerts(query);
            }
        });
    }

    private Optional<Alert> transition(long id, String set, String when, Instant at) {
        Objects.requireNonNull(at, "at");
        boolean changed = writer.call(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE alert SET " + set + " WHERE id = ? AND " + when)) {
                update.setLong(1, SqlSupport.micros(at));
                update.setLong(2, id);
                return update.executeUpdate() == 1;
            }
        });
        return changed ? find(id) : Optional.empty();
    }

    private static Optional<Alert> first(List<Alert> alerts) {
        return alerts.isEmpty() ? Optional.empty() : Optional.of(alerts.getFirst());
    }

    private static List<Alert> alerts(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            List<Alert> alerts = new ArrayList<>();
            while (rows.next()) {
                alerts.add(new Alert(rows.getLong(1), rows.getString(2), SqlSupport.getNullableLong(rows, 3),
                        rows.getString(4), rows.getString(5), Severity.parse(rows.getString(6)),
                        AlertState.parse(rows.getString(7)), rows.getString(8), rows.getString(9),
                        SqlSupport.instant(rows.getLong(10)), SqlSupport.getNullableInstant(rows, 11),
                        SqlSupport.getNullableInstant(rows, 12)));
            }
            return alerts;
        }
    }
}
