package org.domus.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Domus SQLite database: one file in WAL mode, one writer thread ({@link #writer()}) through which every
 * write goes, and a few read connections for queries, which never block the writer. Thread-safe.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final long CLOSE_TIMEOUT_MILLIS = 10_000;
    private static final Set<String> DAMAGED = Set.of("SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_CANTOPEN");
    private static final Set<String> OUR_TABLES = Set.of("house", "floor", "room", "device", "attribute", "telemetry",
            "rollup_minute", "rollup_hour", "event", "mqtt_credential", "ingest_receipt", "setting", "command");
    private static final DateTimeFormatter ASIDE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path file;
    private final int schemaVersion;
    private final ReadPool reads;
    private final TelemetryWriter writer;
    private final HouseRepository houses;
    private final CredentialRepository credentials;
    private final EventRepository events;
    private final HistoryRepository history;
    private final VendorBindingRepository vendorBindings;
    private final CommandRepository commands;
    private final Checkpointer checkpointer;
    private final HouseEditRepository houseEdits;
    private final RuleRepository rules;
    private final AlertRepository alerts;
    private final ReminderRepository reminders;
    private final NotificationRepository notifications;
    private final SettingRepository settings;
    private final HubRepository hubs;

    private Database(Path file, int schemaVersion, ReadPool reads, TelemetryWriter writer, Checkpointer checkpointer) {
        this.file = file;
        this.checkpointer = checkpointer;
        this.schemaVersion = schemaVersion;
        this.reads = reads;
        this.writer = writer;
        this.houses = new HouseRepository(reads, writer);
        this.credentials = new CredentialRepository(reads, writer);
        this.events = new EventRepository(reads, writer);
        this.history = new HistoryRepository(reads);
        this.vendorBindings = new VendorBindingRepository(reads);
        this.commands = new CommandRepository(reads, writer);
        this.houseEdits = new HouseEditRepository(reads, writer);
        this.rules = new RuleRepository(reads, writer);
        this.alerts = new AlertRepository(reads, writer);
        this.reminders = new ReminderRepository(reads, writer);
        this.notifications = new NotificationRepository(reads, writer);
        this.settings = new SettingRepository(reads, writer);
        this.hubs = new HubRepository(reads, writer);
    }

    /**
     * Opens (creating if needed) the database at {@code file}, upgrades its schema and starts the writer thread.
     *
     * @throws CorruptStoreException when the file is damaged, not a Domus database, or cannot be read
     * @throws StoreException        for any other reason it cannot be opened (one sentence for the user)
     */
    public static Database open(Path file, StoreOptions options) {
        Objects.requireNonNull(options, "options");
        Path path = file.toAbsolutePath().normalize();
        createParent(path);
        if (Files.exists(path) && (!Files.isRegularFile(path) || !Files.isReadable(path))) {
            throw damaged(path, "the file cannot be read", null);
        }
        Connection connection = null;
        Checkpointer checkpointer = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + path, writerProperties());
            configure(connection);
            checkIsDomus(connection, path);
            int version = Migrations.currentVersion(connection);
            if (version > Migrations.latestVersion()) {
                throw new StoreException("The database at " + path + " was written by a newer version of Domus"
                        + " (schema " + version + ", this version knows up to " + Migrations.latestVersion() + ").");
            }
            Migrations.apply(connection, Migrations.latestVersion());
            limitSize(connection, options.maxDatabaseBytes());
            checkpointer = Checkpointer.start(path);
            TelemetryWriter writer = new TelemetryWriter(connection, options.maxBatchMessages());
            Database database = new Database(path, Migrations.latestVersion(), new ReadPool(path), writer, checkpointer);
            writer.start();
            log.info("Opened the database at {} (schema {})", path, database.schemaVersion);
            return database;
        } catch (SQLException e) {
            closeQuietly(connection);
            if (checkpointer != null) {
                checkpointer.close();
            }
            String code = SqlSupport.errorCode(e);
            if (code != null && DAMAGED.contains(code) && (Files.exists(path) || !"SQLITE_CANTOPEN".equals(code))) {
                throw damaged(path, SqlSupport.describe(e), e);
            }
            throw new StoreException("The database at " + path + " cannot be opened: " + SqlSupport.describe(e) + ".", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            if (checkpointer != null) {
                checkpointer.close();
            }
            throw e;
        }
    }

    /**
     * Renames a damaged database (and its {@code -wal} and {@code -shm} files) to
     * {@code <name>.corrupt-YYYYMMDD-HHMMSS}, so a fresh one can be created in its place.
     *
     * @return the new path of the database file
     */
    public static Path moveAside(Path file) {
        Path path = file.toAbsolutePath().normalize();
        String stamp = LocalDateTime.now().format(ASIDE_STAMP);
        Path target = path.resolveSibling(path.getFileName() + ".corrupt-" + stamp);
        for (int n = 1; Files.exists(target) || Files.exists(sibling(target, "-wal")); n++) {
            target = path.resolveSibling(path.getFileName() + ".corrupt-" + stamp + "-" + n);
        }
        try {
            Files.move(path, target);
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path companion = sibling(path, suffix);
                if (Files.exists(companion)) {
                    Files.move(companion, sibling(target, suffix));
                }
            }
        } catch (IOException e) {
            throw new StoreException("The damaged database at " + path + " cannot be moved aside: " + e.getMessage() + ".", e);
        }
        log.warn("Moved the damaged database {} aside to {}", path, target);
        return target;
    }

    public Path file() {
        return file;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public HouseRepository houses() {
        return houses;
    }

    public CredentialRepository credentials() {
        return credentials;
    }

    public EventRepository events() {
        return events;
    }

    public HistoryRepository history() {
        return history;
    }

    public CommandRepository commands() {
        return commands;
    }

    public VendorBindingRepository vendorBindings() {
        return vendorBindings;
    }

    public RuleRepository rules() {
        return rules;
    }

    public AlertRepository alerts() {
        return alerts;
    }

    public ReminderRepository reminders() {
        return reminders;
    }

    public NotificationRepository notifications() {
        return notifications;
    }

    /** Edits of the house model a user makes (create, rename, move, delete). */
    public HouseEditRepository houseEdits() {
        return houseEdits;
    }

    /** Named settings (the installer PIN's hash, ...). */
    public SettingRepository settings() {
        return settings;
    }

    public HubRepository hubs() {
        return hubs;
    }

    public TelemetryWriter writer() {
        return writer;
    }

    Checkpointer checkpointer() {
        return checkpointer;
    }

    /** Writes what is queued, stops the writer thread and closes every connection. */
    @Override
    public void close() {
        writer.close(CLOSE_TIMEOUT_MILLIS);
        checkpointer.close();
        reads.close();
    }

    private static void createParent(Path path) {
        Path parent = path.getParent();
        if (parent == null) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreException("The folder " + parent + " cannot be created: " + e.getMessage() + ".", e);
        }
    }

    /**
     * The writer connection's driver settings: no generated keys (sqlite-jdbc would otherwise prepare and run
     * {@code SELECT last_insert_rowid()} after every INSERT; the repositories ask for the id themselves when they
     * need it, see {@link CommandRepository#lastId}).
     */
    private static java.util.Properties writerProperties() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("jdbc.get_generated_keys", "false");
        return properties;
    }

    private static void configure(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            // The first statement to read the file: a file that is not a database fails here.
            try (ResultSet rows = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                rows.next();
                if (!"wal".equalsIgnoreCase(rows.getString(1))) {
                    log.warn("The database could not switch to WAL mode (journal mode is {})", rows.getString(1));
                }
            }
            statement.execute("PRAGMA synchronous = NORMAL");
            statement.execute("PRAGMA cache_size = -65536");
            statement.execute("PRAGMA temp_store = MEMORY");
            statement.execute("PRAGMA foreign_keys = ON");
            statement.execute("PRAGMA journal_size_limit = 67108864");
            statement.execute("PRAGMA wal_autocheckpoint = " + Checkpointer.WRITER_BACKSTOP_PAGES);
        }
    }

    /** Refuses a valid SQLite file that some other program made; reads the schema, which finds most damage. */
    private static void checkIsDomus(Connection connection, Path path) throws SQLException {
        if (Migrations.currentVersion(connection) != 0) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                rows.next();
            }
            return;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
            while (rows.next()) {
                if (!OUR_TABLES.contains(rows.getString(1))) {
                    throw damaged(path, "it holds tables of another program (" + rows.getString(1) + ")", null);
                }
            }
        }
    }

    private static void limitSize(Connection connection, long maxBytes) throws SQLException {
        if (maxBytes <= 0) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            long pageSize;
            try (ResultSet rows = statement.executeQuery("PRAGMA page_size")) {
                rows.next();
                pageSize = rows.getLong(1);
            }
            long pages = Math.max(1, maxBytes / pageSize);
            // Writes that would grow the file past this fail with SQLITE_FULL, as on a full disk.
            statement.execute("PRAGMA max_page_count = " + pages);
        }
    }

    private static CorruptStoreException damaged(Path path, String reason, Throwable cause) {
        return new CorruptStoreException("The database at " + path + " is damaged or not a Domus database: "
                + reason + ".", cause);
    }

    private static Path sibling(Path path, String suffix) {
        return path.resolveSibling(path.getFileName() + suffix);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing a failed connection: {}", e.getMessage());
        }
    }
}
