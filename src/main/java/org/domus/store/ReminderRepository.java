package org.domus.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.domus.model.Reminder;

/** Maintenance reminders. Reads run on the calling thread; writes on the writer thread, waiting. Thread-safe. */
public final class ReminderRepository {

    private static final String COLUMNS = "SELECT id, house, device, title, note, every_period, due_at,"
            + " snoozed_until, done_at FROM reminder";

    private final ReadPool reads;
    private final TelemetryWriter writer;

    ReminderRepository(ReadPool reads, TelemetryWriter writer) {
        this.reads = reads;
        this.writer = writer;
    }

    /** Inserts a reminder with id 0, or replaces the one with its id; returns it with its id. */
    public Reminder save(Reminder reminder) {
        Objects.requireNonNull(reminder, "reminder");
        long id = writer.call(c -> {
            String sql = reminder.id() == 0
                    ? "INSERT INTO reminder (house, device, title, note, every_period, due_at, snoozed_until, done_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    : "UPDATE reminder SET house = ?, device = ?, title = ?, note = ?, every_period = ?, due_at = ?,"
                            + " snoozed_until = ?, done_at = ? WHERE id = ?";
            try (PreparedStatement write = c.prepareStatement(sql)) {
                write.setString(1, reminder.house());
                write.setString(2, reminder.device());
                write.setString(3, reminder.title());
                write.setString(4, reminder.note());
                write.setString(5, reminder.every() == null ? null : reminder.every().toString());
                write.setLong(6, SqlSupport.micros(reminder.dueAt()));
                SqlSupport.setNullableInstant(write, 7, reminder.snoozedUntil());
                SqlSupport.setNullableInstant(write, 8, reminder.doneAt());
                if (reminder.id() != 0) {
                    write.setLong(9, reminder.id());
                }
                int changed = write.executeUpdate();
                if (reminder.id() == 0) {
                    return SqlSupport.lastInsertId(c);
                }
                if (changed != 1) {
                    throw new StoreException("There is no reminder " + reminder.id() + ".");
                }
                return reminder.id();
            }
        });
        return new Reminder(id, reminder.house(), reminder.device(), reminder.title(), reminder.note(),
                reminder.every(), reminder.dueAt(), reminder.snoozedUntil(), reminder.doneAt());
    }

    public boolean delete(long id) {
        return writer.call(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM reminder WHERE id = ?")) {
                delete.setLong(1, id);
                return delete.executeUpdate() == 1;
            }
        });
    }

    public Optional<Reminder> find(long id) {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS + " WHERE id = ?")) {
                query.setLong(1, id);
                List<Reminder> found = reminders(query);
                return found.isEmpty() ? Optional.<Reminder>empty() : Optional.of(found.getFirst());
            }
        });
    }

    /** Every reminder not done, soonest first. */
    public List<Reminder> open() {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS
                    + " WHERE done_at IS NULL ORDER BY max(due_at, coalesce(snoozed_until, 0)), id")) {
                return reminders(query);
            }
        });
    }

    /** Reminders due by {@code now} that were not yet told for their current due date. */
    public List<Reminder> dueUntold(Instant now) {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS + " WHERE done_at IS NULL"
                    + " AND max(due_at, coalesce(snoozed_until, 0)) <= ?"
                    + " AND (notified_due IS NULL OR notified_due <> max(due_at, coalesce(snoozed_until, 0)))"
                    + " ORDER BY due_at, id")) {
                query.setLong(1, SqlSupport.micros(now));
                return reminders(query);
            }
        });
    }

    /** Records that the reminder was told for its due date {@code due}. */
    public void markTold(long id, Instant due) {
        writer.call(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE reminder SET notified_due = ? WHERE id = ?")) {
                update.setLong(1, SqlSupport.micros(due));
                update.setLong(2, id);
                return update.executeUpdate();
            }
        });
    }

    private static List<Reminder> reminders(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            List<Reminder> reminders = new ArrayList<>();
            while (rows.next()) {
                String every = rows.getString(6);
                reminders.add(new Reminder(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), every == null ? null : Period.parse(every),
                        SqlSupport.instant(rows.getLong(7)), SqlSupport.getNullableInstant(rows, 8),
                        SqlSupport.getNullableInstant(rows, 9)));
            }
            return reminders;
        }
    }
}
