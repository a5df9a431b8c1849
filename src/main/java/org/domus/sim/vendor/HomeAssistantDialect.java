package org.domus.sim.vendor;

import static org.domus.sim.vendor.DialectSupport.JSON;
import static org.domus.sim.vendor.DialectSupport.has;
import static org.domus.sim.vendor.DialectSupport.message;
import static org.domus.sim.vendor.DialectSupport.number;
import static org.domus.sim.vendor.DialectSupport.putNumber;
import static org.domus.sim.vendor.DialectSupport.raw;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A device announcing itself through Home Assistant MQTT discovery, as ESPHome and many bridges do: one retained
 * {@code homeassistant/<component>/<id>/<object>/config} per entity (abbreviated keys, a shared {@code dev} block),
 * state under {@code <id>/…}, availability on {@code <id>/status} ({@code online}/{@code offline}). Entities: a
 * JSON-schema {@code light} (power, brightness, color), a {@code switch} (power), a {@code cover} (position), a
 * {@code climate} (setpoint, mode, temperature), {@code sensor}s sharing one JSON state topic, and
 * {@code binary_sensor}s (motion, smoke, leak, contact). Thread-safe.
 */
public final class HomeAssistantDialect implements VendorDialect {

    private static final List<String> SENSORS = List.of("temperature", "humidity", "co2", "watts", "energy", "battery");
    private static final List<String> BINARY = List.of("motion", "smoke", "leak", "contact");

    @Override
    public String name() {
        return "homeassistant";
    }

