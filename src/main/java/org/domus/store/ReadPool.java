package org.domus.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few read-only connections shared by the repositories' queries. In WAL mode readers never block the writer
 * and see the last committed state. Thread-safe.
 */
final class ReadPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadPool.class);
    private static final int SIZE = 4;

    private final Path file;
    private final Semaphore permits = new Semaphore(SIZE, true);
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    ReadPool(Path file) {
        this.file = file;
    }

    /** Runs {@code work} on a read connection; failures become a {@link StoreException}. */
    <T> T read(SqlSupport.SqlFunction<T> work) {
        if (closed) {
            throw new StoreException("The database is closed.");
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting to read the database.", e);
        }
        Connection connection = null;
        try {
            connection = idle.poll();
            if (connection == null) {
                connection = open();
            }
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StoreException("Reading the database failed: " + SqlSupport.describe(e) + ".", e);
        } finally {
            if (connection != null) {
                if (closed) {
                    closeQuietly(connection);
                } else {
                    idle.add(connection);
                    if (closed) {
                        drain();
                    }
                }
            }
            permits.release();
        }
    }

    private Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            statement.execute("PRAGMA query_only = 1");
            statement.execute("PRAGMA cache_size = -16384");
            statement.execute("PRAGMA temp_store = MEMORY");
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
        return connection;
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        for (Connection connection; (connection = idle.poll()) != null; ) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing a read connection failed: {}", e.getMessage());
        }
    }
}
