package org.domus.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an MQTT broker is: {@code mqtt://[user[:password]@]host[:port]} (default port 1883) or
 * {@code mqtts://…} (TLS, default port 8883). The password is never part of {@link #toString()}.
 */
public record BrokerUrl(boolean tls, String host, int port, String username, String password) {

    public static final int DEFAULT_PORT = 1883;
    public static final int DEFAULT_TLS_PORT = 8883;

    public BrokerUrl {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("the broker URL has no host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the broker port must be 1 to 65535, not " + port);
        }
    }

    /** A plain-TCP broker on {@code host:port} with no credentials. */
    public static BrokerUrl plain(String host, int port) {
        return new BrokerUrl(false, host, port, null, null);
    }

    /** Parses a broker URL; the exception's message is one line fit for the user. */
    public static BrokerUrl parse(String text) {
        Objects.requireNonNull(text, "text");
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a broker URL: " + Printable.of(text, 80)
                    + " (expected mqtt://host:port or mqtts://host:port)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "mqtt", "tcp" -> false;
            case "mqtts", "ssl" -> true;
            default -> throw new IllegalArgumentException("the broker URL must start with mqtt:// or mqtts://, not "
                    + Printable.of(text, 80));
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the broker URL has no host: " + Printable.of(text, 80));
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            throw new IllegalArgumentException("the broker URL must not have a path: " + Printable.of(text, 80));
        }
        int port = uri.getPort() == -1 ? (tls ? DEFAULT_TLS_PORT : DEFAULT_PORT) : uri.getPort();
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        return new BrokerUrl(tls, uri.getHost(), port, user, password);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public Optional<String> user() {
        return Optional.ofNullable(username);
    }

    /** The same broker with these credentials. */
    public BrokerUrl withCredentials(String user, String secret) {
        return new BrokerUrl(tls, host, port, user, secret);
    }

    @Override
    public String toString() {
        return (tls ? "mqtts://" : "mqtt://") + (username == null ? "" : username + "@") + host + ":" + port;
    }
}