    @Override
    public List<VendorMessage> onConnect(VendorDevice device, Map<String, Object> state) {
        List<VendorMessage> out = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> config : configs(device).entrySet()) {
            out.add(message(raw(device) + config.getKey(), config.getValue(), true));
        }
        out.add(message(base(device) + "/status", "online", true));
        out.addAll(states(device, state, null));
        return List.copyOf(out);
    }

    @Override
    public List<VendorMessage> onChange(VendorDevice device, Map<String, Object> state, Set<String> changed) {
        return states(device, state, changed);
    }

    @Override
    public VendorMessage will(VendorDevice device) {
        return message(base(device) + "/status", "offline", true);
    }

    @Override
    public List<String> commandFilters(VendorDevice device) {
        return List.of(base(device) + "/+/set", base(device) + "/+/+/set");
    }

    @Override
    public Optional<Map<String, Object>> parseCommand(VendorDevice device, String topic, byte[] payload) {
        return parseCommand(device, topic, payload, Map.of());
    }

    @Override
    public Optional<Map<String, Object>> parseCommand(VendorDevice device, String topic, byte[] payload,
                                                      Map<String, Object> state) {
        String base = base(device) + "/";
        if (!topic.startsWith(base)) {
            return Optional.empty();
        }
        String text = DialectSupport.utf8(payload);
        Map<String, Object> changes = new HashMap<>();
        switch (topic.substring(base.length())) {
            case "light/set" -> {
                Optional<JsonNode> json = DialectSupport.jsonObject(payload);
                if (json.isEmpty() || !isLight(device)) {
                    return Optional.empty();
                }
                JsonNode command = json.get();
                if (command.path("state").isTextual()) {
                    changes.put("power", command.path("state").textValue().equalsIgnoreCase("ON") ? "ON" : "OFF");
                }
                if (command.path("brightness").isNumber() && has(device, "brightness")) {
                    changes.put("brightness", (double) Math.round(command.path("brightness").doubleValue() * 100 / 255));
                }
                JsonNode color = command.path("color");
                if (color.has("r") && color.has("g") && color.has("b") && has(device, "color")) {
                    changes.put("color", DialectSupport.hex(color.path("r").asInt(), color.path("g").asInt(),
                            color.path("b").asInt()));
                }
            }
            case "switch/set" -> {
                if (!has(device, "power") || isLight(device)) {
                    return Optional.empty();
                }
                switch (text.toUpperCase(Locale.ROOT)) {
                    case "ON" -> changes.put("power", "ON");
                    case "OFF" -> changes.put("power", "OFF");
                    default -> { }
                }
            }
            case "cover/set" -> {
                switch (text.toUpperCase(Locale.ROOT)) {
                    case "OPEN" -> changes.put("position", 100.0);
                    case "CLOSE" -> changes.put("position", 0.0);
                    default -> { } // STOP
                }
            }
            case "cover/position/set" -> parse(text).ifPresent(v -> changes.put("position", Math.max(0, Math.min(100, v))));
            case "climate/setpoint/set" -> parse(text).ifPresent(v -> changes.put("setpoint", v));
            case "climate/mode/set" -> {
                if (has(device, "mode") && !text.isEmpty()) {
                    changes.put("mode", text);
                }
            }
            default -> {
                return Optional.empty();
            }
        }
        return changes.isEmpty() ? Optional.empty() : Optional.of(Map.copyOf(changes));
    }

    private static Optional<Double> parse(String text) {
        try {
            double v = Double.parseDouble(text);
            return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ payloads

    private static String base(VendorDevice device) {
        return raw(device) + device.id();
    }

    private static boolean isLight(VendorDevice device) {
        return has(device, "power") && (has(device, "brightness") || has(device, "color"));
    }

    /** Discovery topic (below the raw prefix) → config, in publishing order. */
    static Map<String, ObjectNode> configs(VendorDevice device) {
        Map<String, ObjectNode> out = new java.util.LinkedHashMap<>();
        String id = device.id();
        if (isLight(device)) {
            ObjectNode c = entity(device, "light");
            c.put("~", id + "/light");
            c.put("cmd_t", "~/set");
            c.put("stat_t", "~/state");
            c.put("schema", "json");
            if (has(device, "brightness")) {
                c.put("brightness", true);
            }
            ArrayNode modes = c.putArray("sup_clrm");
            modes.add(has(device, "color") ? "rgb" : has(device, "brightness") ? "brightness" : "onoff");
            out.put("homeassistant/light/" + id + "/light/config", c);
        } else if (has(device, "power") && !has(device, "position")) {
            ObjectNode c = entity(device, "switch");
            c.put("cmd_t", id + "/switch/set");
            c.put("stat_t", id + "/switch/state");
            c.put("dev_cla", has(device, "watts") ? "outlet" : "switch");
            out.put("homeassistant/switch/" + id + "/switch/config", c);
        }
        if (has(device, "position")) {
            ObjectNode c = entity(device, "cover");
            c.put("cmd_t", id + "/cover/set");
            c.put("pos_t", id + "/cover/position");
            c.put("set_pos_t", id + "/cover/position/set");
            c.put("dev_cla", "shade");
            out.put("homeassistant/cover/" + id + "/cover/config", c);
        }
        boolean climate = has(device, "setpoint");
        if (climate) {
            ObjectNode c = entity(device, "climate");
            VendorAttribute setpoint = DialectSupport.attribute(device, "setpoint").orElseThrow();
            c.put("temp_cmd_t", id + "/climate/setpoint/set");
            c.put("temp_stat_t", id + "/climate/setpoint");
            if (has(device, "temperature")) {
                c.put("curr_temp_t", id + "/climate/temperature");
            }
            if (has(device, "mode")) {
                c.put("mode_cmd_t", id + "/climate/mode/set");
                c.put("mode_stat_t", id + "/climate/mode");
                List<String> choices = DialectSupport.attribute(device, "mode").orElseThrow().choices();
                ArrayNode modes = c.putArray("modes");
                (choices.isEmpty() ? List.of("off", "heat", "auto") : choices).forEach(modes::add);
            } else {
                c.putArray("modes").add("heat");
            }
            putNumber(c, "min_temp", setpoint.min() == null ? 7 : setpoint.min());
            putNumber(c, "max_temp", setpoint.max() == null ? 35 : setpoint.max());
            c.put("temp_step", 0.5);
            c.put("temperature_unit", "C");
            out.put("homeassistant/climate/" + id + "/climate/config", c);
        }
        for (String sensor : SENSORS) {
            if (!has(device, sensor) || climate && sensor.equals("temperature")) {
                continue;
            }
            ObjectNode c = entity(device, sensor);
            c.put("name", label(sensor));
            c.put("stat_t", id + "/sensor/state");
            c.put("val_tpl", "{{ value_json." + sensor + " }}");
            String[] classAndUnit = switch (sensor) {
                case "temperature" -> new String[] {"temperature", "°C"};
                case "humidity" -> new String[] {"humidity", "%"};
                case "co2" -> new String[] {"carbon_dioxide", "ppm"};
                case "watts" -> new String[] {"power", "W"};
                case "energy" -> new String[] {"energy", "kWh"};
                default -> new String[] {"battery", "%"};
            };
            c.put("dev_cla", classAndUnit[0]);
            c.put("unit_of_meas", classAndUnit[1]);
            c.put("stat_cla", sensor.equals("energy") ? "total_increasing" : "measurement");
            out.put("homeassistant/sensor/" + id + "/" + sensor + "/config", c);
        }
        for (String binary : BINARY) {
            if (!has(device, binary)) {
                continue;
            }
            ObjectNode c = entity(device, binary);
            c.put("name", label(binary));
            c.put("stat_t", id + "/" + binary + "/state");
            c.put("dev_cla", switch (binary) {
                case "leak" -> "moisture";
                case "contact" -> "door";
                default -> binary;
            });
            out.put("homeassistant/binary_sensor/" + id + "/" + binary + "/config", c);
        }
        return out;
    }

    private static ObjectNode entity(VendorDevice device, String object) {
        ObjectNode c = JSON.createObjectNode();
        c.putNull("name"); // the entity takes the device's name
        c.put("uniq_id", device.id() + "_" + object);
        c.put("avty_t", device.id() + "/status");
        ObjectNode dev = c.putObject("dev");
        dev.putArray("ids").add(device.id());
        dev.put("name", device.name());
        dev.put("mf", "Domus");
        dev.put("mdl", device.type());
        dev.put("sw", "1.0");
        ObjectNode origin = c.putObject("o");
        origin.put("name", "domus-sim");
        origin.put("sw", "1.0");
        return c;
    }

    private static String label(String attribute) {
        return switch (attribute) {
            case "co2" -> "CO2";
            case "watts" -> "Power";
            default -> Character.toUpperCase(attribute.charAt(0)) + attribute.substring(1);
        };
    }

    /** State messages for the changed attributes ({@code null}: all of them). */
    private static List<VendorMessage> states(VendorDevice device, Map<String, Object> state, Set<String> changed) {
        List<VendorMessage> out = new ArrayList<>();
        String base = base(device);
        boolean all = changed == null;
        if (isLight(device) && (all || changed.contains("power") || changed.contains("brightness")
                || changed.contains("color"))) {
            ObjectNode light = JSON.createObjectNode();
            light.put("state", DialectSupport.onOff(state));
            if (has(device, "brightness")) {
                light.put("brightness", (int) Math.round(number(state, "brightness", 100) * 255 / 100));
            }
            if (has(device, "color")) {
                int[] rgb = DialectSupport.rgb(DialectSupport.color(state));
                light.put("color_mode", "rgb");
                ObjectNode color = light.putObject("color");
                color.put("r", rgb[0]);
                color.put("g", rgb[1]);
                color.put("b", rgb[2]);
            } else if (has(device, "brightness")) {
                light.put("color_mode", "brightness");
            }
            out.add(message(base + "/light/state", light, true));
        } else if (has(device, "power") && !has(device, "position") && (all || changed.contains("power"))) {
            out.add(message(base + "/switch/state", DialectSupport.onOff(state), true));
        }
        if (has(device, "position") && (all || changed.contains("position"))) {
            out.add(message(base + "/cover/position", Long.toString(Math.round(number(state, "position", 0))), true));
        }
        boolean climate = has(device, "setpoint");
        if (climate) {
            if (all || changed.contains("setpoint")) {
                out.add(message(base + "/climate/setpoint", format(number(state, "setpoint", 20)), true));
            }
            if (has(device, "temperature") && (all || changed.contains("temperature"))) {
                out.add(message(base + "/climate/temperature",
                        format(DialectSupport.round(number(state, "temperature", 20), 1)), true));
            }
            if (has(device, "mode") && (all || changed.contains("mode"))) {
                out.add(message(base + "/climate/mode", DialectSupport.text(state, "mode", "heat"), true));
            }
        }
        boolean sensorChanged = all || SENSORS.stream().anyMatch(changed::contains);
        ObjectNode sensors = JSON.createObjectNode();
        for (String sensor : SENSORS) {
            if (has(device, sensor) && !(climate && sensor.equals("temperature"))) {
                putNumber(sensors, sensor, DialectSupport.round(number(state, sensor, 0), 2));
            }
        }
        if (sensorChanged && !sensors.isEmpty()) {
            out.add(message(base + "/sensor/state", sensors, true));
        }
        for (String binary : BINARY) {
            if (has(device, binary) && (all || changed.contains(binary))) {
                boolean on = binary.equals("contact") ? !DialectSupport.closed(state)
                        : DialectSupport.flag(state, binary, false);
                out.add(message(base + "/" + binary + "/state", on ? "ON" : "OFF", true));
            }
        }
        return out;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
