package org.domus.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The numbered schema migrations, {@code org/domus/store/migrations/VNNN__name.sql}. The database's
 * {@code PRAGMA user_version} is the number of the last one applied; each is applied in its own transaction
 * together with the version bump.
 */
final class Migrations {

    /** Every migration, in order; a new one is added here and as a resource. */
    static final List<String> FILES = List.of(
            "V001__init.sql",
            "V002__event_time_index.sql",
            "V003__command_outbox.sql",
            "V004__vendor_binding.sql",
            "V005__model_editing.sql",
            "V006__rules.sql",
            "V007__hubs.sql");

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    private static final String FOLDER = "migrations/";

    private Migrations() {
    }

    static int latestVersion() {
        return FILES.size();
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /**
     * Applies the migrations after the database's current version, up to {@code target}. The connection must be
     * in JDBC auto-commit mode.
     */
    static void apply(Connection connection, int target) throws SQLException {
        int current = currentVersion(connection);
        for (int version = current + 1; version <= target; version++) {
            String file = FILES.get(version - 1);
            String script = load(file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                try {
                    for (String sql : statements(script)) {
                        statement.execute(sql);
                    }
                    statement.execute("PRAGMA user_version = " + version);
                    statement.execute("COMMIT");
                } catch (SQLException | RuntimeException e) {
                    try {
                        statement.execute("ROLLBACK");
                    } catch (SQLException rollbackFailure) {
                        e.addSuppressed(rollbackFailure);
                    }
                    throw e;
                }
            }
            log.info("Database schema upgraded to version {} ({})", version, file);
        }
    }

    /**
     * Splits a script into statements at semicolons outside quotes and comments. (Scripts hold no triggers:
     * a trigger body's semicolons would need a real parser.)
     */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int n = script.length();
        for (int i = 0; i < n; i++) {
            char ch = script.charAt(i);
            if (ch == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
                current.append('\n');
            } else if (ch == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 1;
                current.append(' ');
            } else if (ch == '\'' || ch == '"') {
                int end = script.indexOf(ch, i + 1);
                while (end >= 0 && end + 1 < n && script.charAt(end + 1) == ch) {
                    end = script.indexOf(ch, end + 2);
                }
                end = end < 0 ? n - 1 : end;
                current.append(script, i, end + 1);
                i = end;
            } else if (ch == ';') {
                add(out, current);
            } else {
                current.append(ch);
            }
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder current) {
        String sql = current.toString().strip();
        if (!sql.isEmpty()) {
            out.add(sql);
        }
        current.setLength(0);
    }

    private static String load(String file) {
        try (InputStream in = Migrations.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("migration " + file + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
