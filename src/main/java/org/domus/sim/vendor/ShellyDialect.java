package org.domus.sim.vendor;

import static org.domus.sim.vendor.DialectSupport.JSON;
import static org.domus.sim.vendor.DialectSupport.has;
import static org.domus.sim.vendor.DialectSupport.message;
import static org.domus.sim.vendor.DialectSupport.number;
import static org.domus.sim.vendor.DialectSupport.putNumber;
import static org.domus.sim.vendor.DialectSupport.raw;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Shelly Gen2+ (JSON-RPC over MQTT): {@code <id>/online} {@code true}/{@code false}, full component status on
 * {@code <id>/status/<component:n>}, deltas as {@code NotifyStatus} on {@code <id>/events/rpc}, commands as JSON-RPC
 * on {@code <id>/rpc} ({@code Switch.Set}, {@code Light.Set}, {@code Cover.GoToPosition}) or plain on
 * {@code <id>/command/switch:0}. The device id is its topic prefix. Components: {@code switch:0} (power, watts,
 * energy), {@code light:0} (power, brightness), {@code cover:0} (position), {@code temperature:0},
 * {@code humidity:0}, {@code smoke:0}, {@code devicepower:0} (battery). Thread-safe.
 */
public final class ShellyDialect implements VendorDialect {

    private final Clock clock;

    public ShellyDialect() {
        this(Clock.systemUTC());
    }

    public ShellyDialect(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "shelly";
    }

    @Override
    public List<VendorMessage> onConnect(VendorDevice device, Map<String, Object> state) {
        List<VendorMessage> out = new ArrayList<>();
        out.add(message(base(device) + "/online", "true", true));
        components(device, state).forEach((component, status) ->
                out.add(message(base(device) + "/status/" + component, status, false)));
        return List.copyOf(out);
    }

    @Override
    public List<VendorMessage> onChange(VendorDevice device, Map<String, Object> state, Set<String> changed) {
        Map<String, ObjectNode> all = components(device, state);
        Map<String, ObjectNode> touched = new LinkedHashMap<>();
        for (String attribute : changed) {
            String component = componentOf(device, attribute);
            if (component != null && all.containsKey(component)) {
                touched.put(component, all.get(component));
            }
        }
        if (touched.isEmpty()) {
            return List.of();
        }
        List<VendorMessage> out = new ArrayList<>();
        ObjectNode notify = JSON.createObjectNode();
        notify.put("src", device.id());
        notify.put("dst", device.id() + "/events");
        notify.put("method", "NotifyStatus");
        ObjectNode params = notify.putObject("params");
        params.put("ts", DialectSupport.round(clock.millis() / 1000.0, 2));
        touched.forEach(params::set);
        out.add(message(base(device) + "/events/rpc", notify, false));
        touched.forEach((component, status) ->
                out.add(message(base(device) + "/status/" + component, status, false)));
        return List.copyOf(out);
    }

    @Override
    public VendorMessage will(VendorDevice device) {
        return message(base(device) + "/online", "false", true);
    }

    @Override
    public List<String> commandFilters(VendorDevice device) {
        return List.of(base(device) + "/rpc", base(device) + "/command/+");
    }

    @Override
    public Optional<Map<String, Object>> parseCommand(VendorDevice device, String topic, byte[] payload) {
        return parseCommand(device, topic, payload, Map.of());
    }

    @Override
    public Optional<Map<String, Object>> parseCommand(VendorDevice device, String topic, byte[] payload,
                                                      Map<String, Object> state) {
        if (topic.equals(base(device) + "/command/switch:0") || topic.equals(base(device) + "/command/light:0")) {
            return switch (DialectSupport.utf8(payload).toLowerCase(Locale.ROOT)) {
                case "on" -> Optional.of(Map.of("power", "ON"));
                case "off" -> Optional.of(Map.of("power", "OFF"));
                case "toggle" -> Optional.of(Map.of("power", DialectSupport.flag(state, "power", false) ? "OFF" : "ON"));
                default -> Optional.empty();
            };
        }
        if (!topic.equals(base(device) + "/rpc")) {
            return Optional.empty();
        }
        Optional<JsonNode> request = DialectSupport.jsonObject(payload);
        if (request.isEmpty() || !request.get().path("method").isTextual()) {
            return Optional.empty();
        }
        JsonNode params = request.get().path("params");
        if (params.path("id").asInt(0) != 0) {
            return Optional.empty(); // the simulated devices have one channel
        }
        Map<String, Object> changes = new HashMap<>();
        switch (request.get().path("method").textValue()) {
            case "Switch.Set", "Light.Set" -> {
                if (params.path("on").isBoolean() && has(device, "power")) {
                    changes.put("power", params.path("on").booleanValue() ? "ON" : "OFF");
                }
                if (params.path("brightness").isNumber() && has(device, "brightness")) {
                    changes.put("brightness", Math.max(0, Math.min(100, params.path("brightness").doubleValue())));
                }
            }
            case "Switch.Toggle", "Light.Toggle" -> {
                if (has(device, "power")) {
                    changes.put("power", DialectSupport.flag(state, "power", false) ? "OFF" : "ON");
                }
            }
            case "Cover.GoToPosition" -> {
                if (params.path("pos").isNumber() && has(device, "position")) {
                    changes.put("position", Math.max(0, Math.min(100, params.path("pos").doubleValue())));
                }
            }
            case "Cover.Open" -> {
                if (has(device, "position")) {
                    changes.put("position", 100.0);
                }
            }
            case "Cover.Close" -> {
                if (has(device, "position")) {
                    changes.put("position", 0.0);
                }
            }
            default -> {
                return Optional.empty();
            }
        }
        return changes.isEmpty() ? Optional.empty() : Optional.of(Map.copyOf(changes));
    }

