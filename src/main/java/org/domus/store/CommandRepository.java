package org.domus.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.domus.model.AttributeKind;
import org.domus.model.Command;
import org.domus.model.CommandState;
import org.domus.model.SeriesPath;

/**
 * The command outbox. Writes run on the writer thread and return at once with a future that completes after the
 * commit; reads run on the calling thread. Thread-safe.
 */
public final class CommandRepository {

    private static final String COLUMNS = "SELECT id, trace_id, series, value, kind, state, source, created_at,"
            + " updated_at, expires_at, deadline_at, attempts, reason FROM command";

    private final ReadPool reads;
    private final TelemetryWriter writer;

    CommandRepository(ReadPool reads, TelemetryWriter writer) {
        this.reads = reads;
        this.writer = writer;
    }

    /** Writes a new command; the future completes with it, carrying its new id. */
    public CompletableFuture<Command> insert(Command command) {
        Objects.requireNonNull(command, "command");
        return writer.execute(c -> {
            try {
                PreparedStatement insert = writer.prepared(c, "INSERT INTO command (trace_id, house, series, value,"
                        + " kind, state, source, created_at, updated_at, expires_at, deadline_at, attempts, reason)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                insert.setString(1, command.traceId());
                insert.setString(2, command.series().house());
                insert.setString(3, command.series().toString());
                insert.setString(4, command.value());
                insert.setString(5, command.kind().name());
                insert.setString(6, command.state().label());
                insert.setString(7, command.source());
                insert.setLong(8, SqlSupport.micros(command.createdAt()));
                insert.setLong(9, SqlSupport.micros(command.updatedAt()));
                setTime(insert, 10, command.expiresAt());
                setTime(insert, 11, command.deadlineAt());
                insert.setInt(12, command.attempts());
                insert.setString(13, command.reason());
                insert.executeUpdate();
                return command.withId(lastId(c, writer));
            } catch (SQLException e) {
                throw new StoreException("Writing a command failed: " + SqlSupport.describe(e) + ".", e);
            }
        });
    }

    /** Records the command's new state (found by its trace id). */
    public CompletableFuture<Void> update(Command command) {
        Objects.requireNonNull(command, "command");
        return writer.execute(c -> {
            try {
                PreparedStatement update = writer.prepared(c, "UPDATE command SET state = ?, updated_at = ?,"
                        + " expires_at = ?, deadline_at = ?, attempts = ?, reason = ? WHERE trace_id = ?");
                update.setString(1, command.state().label());
                update.setLong(2, SqlSupport.micros(command.updatedAt()));
                setTime(update, 3, command.expiresAt());
                setTime(update, 4, command.deadlineAt());
                update.setInt(5, command.attempts());
                update.setString(6, command.reason());
                update.setString(7, command.traceId());
                update.executeUpdate();
                return null;
            } catch (SQLException e) {
                throw new StoreException("Updating a command failed: " + SqlSupport.describe(e) + ".", e);
            }
        });
    }

    /**
     * Marks a command that no console picked up as failed, if it is still only requested.
     *
     * @return whether it was still requested (and is now failed); waits for the commit
     */
    public boolean withdraw(String traceId, String reason) {
        Objects.requireNonNull(traceId, "traceId");
        return writer.call(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE command SET state = 'failed', reason = ?,"
                    + " updated_at = ? WHERE trace_id = ? AND state = 'requested'")) {
                update.setString(1, reason);
                update.setLong(2, SqlSupport.micros(Instant.now()));
                update.setString(3, traceId);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Commands still queued or pending, oldest first: what a restarted console resumes. */
    public List<Command> open() {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    COLUMNS + " WHERE state IN ('queued', 'pending') ORDER BY created_at, id")) {
                return commands(query);
            }
        });
    }

    /** Commands other processes asked the console to send ({@code domus send}), oldest first. */
    public List<Command> requested() {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    COLUMNS + " WHERE state = 'requested' ORDER BY created_at, id")) {
                return commands(query);
            }
        });
    }

    public Optional<Command> byTrace(String traceId) {
        Objects.requireNonNull(traceId, "traceId");
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS + " WHERE trace_id = ?")) {
                query.setString(1, traceId);
                List<Command> found = commands(query);
                return found.isEmpty() ? Optional.<Command>empty() : Optional.of(found.getFirst());
            }
        });
    }

    /** The newest {@code limit} commands of one house, newest first. */
    public List<Command> recent(String house, int limit) {
        Objects.requireNonNull(house, "house");
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    COLUMNS + " WHERE house = ? ORDER BY created_at DESC, id DESC LIMIT ?")) {
                query.setString(1, house);
                query.setInt(2, limit);
                return commands(query);
            }
        });
    }

    /** The text of the newest stored reading of {@code series} (a device's status, say), if any. */
    public Optional<String> latestText(SeriesPath series) {
        Objects.requireNonNull(series, "series");
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT t.txt FROM telemetry t"
                    + " JOIN attribute a ON a.id = t.series JOIN device d ON d.id = a.device_id"
                    + " JOIN house h ON h.id = d.house_id"
                    + " WHERE h.slug = ? AND d.topic_room = ? AND d.slug = ? AND a.name = ?"
                    + " ORDER BY t.ts DESC LIMIT 1")) {
                query.setString(1, series.house());
                query.setString(2, series.room());
                query.setString(3, series.device());
                query.setString(4, series.attribute());
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    private static List<Command> commands(PreparedStatement query) throws SQLException {
        List<Command> commands = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                commands.add(new Command(rows.getLong(1), rows.getString(2), SeriesPath.parse(rows.getString(3)),
                        rows.getString(4), AttributeKind.valueOf(rows.getString(5)),
                        CommandState.ofLabel(rows.getString(6)), rows.getString(7),
                        SqlSupport.instant(rows.getLong(8)), SqlSupport.instant(rows.getLong(9)),
                        time(rows, 10), time(rows, 11), rows.getInt(12), rows.getString(13)));
            }
        }
        return commands;
    }

    private static Instant time(ResultSet rows, int column) throws SQLException {
        Long micros = SqlSupport.getNullableLong(rows, column);
        return micros == null ? null : SqlSupport.instant(micros);
    }

    private static void setTime(PreparedStatement statement, int index, Instant time) throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, SqlSupport.micros(time));
        }
    }

    static long lastId(Connection c, TelemetryWriter writer) throws SQLException {
        try (ResultSet rows = writer.prepared(c, "SELECT last_insert_rowid()").executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
