package org.domus.sim.vendor;

import static org.domus.sim.vendor.DialectSupport.JSON;
import static org.domus.sim.vendor.DialectSupport.has;
import static org.domus.sim.vendor.DialectSupport.message;
import static org.domus.sim.vendor.DialectSupport.number;
import static org.domus.sim.vendor.DialectSupport.putNumber;
import static org.domus.sim.vendor.DialectSupport.raw;

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
 * Zigbee2MQTT: the device's JSON state on {@code zigbee2mqtt/<friendly name>}, availability on
 * {@code …/availability} ({@code {"state":"online"}}), self-description in the retained
 * {@code zigbee2mqtt/bridge/devices} array (each simulated device publishes an array holding only itself), commands
 * as JSON on {@code …/set}. The device id is its friendly name. Thread-safe.
 */
public final class Zigbee2MqttDialect implements VendorDialect {

    private static final int PUBLISHED = 1;
    private static final int SETTABLE = 2;
    private static final int GETTABLE = 4;

    @Override
    public String name() {
        return "zigbee2mqtt";
    }

    @Override
    public List<VendorMessage> onConnect(VendorDevice device, Map<String, Object> state) {
        ArrayNode devices = JSON.createArrayNode();
        devices.add(bridgeEntry(device));
        return List.of(
                message(raw(device) + "zigbee2mqtt/bridge/devices", devices, true),
                availability(device, "online"),
                message(base(device), state(device, state), false));
    }

    @Override
    public List<VendorMessage> onChange(VendorDevice device, Map<String, Object> state, Set<String> changed) {
        return List.of(message(base(device), state(device, state), false)); // Zigbee2MQTT sends the whole state
    }

    @Override
    public VendorMessage will(VendorDevice device) {
        return availability(device, "offline");
    }

    @Override
    public List<String> commandFilters(VendorDevice device) {
        return List.of(base(device) + "/set", base(device) + "/set/+");
    }

    @Override
    public Optional<Map<String, Object>> parseCommand(VendorDevice device, String topic, byte[] payload) {
        return parseCommand(device, topic, payload, Map.of());
    }

    @Override
    public Optional<Map<String, Object>> parseCommand(VendorDevice device, String topic, byte[] payload,
                                                      Map<String, Object> state) {
        String set = base(device) + "/set";
        ObjectNode command;
        if (topic.equals(set)) {
            Optional<JsonNode> json = DialectSupport.jsonObject(payload);
            if (json.isEmpty()) {
                return Optional.empty();
            }
            command = (ObjectNode) json.get();
        } else if (topic.startsWith(set + "/") && topic.indexOf('/', set.length() + 1) < 0) {
            command = JSON.createObjectNode();
            String value = DialectSupport.utf8(payload);
            try {
                command.put(topic.substring(set.length() + 1), Double.parseDouble(value));
            } catch (NumberFormatException e) {
                command.put(topic.substring(set.length() + 1), value);
            }
        } else {
            return Optional.empty();
        }
        Map<String, Object> changes = new HashMap<>();
        JsonNode stateValue = command.get("state");
        if (stateValue != null && stateValue.isTextual()) {
            String s = stateValue.textValue().toUpperCase(Locale.ROOT);
            if (has(device, "position")) {
                switch (s) {
                    case "OPEN" -> changes.put("position", 100.0);
                    case "CLOSE" -> changes.put("position", 0.0);
                    default -> { } // STOP: stays where it is
                }
            } else if (has(device, "power")) {
                switch (s) {
                    case "ON" -> changes.put("power", "ON");
                    case "OFF" -> changes.put("power", "OFF");
                    case "TOGGLE" -> changes.put("power", DialectSupport.flag(state, "power", false) ? "OFF" : "ON");
                    default -> { }
                }
            }
        }
        JsonNode brightness = command.get("brightness");
        if (brightness != null && brightness.isNumber() && has(device, "brightness")) {
            double percent = Math.max(0, Math.min(254, brightness.doubleValue())) * 100.0 / 254;
            changes.put("brightness", (double) Math.round(percent));
            changes.putIfAbsent("power", percent > 0 ? "ON" : "OFF");
        }
        JsonNode color = command.get("color");
        if (color != null && color.isObject() && has(device, "color")) {
            String hex = null;
            if (color.path("hex").isTextual()) {
                hex = color.path("hex").textValue().toLowerCase(Locale.ROOT);
            } else if (color.has("x") && color.has("y")) {
                hex = DialectSupport.fromXy(color.path("x").asDouble(), color.path("y").asDouble());
            } else if (color.has("r") && color.has("g") && color.has("b")) {
                hex = DialectSupport.hex(color.path("r").asInt(), color.path("g").asInt(), color.path("b").asInt());
            } else if (color.has("hue") && color.has("saturation")) {
                hex = DialectSupport.fromHs(color.path("hue").asDouble(), color.path("saturation").asDouble());
            }
            if (hex != null && hex.matches("#[0-9a-f]{6}")) {
                changes.put("color", hex);
            }
        }
        jsonNumber(command, "position").filter(v -> has(device, "position"))
                .ifPresent(v -> changes.put("position", Math.max(0, Math.min(100, v))));
        jsonNumber(command, "occupied_heating_setpoint").filter(v -> has(device, "setpoint"))
                .ifPresent(v -> changes.put("setpoint", v));
        JsonNode mode = command.get("system_mode");
        if (mode != null && mode.isTextual() && has(device, "mode")) {
            changes.put("mode", mode.textValue());
        }
        return changes.isEmpty() ? Optional.empty() : Optional.of(Map.copyOf(changes));
    }

