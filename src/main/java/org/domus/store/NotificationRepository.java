package org.domus.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.domus.model.Notification;
import org.domus.model.NotificationChannel;
import org.domus.model.NotificationState;
import org.domus.model.Recipient;

/**
 * The notification outbox and its recipients. A notification is written before anything tries to deliver it, so
 * a restart loses nothing. Reads run on the calling thread; writes on the writer thread, waiting. Thread-safe.
 */
public final class NotificationRepository {

    private static final String COLUMNS = "SELECT id, created_at, event_type, house, subject, body, trace_id,"
            + " channel, recipient_id, address, state, attempts, next_attempt_at, last_error, sent_at, read_at"
            + " FROM notification";
    private static final String RECIPIENT_COLUMNS = "SELECT id, name, email, webhook, channels, enabled FROM recipient";

    private final ReadPool reads;
    private final TelemetryWriter writer;

    NotificationRepository(ReadPool reads, TelemetryWriter writer) {
        this.reads = reads;
        this.writer = writer;
    }

    /** Writes the notifications in one transaction; returns them with their ids. */
    public List<Notification> enqueue(List<Notification> notifications) {
        List<Notification> batch = List.copyOf(notifications);
        List<Long> ids = writer.call(c -> {
            List<Long> written = new ArrayList<>();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO notification (created_at, event_type,"
                    + " house, subject, body, trace_id, channel, recipient_id, address, state, attempts,"
                    + " next_attempt_at, last_error, sent_at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Notification n : batch) {
                    insert.setLong(1, SqlSupport.micros(n.createdAt()));
                    insert.setString(2, n.eventType());
                    insert.setString(3, n.house());
                    insert.setString(4, n.subject());
                    insert.setString(5, n.body());
                    insert.setString(6, n.traceId());
                    insert.setString(7, n.channel().label());
                    SqlSupport.setNullableLong(insert, 8, n.recipientId());
                    insert.setString(9, n.address());
                    insert.setString(10, n.state().label());
                    insert.setInt(11, n.attempts());
                    SqlSupport.setNullableInstant(insert, 12, n.nextAttemptAt());
                    insert.setString(13, n.lastError());
                    SqlSupport.setNullableInstant(insert, 14, n.sentAt());
                    SqlSupport.setNullableInstant(insert, 15, n.readAt());
                    insert.executeUpdate();
                    written.add(SqlSupport.lastInsertId(c));
                }
            }
            return written;
        });
        List<Notification> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Notification n = batch.get(i);
            out.add(new Notification(ids.get(i), n.createdAt(), n.eventType(), n.house(), n.subject(), n.body(),
                    n.traceId(), n.channel(), n.recipientId(), n.address(), n.state(), n.attempts(),
                    n.nextAttemptAt(), n.lastError(), n.sentAt(), n.readAt()));
        }
        return out;
    }

    /** Pending notifications due by {@code now} on the given channels, oldest first. */
    public List<Notification> due(Instant now, Set<NotificationChannel> channels, int limit) {
        String in = channels.stream().map(ch -> "'" + ch.label() + "'").collect(Collectors.joining(", "));
        if (in.isEmpty()) {
            return List.of();
        }
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS + " WHERE state = 'pending'"
                    + " AND next_attempt_at <= ? AND channel IN (" + in + ") ORDER BY next_attempt_at, id LIMIT ?")) {
                query.setLong(1, SqlSupport.micros(now));
                query.setInt(2, limit);
                return notifications(query);
            }
        });
    }

    /** When the next pending notification is due, if any. */
    public java.util.Optional<Instant> nextDue() {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT min(next_attempt_at) FROM notification WHERE state = 'pending'");
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                return java.util.Optional.ofNullable(SqlSupport.getNullableInstant(rows, 1));
            }
        });
    }

    /** Records a delivery: sent ({@code next} null), to try again at {@code next}, or failed for good. */
    public void recordAttempt(long id, NotificationState state, int attempts, Instant next, String error, Instant sentAt) {
        writer.call(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE notification SET state = ?, attempts = ?,"
                    + " next_attempt_at = ?, last_error = ?, sent_at = ? WHERE id = ?")) {
                update.setString(1, state.label());
                update.setInt(2, attempts);
                SqlSupport.setNullableInstant(update, 3, next);
                update.setString(4, error == null ? "" : error);
                SqlSupport.setNullableInstant(update, 5, sentAt);
                update.setLong(6, id);
                return update.executeUpdate();
            }
        });
    }

    /** The newest notifications on one channel (or every channel when null), newest first. */
    public List<Notification> recent(NotificationChannel channel, int limit) {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS
                    + (channel == null ? " WHERE ? IS NULL" : " WHERE channel = ?")
                    + " ORDER BY created_at DESC, id DESC LIMIT ?")) {
                query.setString(1, channel == null ? null : channel.label());
                query.setInt(2, limit);
                return notifications(query);
            }
        });
    }

    /** Desktop notifications not yet read. */
    public int unreadDesktop() {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT count(*) FROM notification WHERE channel = 'desktop' AND read_at IS NULL");
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    /** Marks one desktop notification read, or every one when {@code id} is null. */
    public void markRead(Long id, Instant at) {
        writer.call(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE notification SET read_at = ?"
                    + " WHERE channel = 'desktop' AND read_at IS NULL" + (id == null ? "" : " AND id = ?"))) {
                update.setLong(1, SqlSupport.micros(at));
                if (id != null) {
                    update.setLong(2, id);
                }
                return update.executeUpdate();
            }
        });
    }

    /** Inserts a recipient with id 0, or replaces the one with its id. */
    public Recipient saveRecipient(Recipient recipient) {
        Objects.requireNonNull(recipient, "recipient");
        long id = writer.call(c -> {
            String sql = recipient.id() == 0
                    ? "INSERT INTO recipient (name, email, webhook, channels, enabled) VALUES (?, ?, ?, ?, ?)"
                    : "UPDATE recipient SET name = ?, email = ?, webhook = ?, channels = ?, enabled = ? WHERE id = ?";
            try (PreparedStatement write = c.prepareStatement(sql)) {
                write.setString(1, recipient.name());
                write.setString(2, recipient.email());
                write.setString(3, recipient.webhook());
                write.setString(4, recipient.channels().stream().sorted().map(NotificationChannel::label)
                        .collect(Collectors.joining(",")));
                write.setInt(5, recipient.enabled() ? 1 : 0);
                if (recipient.id() != 0) {
                    write.setLong(6, recipient.id());
                }
                int changed = write.executeUpdate();
                if (recipient.id() == 0) {
                    return SqlSupport.lastInsertId(c);
                }
                if (changed != 1) {
                    throw new StoreException("There is no recipient " + recipient.id() + ".");
                }
                return recipient.id();
            }
        });
        return recipient.withId(id);
    }

    public boolean deleteRecipient(long id) {
        return writer.call(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM recipient WHERE id = ?")) {
                delete.setLong(1, id);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /** Every recipient, by name. */
    public List<Recipient> recipients() {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(RECIPIENT_COLUMNS + " ORDER BY name, id");
                 ResultSet rows = query.executeQuery()) {
                List<Recipient> out = new ArrayList<>();
                while (rows.next()) {
                    Set<NotificationChannel> channels = EnumSet.noneOf(NotificationChannel.class);
                    Arrays.stream(rows.getString(5).split(",")).filter(s -> !s.isBlank())
                            .forEach(s -> channels.add(NotificationChannel.parse(s)));
                    out.add(new Recipient(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            channels, rows.getInt(6) != 0));
                }
                return out;
            }
        });
    }

    private static List<Notification> notifications(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            List<Notification> out = new ArrayList<>();
            while (rows.next()) {
                out.add(new Notification(rows.getLong(1), SqlSupport.instant(rows.getLong(2)), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                        NotificationChannel.parse(rows.getString(8)), SqlSupport.getNullableLong(rows, 9),
                        rows.getString(10), NotificationState.parse(rows.getString(11)), rows.getInt(12),
                        SqlSupport.getNullableInstant(rows, 13), rows.getString(14),
                        SqlSupport.getNullableInstant(rows, 15), SqlSupport.getNullableInstant(rows, 16)));
            }
            return out;
        }
    }
}
