package org.domus.sim.vendor;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.domus.model.Colors;

/** Helpers the dialects share: canonical values out of the state map, JSON, colours. Pure and thread-safe. */
final class DialectSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    private DialectSupport() {
    }

    /** Where a house hub's bridge delivers vendor topics to the console. */
    static String raw(VendorDevice device) {
        return "domus/" + device.house() + "/raw/";
    }

    static boolean has(VendorDevice device, String attribute) {
        return device.attributes().stream().anyMatch(a -> a.name().equals(attribute));
    }

    static Optional<VendorAttribute> attribute(VendorDevice device, String name) {
        return device.attributes().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    static Double number(Map<String, Object> state, String name) {
        Object value = state.get(name);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return null;
    }

    static double number(Map<String, Object> state, String name, double fallback) {
        Double value = number(state, name);
        return value == null ? fallback : value;
    }

    /** True for {@code ON}, {@code true}, {@code open} … ; {@code fallback} when absent. */
    static boolean flag(Map<String, Object> state, String name, boolean fallback) {
        Object value = state.get(name);
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "on", "true", "1", "yes", "open", "detected" -> true;
                default -> false;
            };
        }
        return fallback;
    }

    static String onOff(Map<String, Object> state) {
        return flag(state, "power", false) ? "ON" : "OFF";
    }

    /** {@code contact} as {@code open}/{@code closed} (closed unless said otherwise). */
    static boolean closed(Map<String, Object> state) {
        Object value = state.get("contact");
        if (value instanceof String s) {
            return !s.strip().equalsIgnoreCase("open");
        }
        if (value instanceof Boolean b) {
            return b; // a boolean contact means "closed", as Zigbee2MQTT has it
        }
        return true;
    }

    static String text(Map<String, Object> state, String name, String fallback) {
        Object value = state.get(name);
        return value == null ? fallback : value.toString();
    }

    static String color(Map<String, Object> state) {
        Object value = state.get("color");
        String text = value == null ? "#ffffff" : value.toString().strip().toLowerCase(Locale.ROOT);
        return text.matches("#[0-9a-f]{6}") ? text : "#ffffff";
    }

    static int[] rgb(String hex) {
        return Colors.rgb(hex);
    }

    static String hex(int r, int g, int b) {
        return Colors.hex(r, g, b);
    }

    static double[] xy(String hex) {
        return Colors.xy(hex);
    }

    static String fromXy(double x, double y) {
        return Colors.fromXy(x, y);
    }

    static String fromHs(double hue, double saturation) {
        return Colors.fromHs(hue, saturation);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** A whole number as an int node, otherwise as a double node. */
    static void putNumber(ObjectNode node, String key, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            node.put(key, (long) value);
        } else {
            node.put(key, value);
        }
    }

    static VendorMessage message(String topic, String payload, boolean retain) {
        return new VendorMessage(topic, payload.getBytes(StandardCharsets.UTF_8), retain);
    }

    static VendorMessage message(String topic, JsonNode payload, boolean retain) {
        try {
            return new VendorMessage(topic, JSON.writeValueAsBytes(payload), retain);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The payload as a JSON object, or empty when it is not one. */
    static Optional<JsonNode> jsonObject(byte[] payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    static String utf8(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8).strip();
    }

    /** A stable, MAC-like 12-digit hex id for a device id (Tasmota's discovery topic needs one). */
    static String pseudoMac(String id) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return String.format(Locale.ROOT, "%012X", hash & 0xffffffffffffL);
    }
}
