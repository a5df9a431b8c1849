package org.domus.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.domus.model.Event;

/** The event trail, each event with the trace id of what caused it. Thread-safe. */
public final class EventRepository {

    private static final String COLUMNS = "SELECT id, ts, type, house, subject, trace_id, detail FROM event";

    private final ReadPool reads;
    private final TelemetryWriter writer;
    private volatile java.util.Set<String> ignoredTypes = java.util.Set.of();

    EventRepository(ReadPool reads, TelemetryWriter writer) {
        this.reads = reads;
        this.writer = writer;
    }

    /**
     * Queues the event for the writer and returns at once (the event's id is ignored; a new one is given). The
     * future completes with the new id once committed; it may be ignored.
     */
    public CompletableFuture<Long> append(Event event) {
        Objects.requireNonNull(event, "event");
        if (ignoredTypes.contains(event.type())) {
            return CompletableFuture.completedFuture(0L);
        }
        return writer.execute(c -> {
            try {
                PreparedStatement insert = writer.prepared(c,
                        "INSERT INTO event (ts, type, house, subject, trace_id, detail) VALUES (?, ?, ?, ?, ?, ?)");
                insert.setLong(1, SqlSupport.micros(event.timestamp()));
                insert.setString(2, event.type());
                insert.setString(3, event.house());
                insert.setString(4, event.subject());
                insert.setString(5, event.traceId());
                insert.setString(6, event.detail());
                insert.executeUpdate();
                return CommandRepository.lastId(c, writer);
            } catch (SQLException e) {
                throw new StoreException("Writing an event failed: " + SqlSupport.describe(e) + ".", e);
            }
        });
    }

    /** Event types that are not stored (configured: {@code events.ignore}); an ignored append completes with 0. */
    public void ignoreTypes(java.util.Set<String> types) {
        this.ignoredTypes = java.util.Set.copyOf(types);
    }

    /** The events of one trace, oldest first. */
    public List<Event> byTrace(String traceId) {
        Objects.requireNonNull(traceId, "traceId");
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS + " WHERE trace_id = ? ORDER BY ts, id")) {
                query.setString(1, traceId);
                return events(query);
            }
        });
    }

    /** The newest {@code limit} events, newest first. */
    public List<Event> recent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS + " ORDER BY ts DESC, id DESC LIMIT ?")) {
                query.setInt(1, limit);
                return events(query);
            }
        });
    }

    /**
     * The newest {@code limit} events about {@code subject} or anything under it ({@code house/room/device} also
     * finds its attributes' events, {@code house/room/device/attribute}), newest first.
     */
    public List<Event> aboutSubject(String subject, int limit) {
        Objects.requireNonNull(subject, "subject");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        String prefix = subject.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%";
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS
                    + " WHERE subject = ? OR subject LIKE ? ESCAPE '\\' ORDER BY ts DESC, id DESC LIMIT ?")) {
                query.setString(1, subject);
                query.setString(2, prefix);
                query.setInt(3, limit);
                return events(query);
            }
        });
    }

    private static List<Event> events(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            List<Event> events = new ArrayList<>();
            while (rows.next()) {
                events.add(new Event(rows.getLong(1), SqlSupport.instant(rows.getLong(2)), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7)));
            }
            return events;
        }
    }
}
