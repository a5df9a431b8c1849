package org.domus.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers shared by the store's classes: time and number encodings, SQLite error descriptions. */
final class SqlSupport {

    /** A unit of work against a connection that may throw {@link SQLException}. */
    @FunctionalInterface
    interface SqlFunction<T> {
        T apply(Connection connection) throws SQLException;
    }

    private static final Pattern CODE = Pattern.compile("^\\[(SQLITE_[A-Z_]+)]");
    private static final Pattern DETAIL = Pattern.compile("\\(([^()]*)\\)\\s*$");

    private SqlSupport() {
    }

    /** Epoch microseconds, clamped to the range a {@code long} holds. */
    static long micros(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds > Long.MAX_VALUE / 1_000_000 - 1) {
            return Long.MAX_VALUE;
        }
        if (seconds < Long.MIN_VALUE / 1_000_000 + 1) {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000 + instant.getNano() / 1_000;
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }

    /** A number as exports print it: shortest exact form, no exponent, no trailing ".0". */
    static String formatNumber(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The rowid the connection's last INSERT gave. */
    static long lastInsertId(Connection connection) throws SQLException {
        try (PreparedStatement id = connection.prepareStatement("SELECT last_insert_rowid()");
             ResultSet rows = id.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Binds an instant as epoch microseconds, or NULL. */
    static void setNullableInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, micros(value));
        }
    }

    static Instant getNullableInstant(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : instant(value);
    }

    static void setNullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, value);
        }
    }

    static void setNullableDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.REAL);
        } else {
            statement.setDouble(index, value);
        }
    }

    static Long getNullableLong(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    static Double getNullableDouble(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }

    /** The SQLite result code name ({@code SQLITE_FULL}) of an exception, or null. */
    static String errorCode(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException && t.getMessage() != null) {
                Matcher m = CODE.matcher(t.getMessage());
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    /** One line describing why a database operation failed, e.g. {@code database or disk is full (SQLITE_FULL)}. */
    static String describe(Throwable error) {
        String code = errorCode(error);
        String message = error.getMessage();
        for (Throwable t = error; (message == null || message.isBlank()) && t.getCause() != null; t = t.getCause()) {
            message = t.getCause().getMessage();
        }
        if (message == null || message.isBlank()) {
            message = error.getClass().getSimpleName();
        }
        message = message.replaceAll("\\s+", " ").strip();
        if (code != null) {
            Matcher detail = DETAIL.matcher(message);
            String text = detail.find() ? detail.group(1).strip() : message.replace("[" + code + "]", "").strip();
            return text + " (" + code + ")";
        }
        return message;
    }
}
