package org.domus.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.Stream;

import org.domus.model.SeriesPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void createsFreshDatabaseWithLatestSchemaAndParentFolders() throws Exception {
        Path file = dir.resolve("a/b/domus.db");
        try (Database db = Database.open(file, StoreOptions.defaults())) {
            assertEquals(Migrations.latestVersion(), db.schemaVersion());
            assertEquals(file.toAbsolutePath(), db.file());
            assertTrue(db.houses().listHouses().isEmpty());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertEquals(Migrations.latestVersion(), Migrations.currentVersion(c));
            assertEquals("wal", single(c, "PRAGMA journal_mode"));
            assertEquals("1", single(c, "SELECT count(*) FROM sqlite_schema WHERE name = 'event_ts'"));
        }
    }

    @Test
    void upgradesVersionOneDatabaseAndKeepsItsData() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            Migrations.apply(c, 1);
            s.execute("INSERT INTO house (slug, name, zone) VALUES ('villa', 'Villa', 'Europe/Paris')");
            s.execute("INSERT INTO event (ts, type, subject) VALUES (1000, 'test', 'kept')");
            assertEquals("0", single(c, "SELECT count(*) FROM sqlite_schema WHERE name = 'event_ts'"));
        }
        try (Database db = Database.open(file, StoreOptions.defaults())) {
            assertEquals(Migrations.latestVersion(), db.schemaVersion());
            assertTrue(Migrations.latestVersion() >= 3, "the command outbox arrived in version 3");
            assertEquals("Villa", db.houses().findHouse("villa").orElseThrow().name());
            assertEquals(ZoneId.of("Europe/Paris"), db.houses().findHouse("villa").orElseThrow().zone());
            assertEquals("kept", db.events().recent(10).getFirst().subject());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertEquals("1", single(c, "SELECT count(*) FROM sqlite_schema WHERE name = 'event_ts'"));
        }
    }

    @Test
    void reopensExistingDatabaseWithoutMigratingAgain() {
        Path file = dir.resolve("domus.db");
        try (Database db = Database.open(file, StoreOptions.defaults())) {
            db.houses().ensureHouse("villa", "Villa", ZoneId.of("UTC"));
        }
        try (Database db = Database.open(file, StoreOptions.defaults())) {
            assertEquals(1, db.houses().listHouses().size());
        }
    }

    @Test
    void refusesDatabaseFromNewerVersion() throws Exception {
        Path file = dir.resolve("new.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            Migrations.apply(c, Migrations.latestVersion());
            s.execute("PRAGMA user_version = 99");
        }
        StoreException e = assertThrows(StoreException.class, () -> Database.open(file, StoreOptions.defaults()));
        assertFalse(e instanceof CorruptStoreException);
        assertTrue(e.getMessage().contains("newer version of Domus"), e.getMessage());
    }

    @Test
    void reportsGarbageFileAsDamagedAndMovesItAside() throws IOException {
        Path file = dir.resolve("domus.db");
        Files.writeString(file, "this is not a database, ".repeat(400), StandardCharsets.UTF_8);

        CorruptStoreException e = assertThrows(CorruptStoreException.class,
                () -> Database.open(file, StoreOptions.defaults()));
        assertTrue(e.getMessage().startsWith("The database at " + file.toAbsolutePath()
                + " is damaged or not a Domus database: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("."), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        Files.writeString(dir.resolve("domus.db-wal"), "stale", StandardCharsets.UTF_8);

        Path aside = Database.moveAside(file);
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(dir.resolve("domus.db-wal")));
        assertTrue(Files.exists(aside));
        assertTrue(Files.exists(aside.resolveSibling(aside.getFileName() + "-wal")));
        assertTrue(aside.getFileName().toString().matches("domus\\.db\\.corrupt-\\d{8}-\\d{6}"), aside.toString());

        try (Database db = Database.open(file, StoreOptions.defaults())) {
            assertEquals(Migrations.latestVersion(), db.schemaVersion());
        }
    }

    @Test
    void refusesSqliteFileOfAnotherProgram() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
        }
        CorruptStoreException e = assertThrows(CorruptStoreException.class,
                () -> Database.open(file, StoreOptions.defaults()));
        assertTrue(e.getMessage().contains("another program"), e.getMessage());
    }

    @Test
    void listsEveryMigrationResource() throws Exception {
        Path folder = Path.of(Migrations.class.getResource("migrations").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(Migrations.FILES, files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void closesQuicklyAndRefusesWorkAfterwards() {
        Database db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        db.close();
        WriteOutcome outcome = Fixtures.write(db.writer());
        assertFalse(outcome.committed());
        assertThrows(Exception.class, () -> db.writer().execute(c -> 1).join());
        db.close(); // twice is fine
    }

    @Test
    void checkpointsOnItsOwnThreadWhileTheWriterOnlyKeepsABackstop() throws Exception {
        try (Database db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults())) {
            SeriesPath series = SeriesPath.parse("villa/garage/meter/power");
            Instant start = Instant.parse("2026-11-23T00:00:00Z");
            for (int i = 0; i < 50; i++) {
                assertTrue(Fixtures.write(db.writer(), Fixtures.number(series, start.plusSeconds(i), i, true)).committed());
            }
            long backstop = db.writer().execute(c -> {
                try {
                    return Long.parseLong(single(c, "PRAGMA wal_autocheckpoint"));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).join();
            assertEquals(Checkpointer.WRITER_BACKSTOP_PAGES, backstop);
            await().atMost(Duration.ofSeconds(10)).until(() -> db.checkpointer().framesCopied() > 0);
        }
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