    private static Optional<Double> jsonNumber(JsonNode command, String key) {
        JsonNode value = command.get(key);
        return value != null && value.isNumber() ? Optional.of(value.doubleValue()) : Optional.empty();
    }

    // ------------------------------------------------------------------ payloads

    private static String base(VendorDevice device) {
        return raw(device) + "zigbee2mqtt/" + device.id();
    }

    private static VendorMessage availability(VendorDevice device, String status) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("state", status);
        return message(base(device) + "/availability", payload, true);
    }

    /** The state JSON, with Zigbee2MQTT's property names and scales. */
    static ObjectNode state(VendorDevice device, Map<String, Object> state) {
        ObjectNode node = JSON.createObjectNode();
        if (has(device, "power")) {
            node.put("state", DialectSupport.onOff(state));
        }
        if (has(device, "brightness")) {
            node.put("brightness", (int) Math.round(number(state, "brightness", 100) * 254 / 100));
        }
        if (has(device, "color")) {
            double[] xy = DialectSupport.xy(DialectSupport.color(state));
            ObjectNode color = node.putObject("color");
            color.put("x", xy[0]);
            color.put("y", xy[1]);
            node.put("color_mode", "xy");
        }
        if (has(device, "position")) {
            int position = (int) Math.round(number(state, "position", 0));
            node.put("position", position);
            node.put("state", position > 0 ? "OPEN" : "CLOSE");
        }
        if (has(device, "setpoint")) {
            putNumber(node, "occupied_heating_setpoint", number(state, "setpoint", 20));
            if (has(device, "temperature")) {
                putNumber(node, "local_temperature", DialectSupport.round(number(state, "temperature", 20), 2));
            }
            if (has(device, "mode")) {
                node.put("system_mode", DialectSupport.text(state, "mode", "heat"));
            }
        } else if (has(device, "temperature")) {
            putNumber(node, "temperature", DialectSupport.round(number(state, "temperature", 20), 2));
        }
        if (has(device, "humidity")) {
            putNumber(node, "humidity", DialectSupport.round(number(state, "humidity", 50), 2));
        }
        if (has(device, "co2")) {
            putNumber(node, "co2", Math.round(number(state, "co2", 400)));
        }
        if (has(device, "watts")) {
            putNumber(node, "power", DialectSupport.round(number(state, "watts", 0), 1));
        }
        if (has(device, "energy")) {
            putNumber(node, "energy", DialectSupport.round(number(state, "energy", 0), 3));
        }
        if (has(device, "contact")) {
            node.put("contact", DialectSupport.closed(state)); // true means closed
        }
        if (has(device, "motion")) {
            node.put("occupancy", DialectSupport.flag(state, "motion", false));
        }
        if (has(device, "smoke")) {
            node.put("smoke", DialectSupport.flag(state, "smoke", false));
        }
        if (has(device, "leak")) {
            node.put("water_leak", DialectSupport.flag(state, "leak", false));
        }
        if (has(device, "battery")) {
            putNumber(node, "battery", Math.round(number(state, "battery", 100)));
        }
        node.put("linkquality", 160);
        return node;
    }

    /** The device's entry of {@code bridge/devices}: identity, definition and exposes. */
    static ObjectNode bridgeEntry(VendorDevice device) {
        ObjectNode entry = JSON.createObjectNode();
        String ieee = "0x" + DialectSupport.pseudoMac(device.id()).toLowerCase(Locale.ROOT) + "beef";
        entry.put("ieee_address", ieee);
        boolean mains = has(device, "power") || has(device, "position") || has(device, "setpoint");
        entry.put("type", mains ? "Router" : "EndDevice");
        entry.put("network_address", Math.floorMod(device.id().hashCode(), 65_000));
        entry.put("supported", true);
        entry.put("friendly_name", device.id());
        entry.put("disabled", false);
        entry.putNull("description");
        ObjectNode definition = entry.putObject("definition");
        definition.put("model", "SIM-" + device.type().toUpperCase(Locale.ROOT));
        definition.put("vendor", "Domus");
        definition.put("description", device.name());
        definition.set("exposes", exposes(device));
        definition.putArray("options");
        definition.put("supports_ota", false);
        entry.put("power_source", mains ? "Mains (single phase)" : "Battery");
        entry.put("model_id", "domus." + device.type());
        entry.put("manufacturer", "Domus");
        entry.put("interview_completed", true);
        entry.put("interviewing", false);
        return entry;
    }

    private static ArrayNode exposes(VendorDevice device) {
        ArrayNode exposes = JSON.createArrayNode();
        if (has(device, "position")) {
            ObjectNode cover = exposes.addObject();
            cover.put("type", "cover");
            ArrayNode features = cover.putArray("features");
            ObjectNode state = features.addObject();
            state.put("type", "enum");
            state.put("name", "state");
            state.put("property", "state");
            state.put("access", PUBLISHED | SETTABLE);
            state.putArray("values").add("OPEN").add("CLOSE").add("STOP");
            features.add(numeric("position", "%", PUBLISHED | SETTABLE | GETTABLE, 0.0, 100.0));
        } else if (has(device, "power")) {
            boolean light = has(device, "brightness") || has(device, "color");
            ObjectNode group = exposes.addObject();
            group.put("type", light ? "light" : "switch");
            ArrayNode features = group.putArray("features");
            ObjectNode state = features.addObject();
            state.put("type", "binary");
            state.put("name", "state");
            state.put("property", "state");
            state.put("access", PUBLISHED | SETTABLE | GETTABLE);
            state.put("value_on", "ON");
            state.put("value_off", "OFF");
            state.put("value_toggle", "TOGGLE");
            if (has(device, "brightness")) {
                features.add(numeric("brightness", null, PUBLISHED | SETTABLE | GETTABLE, 0.0, 254.0));
            }
            if (has(device, "color")) {
                ObjectNode color = features.addObject();
                color.put("type", "composite");
                color.put("name", "color_xy");
                color.put("property", "color");
                color.put("access", PUBLISHED | SETTABLE | GETTABLE);
                ArrayNode xy = color.putArray("features");
                xy.add(numeric("x", null, PUBLISHED | SETTABLE | GETTABLE, null, null));
                xy.add(numeric("y", null, PUBLISHED | SETTABLE | GETTABLE, null, null));
            }
        }
        if (has(device, "setpoint")) {
            ObjectNode climate = exposes.addObject();
            climate.put("type", "climate");
            ArrayNode features = climate.putArray("features");
            VendorAttribute setpoint = DialectSupport.attribute(device, "setpoint").orElseThrow();
            ObjectNode sp = numeric("occupied_heating_setpoint", "°C", PUBLISHED | SETTABLE | GETTABLE,
                    setpoint.min() == null ? 5.0 : setpoint.min(), setpoint.max() == null ? 30.0 : setpoint.max());
            sp.put("value_step", 0.5);
            features.add(sp);
            if (has(device, "temperature")) {
                features.add(numeric("local_temperature", "°C", PUBLISHED | GETTABLE, null, null));
            }
            if (has(device, "mode")) {
                ObjectNode mode = features.addObject();
                mode.put("type", "enum");
                mode.put("name", "system_mode");
                mode.put("property", "system_mode");
                mode.put("access", PUBLISHED | SETTABLE | GETTABLE);
                ArrayNode values = mode.putArray("values");
                List<String> choices = DialectSupport.attribute(device, "mode").orElseThrow().choices();
                (choices.isEmpty() ? List.of("off", "heat", "auto") : choices).forEach(values::add);
            }
        } else if (has(device, "temperature")) {
            exposes.add(numeric("temperature", "°C", PUBLISHED, null, null));
        }
        if (has(device, "humidity")) {
            exposes.add(numeric("humidity", "%", PUBLISHED, null, null));
        }
        if (has(device, "co2")) {
            exposes.add(numeric("co2", "ppm", PUBLISHED, null, null));
        }
        if (has(device, "watts")) {
            exposes.add(numeric("power", "W", PUBLISHED | GETTABLE, null, null));
        }
        if (has(device, "energy")) {
            exposes.add(numeric("energy", "kWh", PUBLISHED | GETTABLE, null, null));
        }
        if (has(device, "contact")) {
            exposes.add(binary("contact", false, true)); // value_on false: "on" is open, and true means closed
        }
        if (has(device, "motion")) {
            exposes.add(binary("occupancy", true, false));
        }
        if (has(device, "smoke")) {
            exposes.add(binary("smoke", true, false));
        }
        if (has(device, "leak")) {
            exposes.add(binary("water_leak", true, false));
        }
        if (has(device, "battery")) {
            exposes.add(numeric("battery", "%", PUBLISHED, 0.0, 100.0));
        }
        exposes.add(numeric("linkquality", "lqi", PUBLISHED, 0.0, 255.0));
        return exposes;
    }

    private static ObjectNode numeric(String name, String unit, int access, Double min, Double max) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "numeric");
        node.put("name", name);
        node.put("property", name);
        node.put("access", access);
        if (unit != null) {
            node.put("unit", unit);
        }
        if (min != null) {
            putNumber(node, "value_min", min);
        }
        if (max != null) {
            putNumber(node, "value_max", max);
        }
        return node;
    }

    private static ObjectNode binary(String name, boolean on, boolean off) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "binary");
        node.put("name", name);
        node.put("property", name);
        node.put("access", PUBLISHED);
        node.put("value_on", on);
        node.put("value_off", off);
        return node;
    }
}
