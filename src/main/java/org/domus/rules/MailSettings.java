package org.domus.rules;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.domus.store.SettingRepository;

/**
 * How Domus sends e-mail. Kept in the store's settings ({@code smtp.*}), edited in the console. The password is a
 * secret: {@link #toString} leaves it out, and nothing logs it.
 *
 * @param port 0 for the security's usual port (25, 587 for STARTTLS, 465 for TLS)
 */
public record MailSettings(String host, int port, Security security, String username, String password, String from) {

    /** How the connection to the server is protected. */
    public enum Security {
        /** Plain SMTP (a relay on the local network). */
        NONE,
        /** Plain connection upgraded with STARTTLS, which is required. */
        STARTTLS,
        /** TLS from the start (SMTPS). */
        TLS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final MailSettings NONE_SET = new MailSettings("", 0, Security.STARTTLS, "", "", "");

    public MailSettings {
        host = host == null ? "" : host.strip();
        Objects.requireNonNull(security, "security");
        username = username == null ? "" : username.strip();
        password = password == null ? "" : password;
        from = from == null ? "" : from.strip();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
        if (!from.isEmpty() && !from.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("\"" + from + "\" is not an e-mail address");
        }
    }

    public boolean configured() {
        return !host.isEmpty() && !from.isEmpty();
    }

    public int effectivePort() {
        if (port != 0) {
            return port;
        }
        return switch (security) {
            case NONE -> 25;
            case STARTTLS -> 587;
            case TLS -> 465;
        };
    }

    static final String HOST = "smtp.host";
    static final String PORT = "smtp.port";
    static final String SECURITY = "smtp.security";
    static final String USERNAME = "smtp.username";
    static final String PASSWORD = "smtp.password";
    static final String FROM = "smtp.from";

    public static MailSettings load(SettingRepository settings) {
        Map<String, String> values = settings.withPrefix("smtp.");
        try {
            return new MailSettings(values.get(HOST), Integer.parseInt(values.getOrDefault(PORT, "0")),
                    Security.valueOf(values.getOrDefault(SECURITY, "starttls").toUpperCase(Locale.ROOT)),
                    values.get(USERNAME), values.get(PASSWORD), values.get(FROM));
        } catch (IllegalArgumentException e) {
            return NONE_SET;
        }
    }

    public void save(SettingRepository settings) {
        Map<String, String> values = new HashMap<>();
        values.put(HOST, host);
        values.put(PORT, Integer.toString(port));
        values.put(SECURITY, security.label());
        values.put(USERNAME, username);
        values.put(PASSWORD, password);
        values.put(FROM, from);
        settings.putAll(values);
    }

    @Override
    public String toString() {
        return "MailSettings[host=" + host + ", port=" + effectivePort() + ", security=" + security.label()
                + ", username=" + username + ", password=" + (password.isEmpty() ? "(none)" : "(set)")
                + ", from=" + from + "]";
    }
}
