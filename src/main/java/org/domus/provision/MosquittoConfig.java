package org.domus.provision;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The hub's Mosquitto configuration (reference/pi-provisioning.md §5.2, adapted to the console's MQTT 3.1.1
 * broker): a global part (local listener for the house's devices, password file, bounded queues) and the bridge
 * to the console (TLS with the console's CA, persistent session both sides, QoS 1, house prefix, vendor topics
 * under {@code domus/{house}/raw/…}, notifications on {@code domus/{house}/hub/bridge}). Pure.
 */
public final class MosquittoConfig {

    public static final String CA_PATH = "/etc/mosquitto/certs/console-ca.crt";
    public static final String PASSWORD_FILE = "/etc/mosquitto/passwd";
    public static final int LOCAL_PORT = 1883;
    /** Messages queued for the console while it is away (per client, the bridge included) and their bytes. */
    public static final int MAX_QUEUED_MESSAGES = 200_000;
    public static final long MAX_QUEUED_BYTES = 100L * 1024 * 1024;

    /** Vendor topics the house's devices publish (up) and those they take commands on (down). */
    private static final List<String> VENDOR_UP = List.of("tele/#", "stat/#", "+/online", "+/events/rpc",
            "+/status/#", "zigbee2mqtt/#", "homeassistant/#");
    private static final List<String> VENDOR_DOWN = List.of("cmnd/#", "+/rpc", "+/command/#", "zigbee2mqtt/+/set",
            "zigbee2mqtt/bridge/request/#");

    private MosquittoConfig() {
    }

    /** {@code /etc/mosquitto/conf.d/00-hub.conf}: Debian's own mosquitto.conf already turns persistence on. */
    public static String global(String house) {
        return String.join("\n",
                "# Domus hub of house " + house + ": the house's devices connect here; the bridge below forwards.",
                "# Debian's /etc/mosquitto/mosquitto.conf sets persistence true and includes this folder.",
                "per_listener_settings false",
                "listener " + LOCAL_PORT,
                "allow_anonymous false",
                "password_file " + PASSWORD_FILE,
                "autosave_interval 60",
                "max_queued_messages " + MAX_QUEUED_MESSAGES,
                "max_queued_bytes " + MAX_QUEUED_BYTES,
                "queue_qos0_messages true",
                "");
    }

    /**
     * {@code /etc/mosquitto/conf.d/20-bridge-console.conf}: holds the hub's console password, so it is a secret
     * (the setup step installs it readable by root and Mosquitto only).
     *
     * @param consoleAddresses {@code host:port}, first preferred
     */
    public static String bridge(String house, String username, String password, List<String> consoleAddresses) {
        String prefix = "domus/" + house + "/";
        String raw = prefix + "raw/";
        StringBuilder text = new StringBuilder();
        line(text, "# Domus hub bridge: house " + house + " to the console's broker, over TLS.");
        line(text, "connection " + username);
        line(text, "addresses " + String.join(" ", consoleAddresses));
        line(text, "round_robin false");
        line(text, "# The console's broker speaks MQTT 3.1.1 and is not Mosquitto (try_private would be refused).");
        line(text, "bridge_protocol_version mqttv311");
        line(text, "try_private false");
        line(text, "remote_clientid " + username);
        line(text, "remote_username " + username);
        line(text, "remote_password " + password);
        line(text, "local_clientid local." + username);
        line(text, "# Persistent sessions on both sides: what either side publishes while the other is away waits.");
        line(text, "cleansession false");
        line(text, "local_cleansession false");
        line(text, "start_type automatic");
        line(text, "restart_timeout 2 30");
        line(text, "keepalive_interval 30");
        line(text, "bridge_cafile " + CA_PATH);
        line(text, "bridge_tls_version tlsv1.2");
        line(text, "bridge_insecure false");
        line(text, "bridge_attempt_unsubscribe false");
        line(text, "notifications true");
        line(text, "notification_topic " + prefix + "hub/bridge");
        line(text, "# Native Domus devices publish their full topic; up and down differ in depth, so nothing loops.");
        line(text, "topic " + prefix + "+/+/+ out 1");
        line(text, "topic " + prefix + "+/+/+/set in 1");
        line(text, "# Vendor devices (Tasmota, Shelly, Zigbee2MQTT, Home Assistant discovery) under " + raw);
        text.append(VENDOR_UP.stream().map(t -> "topic " + t + " out 1 \"\" " + raw).collect(Collectors.joining("\n")))
                .append('\n');
        text.append(VENDOR_DOWN.stream().map(t -> "topic " + t + " in 1 \"\" " + raw).collect(Collectors.joining("\n")))
                .append('\n');
        line(text, "# The hub's own telemetry and commands.");
        line(text, "topic hub/state/# out 1 \"\" " + prefix);
        line(text, "topic hub/cmd/# in 1 \"\" " + prefix);
        return text.toString();
    }

    private static void line(StringBuilder text, String line) {
        text.append(line).append('\n');
    }
}
