package org.domus.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the WAL back into the database file on its own thread and connection, so the writer's commits never
 * wait for a checkpoint's fsyncs (they were the tail of a command's round trip). The writer keeps SQLite's
 * automatic checkpoint only as a backstop, at {@link #WRITER_BACKSTOP_PAGES}.
 */
final class Checkpointer implements AutoCloseable {

    /** The writer checkpoints by itself only when the WAL outgrows this many pages (≈ 80 MB at 4 KiB). */
    static final int WRITER_BACKSTOP_PAGES = 20_000;

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    private static final long PERIOD_MILLIS = 500;

    private final Connection connection;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong framesCopied = new AtomicLong();
    private boolean failureLogged;

    private Checkpointer(Connection connection) {
        this.connection = connection;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                runnable -> Thread.ofPlatform().name("domus-store-checkpoint").daemon(true).unstarted(runnable));
    }

    /** Opens its own connection to {@code file} and starts checkpointing every half second. */
    static Checkpointer start(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 0");
        }
        Checkpointer checkpointer = new Checkpointer(connection);
        checkpointer.scheduler.scheduleWithFixedDelay(checkpointer::checkpoint, PERIOD_MILLIS, PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
        return checkpointer;
    }

    /** WAL frames copied into the database so far. */
    long framesCopied() {
        return framesCopied.get();
    }

    /** On the checkpoint thread. PASSIVE: never waits for the writer or readers, copies what it can. */
    private void checkpoint() {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            if (rows.next()) {
                long copied = rows.getLong(3);
                if (copied > 0) {
                    framesCopied.addAndGet(copied);
                }
            }
            failureLogged = false;
        } catch (SQLException e) {
            if (!failureLogged) {
                failureLogged = true;
                log.warn("Checkpointing the database failed (the writer's own checkpoint still runs): {}",
                        SqlSupport.describe(e));
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("The checkpoint thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing the checkpoint connection: {}", e.getMessage());
        }
    }
}
