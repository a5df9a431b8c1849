package org.domus.sim.vendor;

import static org.domus.sim.vendor.DialectSupport.JSON;
import static org.domus.sim.vendor.DialectSupport.has;
import static org.domus.sim.vendor.DialectSupport.message;
import static org.domus.sim.vendor.DialectSupport.number;
import static org.domus.sim.vendor.DialectSupport.putNumber;
import static org.domus.sim.vendor.DialectSupport.raw;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Tasmota firmware: {@code tele/<topic>/LWT|STATE|SENSOR}, {@code stat/<topic>/RESULT|POWER}, commands on
 * {@code cmnd/<topic>/<Command>}, native discovery on {@code tasmota/discovery/<MAC>/config}. The device id is its
 * Tasmota topic. Speaks power, brightness (Dimmer), color, position (Shutter1), temperature, humidity, co2,
 * watts and energy (ENERGY); other attributes are not published. Thread-safe.
 */
public final class TasmotaDialect implements VendorDialect {

    private final Clock clock;

    public TasmotaDialect() {
        this(Clock.systemDefaultZone());
    }

    /** @param clock gives the local {@code Time} field Tasmota puts in telemetry */
    public TasmotaDialect(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "tasmota";
    }

    @Override
    public List<VendorMessage> onConnect(VendorDevice device, Map<String, Object> state) {
        List<VendorMessage> out = new ArrayList<>();
        String mac = DialectSupport.pseudoMac(device.id());
        out.add(message(raw(device) + "tasmota/discovery/" + mac + "/config", discovery(device, mac), true));
        if (hasSensors(device)) {
            ObjectNode sensors = JSON.createObjectNode();
            sensors.set("sn", sensor(device, state));
            sensors.put("ver", 1);
            out.add(message(raw(device) + "tasmota/discovery/" + mac + "/sensors", sensors, true));
        }
        out.add(message(tele(device, "LWT"), "Online", true));
        if (hasRelayOrLight(device)) {
            out.add(message(tele(device, "STATE"), stateTelemetry(device, state), false));
        }
        if (hasSensors(device)) {
            out.add(message(tele(device, "SENSOR"), sensor(device, state), false));
        }
        return List.copyOf(out);
    }

    @Override
    public List<VendorMessage> onChange(VendorDevice device, Map<String, Object> state, Set<String> changed) {
        List<VendorMessage> out = new ArrayList<>();
        boolean light = changed.contains("brightness") || changed.contains("color");
        if (hasRelayOrLight(device) && (changed.contains("power") || light)) {
            ObjectNode result = JSON.createObjectNode();
            result.put("POWER", DialectSupport.onOff(state));
            addLight(device, state, result);
            out.add(message(stat(device, "RESULT"), result, false));
            out.add(message(stat(device, "POWER"), DialectSupport.onOff(state), false));
        }
        if (has(device, "position") && changed.contains("position")) {
            ObjectNode result = JSON.createObjectNode();
            result.set("Shutter1", shutter(state));
            out.add(message(stat(device, "RESULT"), result, false));
        }
        boolean sensorChanged = changed.stream().anyMatch(TasmotaDialect::isSensorAttribute);
        if (hasSensors(device) && sensorChanged) {
            out.add(message(tele(device, "SENSOR"), sensor(device, state), false));
        }
        return List.copyOf(out);
    }

    @Override
    public VendorMessage will(VendorDevice device) {
        return message(tele(device, "LWT"), "Offline", true);
    }

    @Override
    public List<String> commandFilters(VendorDevice device) {
        return List.of(raw(device) + "cmnd/" + device.id() + "/+");
    }

    @Override
    public Optional<Map<String, Object>> parseCommand(VendorDevice device, String topic, byte[] payload) {
        return parseCommand(device, topic, payload, Map.of());
    }

