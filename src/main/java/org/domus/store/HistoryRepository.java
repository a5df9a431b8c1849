package org.domus.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.domus.model.SeriesPath;

/**
 * Reads history: downsampled points for charts, from raw telemetry or the per-minute / per-hour rollups
 * depending on the range; and every raw reading, streamed, for exports. Runs on the calling thread, on a read
 * connection, and never blocks the writer. Thread-safe.
 */
public final class HistoryRepository {

    /** Ranges up to this are read raw (unless the series is very dense). */
    static final Duration RAW_RANGE = Duration.ofHours(2);
    /** Ranges up to this are read from per-minute rollups; longer ones from per-hour rollups. */
    static final Duration MINUTE_RANGE = Duration.ofDays(4);
    private static final long DENSE_RAW = 500_000;

    private final ReadPool reads;

    HistoryRepository(ReadPool reads) {
        this.reads = reads;
    }

    /**
     * The numeric values of a series between {@code from} and {@code to} (both inclusive), at most
     * {@code maxPoints} of them. Reads raw readings when the range is short (up to 2 h) or the series sparse,
     * per-minute rollups up to 4 days, per-hour rollups beyond; a rollup bucket gives its minimum and maximum.
     * Then keeps each stretch's minimum and maximum ({@link Downsampler#minMax}). An unknown series is empty.
     */
    public HistorySeries query(SeriesPath series, Instant from, Instant to, int maxPoints) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be at least 1");
        }
        return reads.read(c -> {
            Long id = seriesId(c, series);
            if (id == null || from.isAfter(to)) {
                return new HistorySeries(series, Resolution.RAW, List.of());
            }
            long fromUs = SqlSupport.micros(from);
            long toUs = SqlSupport.micros(to);
            Resolution resolution = choose(c, id, from, to, maxPoints);
            List<HistoryPoint> points = switch (resolution) {
                case RAW -> raw(c, id, fromUs, toUs);
                case MINUTE -> rollups(c, "rollup_minute", 60, id, fromUs, toUs);
                case HOUR -> rollups(c, "rollup_hour", 3600, id, fromUs, toUs);
            };
            return new HistorySeries(series, resolution, Downsampler.minMax(points, maxPoints));
        });
    }

    /**
     * Every raw reading of the series, oldest first, from {@code from} to {@code to} (inclusive; null for no
     * bound), given to {@code sink} one at a time through a forward-only cursor: the range is never held in
     * memory. The value is the device's text for non-numeric attributes and the number for numeric ones.
     *
     * @throws UncheckedIOException when the sink throws
     */
    public void streamReadings(SeriesPath series, Instant from, Instant to, ReadingSink sink) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(sink, "sink");
        long fromUs = from == null ? Long.MIN_VALUE : SqlSupport.micros(from);
        long toUs = to == null ? Long.MAX_VALUE : SqlSupport.micros(to);
        reads.read(c -> {
            Long id = seriesId(c, series);
            if (id == null) {
                return null;
            }
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT ts, num, txt FROM telemetry WHERE series = ? AND ts BETWEEN ? AND ? ORDER BY ts")) {
                query.setLong(1, id);
                query.setLong(2, fromUs);
                query.setLong(3, toUs);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        long ts = rows.getLong(1);
                        double number = rows.getDouble(2);
                        boolean hasNumber = !rows.wasNull();
                        String text = rows.getString(3);
                        String value = text != null ? text : hasNumber ? SqlSupport.formatNumber(number) : "";
                        sink.accept(SqlSupport.instant(ts), value);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    /** Receives one raw reading at a time: its timestamp and its value as exported. */
    @FunctionalInterface
    public interface ReadingSink {
        void accept(Instant ts, String value) throws IOException;
    }

    // ------------------------------------------------------------------ internals

    private static Resolution choose(Connection c, long id, Instant from, Instant to, int maxPoints)
            throws SQLException {
        Duration range = Duration.between(from, to);
        boolean minuteRange = range.compareTo(MINUTE_RANGE) <= 0;
        long estimate = rawCount(c, minuteRange ? "rollup_minute" : "rollup_hour", minuteRange ? 60 : 3600, id,
                SqlSupport.micros(from), SqlSupport.micros(to));
        if (range.compareTo(RAW_RANGE) <= 0 && estimate <= DENSE_RAW) {
            return Resolution.RAW;
        }
        if (estimate <= 4L * maxPoints) {
            return Resolution.RAW;
        }
        return minuteRange ? Resolution.MINUTE : Resolution.HOUR;
    }

    /** How many numeric readings the rollups say the range holds (whole buckets, so a slight overestimate). */
    private static long rawCount(Connection c, String table, long width, long id, long fromUs, long toUs)
            throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT coalesce(sum(count), 0) FROM " + table + " WHERE series = ? AND bucket BETWEEN ? AND ?")) {
            query.setLong(1, id);
            query.setLong(2, bucketStart(fromUs, width));
            query.setLong(3, bucketStart(toUs, width));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static List<HistoryPoint> raw(Connection c, long id, long fromUs, long toUs) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT ts, num FROM telemetry"
                + " WHERE series = ? AND ts BETWEEN ? AND ? AND num IS NOT NULL ORDER BY ts")) {
            query.setLong(1, id);
            query.setLong(2, fromUs);
            query.setLong(3, toUs);
            try (ResultSet rows = query.executeQuery()) {
                List<HistoryPoint> points = new ArrayList<>();
                while (rows.next()) {
                    points.add(new HistoryPoint(SqlSupport.instant(rows.getLong(1)), rows.getDouble(2)));
                }
                return points;
            }
        }
    }

    /** A bucket's minimum at its start and, when different, its maximum at its middle. */
    private static List<HistoryPoint> rollups(Connection c, String table, long width, long id, long fromUs, long toUs)
            throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT bucket, min_value, max_value FROM " + table
                + " WHERE series = ? AND bucket BETWEEN ? AND ? ORDER BY bucket")) {
            query.setLong(1, id);
            query.setLong(2, bucketStart(fromUs, width));
            query.setLong(3, bucketStart(toUs, width));
            try (ResultSet rows = query.executeQuery()) {
                List<HistoryPoint> points = new ArrayList<>();
                while (rows.next()) {
                    Instant start = Instant.ofEpochSecond(rows.getLong(1));
                    double min = rows.getDouble(2);
                    double max = rows.getDouble(3);
                    points.add(new HistoryPoint(start, min));
                    if (max != min) {
                        points.add(new HistoryPoint(start.plusSeconds(width / 2), max));
                    }
                }
                return points;
            }
        }
    }

    private static long bucketStart(long micros, long widthSeconds) {
        return Math.floorDiv(micros, widthSeconds * 1_000_000) * widthSeconds;
    }

    private static Long seriesId(Connection c, SeriesPath series) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT a.id FROM attribute a"
                + " JOIN device d ON d.id = a.device_id JOIN house h ON h.id = d.house_id"
                + " WHERE h.slug = ? AND d.topic_room = ? AND d.slug = ? AND a.name = ?")) {
            query.setString(1, series.house());
            query.setString(2, series.room());
            query.setString(3, series.device());
            query.setString(4, series.attribute());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : null;
            }
        }
    }
}