    // ------------------------------------------------------------------ payloads

    private static String base(VendorDevice device) {
        return raw(device) + device.id();
    }

    private static boolean isLight(VendorDevice device) {
        return has(device, "brightness");
    }

    private static String componentOf(VendorDevice device, String attribute) {
        return switch (attribute) {
            case "power", "brightness" -> isLight(device) ? "light:0" : "switch:0";
            case "watts", "energy" -> isLight(device) ? "light:0" : "switch:0";
            case "position" -> "cover:0";
            case "temperature" -> "temperature:0";
            case "humidity" -> "humidity:0";
            case "smoke" -> "smoke:0";
            case "battery" -> "devicepower:0";
            default -> null;
        };
    }

    /** Every component's full status, as {@code Shelly.GetStatus} would list it. */
    private Map<String, ObjectNode> components(VendorDevice device, Map<String, Object> state) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        if (has(device, "power") && !has(device, "position")) {
            ObjectNode s = JSON.createObjectNode();
            s.put("id", 0);
            s.put("source", "init");
            s.put("output", DialectSupport.flag(state, "power", false));
            if (isLight(device)) {
                putNumber(s, "brightness", Math.round(number(state, "brightness", 100)));
                out.put("light:0", s);
            } else {
                double watts = number(state, "watts", 0);
                putNumber(s, "apower", DialectSupport.round(watts, 1));
                s.put("voltage", 230.1);
                putNumber(s, "current", DialectSupport.round(watts / 230.1, 3));
                ObjectNode energy = s.putObject("aenergy");
                putNumber(energy, "total", DialectSupport.round(number(state, "energy", 0) * 1000, 3)); // Wh
                energy.putArray("by_minute").add(0.0).add(0.0).add(0.0);
                energy.put("minute_ts", clock.millis() / 1000);
                ObjectNode temperature = s.putObject("temperature");
                temperature.put("tC", 44.4);
                temperature.put("tF", 112.0);
                out.put("switch:0", s);
            }
        }
        if (has(device, "position")) {
            ObjectNode s = JSON.createObjectNode();
            s.put("id", 0);
            s.put("source", "init");
            int position = (int) Math.round(number(state, "position", 0));
            s.put("state", position >= 100 ? "open" : position <= 0 ? "closed" : "stopped");
            s.put("apower", 0.0);
            s.put("voltage", 230.1);
            s.put("current_pos", position);
            s.put("pos_control", true);
            out.put("cover:0", s);
        }
        if (has(device, "temperature")) {
            ObjectNode s = JSON.createObjectNode();
            s.put("id", 0);
            double c = DialectSupport.round(number(state, "temperature", 20), 1);
            putNumber(s, "tC", c);
            putNumber(s, "tF", DialectSupport.round(c * 9 / 5 + 32, 1));
            out.put("temperature:0", s);
        }
        if (has(device, "humidity")) {
            ObjectNode s = JSON.createObjectNode();
            s.put("id", 0);
            putNumber(s, "rh", DialectSupport.round(number(state, "humidity", 50), 1));
            out.put("humidity:0", s);
        }
        if (has(device, "smoke")) {
            ObjectNode s = JSON.createObjectNode();
            s.put("id", 0);
            s.put("alarm", DialectSupport.flag(state, "smoke", false));
            s.put("mute", false);
            out.put("smoke:0", s);
        }
        if (has(device, "battery")) {
            ObjectNode s = JSON.createObjectNode();
            s.put("id", 0);
            ObjectNode battery = s.putObject("battery");
            battery.put("V", 3.1);
            putNumber(battery, "percent", Math.round(number(state, "battery", 100)));
            s.putObject("external").put("present", false);
            out.put("devicepower:0", s);
        }
        return out;
    }
}