    @Override
    public Optional<Map<String, Object>> parseCommand(VendorDevice device, String topic, byte[] payload,
                                                      Map<String, Object> state) {
        String prefix = raw(device) + "cmnd/" + device.id() + "/";
        if (!topic.startsWith(prefix) || topic.indexOf('/', prefix.length()) >= 0) {
            return Optional.empty();
        }
        String command = topic.substring(prefix.length()).toLowerCase(Locale.ROOT);
        String value = DialectSupport.utf8(payload);
        Map<String, Object> changes = new HashMap<>();
        if (value.isEmpty() || value.equals("?")) {
            return Optional.of(Map.of()); // a query: nothing changes, the state is reported again
        }
        switch (command) {
            case "power", "power1" -> {
                if (!has(device, "power")) {
                    return Optional.empty();
                }
                Boolean on = switch (value.toUpperCase(Locale.ROOT)) {
                    case "ON", "1", "TRUE" -> true;
                    case "OFF", "0", "FALSE" -> false;
                    case "TOGGLE", "2" -> !DialectSupport.flag(state, "power", false);
                    default -> null;
                };
                if (on == null) {
                    return Optional.empty();
                }
                changes.put("power", on ? "ON" : "OFF");
            }
            case "dimmer" -> {
                Double level = parseDouble(value);
                if (level == null || !has(device, "brightness")) {
                    return Optional.empty();
                }
                changes.put("brightness", Math.max(0, Math.min(100, level)));
                changes.put("power", level > 0 ? "ON" : "OFF");
            }
            case "color", "color1", "color2" -> {
                String hex = parseColor(value);
                if (hex == null || !has(device, "color")) {
                    return Optional.empty();
                }
                changes.put("color", hex);
                changes.put("power", "ON");
            }
            case "shutterposition", "shutterposition1" -> {
                Double position = parseDouble(value);
                if (position == null || !has(device, "position")) {
                    return Optional.empty();
                }
                changes.put("position", Math.max(0, Math.min(100, position)));
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(Map.copyOf(changes));
    }

    // ------------------------------------------------------------------ payloads

    private static String tele(VendorDevice device, String what) {
        return raw(device) + "tele/" + device.id() + "/" + what;
    }

    private static String stat(VendorDevice device, String what) {
        return raw(device) + "stat/" + device.id() + "/" + what;
    }

    private static boolean hasRelayOrLight(VendorDevice device) {
        return has(device, "power") || has(device, "position");
    }

    private static boolean isSensorAttribute(String name) {
        return switch (name) {
            case "temperature", "humidity", "co2", "watts", "energy", "position" -> true;
            default -> false;
        };
    }

    private static boolean hasSensors(VendorDevice device) {
        return device.attributes().stream().anyMatch(a -> isSensorAttribute(a.name()));
    }

    private ObjectNode discovery(VendorDevice device, String mac) {
        ObjectNode config = JSON.createObjectNode();
        config.put("ip", "192.168.1." + (Math.floorMod(mac.hashCode(), 200) + 20));
        config.put("dn", device.name());
        ArrayNode friendly = config.putArray("fn");
        friendly.add(device.name());
        for (int i = 1; i < 8; i++) {
            friendly.addNull();
        }
        config.put("hn", device.id().replace('_', '-') + "-" + mac.substring(8));
        config.put("mac", mac);
        config.put("md", device.type());
        config.put("ty", 0);
        config.put("if", 0);
        config.put("ofln", "Offline");
        config.put("onln", "Online");
        ArrayNode states = config.putArray("state");
        states.add("OFF").add("ON").add("TOGGLE").add("HOLD");
        config.put("sw", "14.2.0");
        config.put("t", device.id());
        config.put("ft", "%prefix%/%topic%/");
        config.putArray("tp").add("cmnd").add("stat").add("tele");
        ArrayNode relays = config.putArray("rl");
        int relay = has(device, "position") ? 3 : has(device, "brightness") || has(device, "color") ? 2
                : has(device, "power") ? 1 : 0;
        relays.add(relay);
        for (int i = 1; i < 8; i++) {
            relays.add(0);
        }
        config.put("lk", 0);
        config.put("lt_st", has(device, "color") ? 3 : has(device, "brightness") ? 1 : 0);
        config.put("ver", 1);
        return config;
    }

    private ObjectNode stateTelemetry(VendorDevice device, Map<String, Object> state) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Time", time());
        node.put("Uptime", "0T00:00:05");
        node.put("UptimeSec", 5);
        node.put("Heap", 28);
        node.put("SleepMode", "Dynamic");
        node.put("Sleep", 50);
        node.put("LoadAvg", 19);
        node.put("MqttCount", 1);
        if (has(device, "power")) {
            node.put("POWER", DialectSupport.onOff(state));
        }
        addLight(device, state, node);
        ObjectNode wifi = node.putObject("Wifi");
        wifi.put("AP", 1);
        wifi.put("SSId", "Domus");
        wifi.put("BSSId", "00:00:00:00:00:00");
        wifi.put("Channel", 6);
        wifi.put("RSSI", 80);
        wifi.put("LinkCount", 1);
        wifi.put("Downtime", "0T00:00:03");
        return node;
    }

    private static void addLight(VendorDevice device, Map<String, Object> state, ObjectNode node) {
        if (has(device, "brightness") || has(device, "color")) {
            node.put("Dimmer", (int) Math.round(number(state, "brightness", 100)));
        }
        if (has(device, "color")) {
            String hex = DialectSupport.color(state);
            node.put("Color", hex.substring(1).toUpperCase(Locale.ROOT));
        }
    }

    private ObjectNode sensor(VendorDevice device, Map<String, Object> state) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Time", time());
        if (has(device, "temperature") && has(device, "humidity")) {
            ObjectNode am = node.putObject("AM2301");
            putNumber(am, "Temperature", DialectSupport.round(number(state, "temperature", 20), 1));
            putNumber(am, "Humidity", DialectSupport.round(number(state, "humidity", 50), 1));
        } else if (has(device, "temperature") && !has(device, "co2")) {
            putNumber(node.putObject("DS18B20"), "Temperature", DialectSupport.round(number(state, "temperature", 20), 1));
        }
        if (has(device, "co2")) {
            ObjectNode mhz = node.putObject("MHZ19B");
            mhz.put("Model", "B");
            putNumber(mhz, "CarbonDioxide", Math.round(number(state, "co2", 400)));
            if (has(device, "temperature") && !has(device, "humidity")) {
                putNumber(mhz, "Temperature", DialectSupport.round(number(state, "temperature", 20), 1));
            }
        }
        if (has(device, "watts") || has(device, "energy")) {
            double watts = number(state, "watts", 0);
            ObjectNode energy = node.putObject("ENERGY");
            energy.put("TotalStartTime", "2024-01-01T00:00:00");
            putNumber(energy, "Total", DialectSupport.round(number(state, "energy", 0), 3));
            energy.put("Yesterday", 0.0);
            energy.put("Today", 0.0);
            energy.put("Period", 0);
            putNumber(energy, "Power", Math.round(watts));
            putNumber(energy, "ApparentPower", Math.round(watts));
            energy.put("ReactivePower", 0);
            energy.put("Factor", watts > 0 ? 1.0 : 0.0);
            energy.put("Voltage", 230);
            putNumber(energy, "Current", DialectSupport.round(watts / 230, 3));
        }
        if (has(device, "position")) {
            node.set("Shutter1", shutter(state));
        }
        if (has(device, "temperature") || has(device, "humidity")) {
            node.put("TempUnit", "C");
        }
        return node;
    }

    private static ObjectNode shutter(Map<String, Object> state) {
        ObjectNode shutter = JSON.createObjectNode();
        int position = (int) Math.round(number(state, "position", 0));
        shutter.put("Position", position);
        shutter.put("Direction", 0);
        shutter.put("Target", position);
        shutter.put("Tilt", 0);
        return shutter;
    }

    private String time() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Double parseDouble(String value) {
        try {
            double d = Double.parseDouble(value.strip());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Tasmota's Color parameter: {@code #RRGGBB}, {@code RRGGBB} or {@code r,g,b}. */
    private static String parseColor(String value) {
        String v = value.strip();
        if (v.startsWith("#")) {
            v = v.substring(1);
        }
        if (v.matches("[0-9a-fA-F]{6}([0-9a-fA-F]{2,4})?")) {
            return "#" + v.substring(0, 6).toLowerCase(Locale.ROOT);
        }
        String[] parts = v.split(",");
        if (parts.length == 3) {
            try {
                return DialectSupport.hex(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()),
                        Integer.parseInt(parts[2].strip()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
