package org.domus.ingest.vendor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.domus.model.AttributeKind;
import org.domus.model.Colors;
import org.domus.model.Printable;

/**
 * Zigbee2MQTT with the default base topic {@code zigbee2mqtt}: {@code bridge/devices} (the exposes describe each
 * device's attributes), {@code <friendly name>} JSON state, {@code <friendly name>/availability}. The vendor id is
 * the friendly name (which may hold {@code /}). {@code bridge/devices} is merged, never used to forget devices:
 * simulated devices publish a list holding only themselves.
 */
final class Zigbee2MqttAdapter implements VendorAdapter {

    static final String VENDOR = "zigbee2mqtt";
    private static final String BASE = "zigbee2mqtt/";
    private static final int SETTABLE = 2;

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public boolean read(String topic, byte[] payload, VendorBatch batch) {
        if (!topic.startsWith(BASE) || topic.length() == BASE.length()) {
            return false;
        }
        String rest = topic.substring(BASE.length());
        if (rest.equals("bridge/devices")) {
            if (payload.length > 0) {
                bridgeDevices(Values.json(payload), batch);
            }
            return true;
        }
        if (rest.startsWith("bridge/")) {
            return true; // bridge state, info, events, requests and responses: nothing to record
        }
        int slash = rest.lastIndexOf('/');
        String last = slash < 0 ? rest : rest.substring(slash + 1);
        if (slash > 0 && last.equals("availability")) {
            availability(rest.substring(0, slash), payload, batch);
            return true;
        }
        if (rest.matches(".*/(set|get)(/[^/]+)?")) {
            return true; // commands and reads sent to the device
        }
        if (payload.length == 0) {
            return true;
        }
        state(rest, Values.jsonObject(payload), batch);
        return true;
    }

    // ------------------------------------------------------------------ state

    private static void availability(String friendly, byte[] payload, VendorBatch batch) {
        String text = Values.utf8(payload).strip();
        if (text.startsWith("{")) {
            text = Values.jsonObject(payload).path("state").asText("");
        }
        String status = text.toLowerCase(Locale.ROOT);
        if (!status.equals("online") && !status.equals("offline")) {
            throw new VendorPayloadException("availability is neither online nor offline: \""
                    + Printable.of(text, 30) + "\"");
        }
        DeviceSpec device = batch.device(VENDOR, friendly, friendly, "sensor").withIfAbsent(AttributeSpec.status());
        batch.update(device);
        batch.reading(device, "status", status);
    }

    private static void state(String friendly, JsonNode state, VendorBatch batch) {
        DeviceSpec device = batch.device(VENDOR, friendly, friendly, "sensor");
        Map<String, AttributeSpec> byProperty = byProperty(device);
        Map<String, Object> values = new LinkedHashMap<>();
        var fields = state.properties().iterator();
        while (fields.hasNext()) {
            var field = fields.next();
            String property = field.getKey();
            JsonNode value = field.getValue();
            AttributeSpec attribute = byProperty.get(property);
            if (attribute == null) {
                attribute = guess(property, value, device);
                if (attribute == null) {
                    continue;
                }
                device = device.with(attribute);
                byProperty.put(property, attribute);
            }
            Object decoded = decode(attribute, value);
            if (decoded != null) {
                values.put(attribute.name(), decoded);
            }
        }
        device = refineFromAttributes(device);
        batch.update(device);
        for (Map.Entry<String, Object> value : values.entrySet()) {
            batch.reading(device, value.getKey(), value.getValue());
        }
    }

    private static Map<String, AttributeSpec> byProperty(DeviceSpec device) {
        Map<String, AttributeSpec> out = new LinkedHashMap<>();
        for (AttributeSpec attribute : device.attributes().values()) {
            String property = attribute.param("property");
            if (property != null) {
                out.put(property, attribute);
            }
        }
        return out;
    }

    /** A Zigbee2MQTT value in Domus's canonical form, or null when there is nothing to record. */
    private static Object decode(AttributeSpec attribute, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        String decode = attribute.param("decode", "");
        return switch (decode) {
            case "scale254" -> (double) Math.round(Values.number(value, attribute.name()) * 100 / 254);
            case "contact" -> {
                if (!value.isBoolean()) {
                    throw new VendorPayloadException("contact is not true or false");
                }
                yield value.booleanValue() ? "closed" : "open"; // Zigbee2MQTT: true means closed
            }
            case "onoff" -> {
                String text = Values.scalarText(value);
                if (text == null) {
                    throw new VendorPayloadException(attribute.param("property") + " is not ON or OFF");
                }
                String upper = text.toUpperCase(Locale.ROOT);
                yield upper.equals(attribute.param("on", "ON").toUpperCase(Locale.ROOT)) ? "ON"
                        : upper.equals(attribute.param("off", "OFF").toUpperCase(Locale.ROOT)) ? "OFF" : null;
            }
            case "binary" -> {
                String on = attribute.param("on", "true");
                String text = Values.scalarText(value);
                yield text != null && text.equals(on);
            }
            case "color" -> color(value);
            default -> value.isContainerNode() ? null : value;
        };
    }

    private static String color(JsonNode color) {
        if (!color.isObject()) {
            throw new VendorPayloadException("color is not an object");
        }
        if (color.path("hex").isTextual()) {
            return Colors.parseHex(color.path("hex").textValue()).orElse(null);
        }
        if (color.path("x").isNumber() && color.path("y").isNumber()) {
            return Colors.fromXy(color.path("x").doubleValue(), color.path("y").doubleValue());
        }
        if (color.has("hue") && color.has("saturation")) {
            return Colors.fromHs(color.path("hue").asDouble(), color.path("saturation").asDouble());
        }
        if (color.has("h") && color.has("s")) {
            return Colors.fromHs(color.path("h").asDouble(), color.path("s").asDouble());
        }
        if (color.has("r") && color.has("g") && color.has("b")) {
            return Colors.hex(color.path("r").asInt(), color.path("g").asInt(), color.path("b").asInt());
        }
        return null;
    }

    /** An attribute for a property the state shows and the exposes (if any) did not describe. */
    private static AttributeSpec guess(String property, JsonNode value, DeviceSpec device) {
        Canonical canonical = CANONICAL.get(property);
        if (canonical != null && !device.attributes().containsKey(canonical.name)) {
            AttributeSpec spec = switch (canonical.name) {
                case "power" -> AttributeSpec.onOff("power", true);
                case "brightness" -> AttributeSpec.numeric("brightness", "%", true, 0.0, 100.0);
                case "color" -> AttributeSpec.color(true);
                case "contact" -> AttributeSpec.contact();
                case "motion", "leak", "smoke" -> AttributeSpec.bool(canonical.name);
                default -> value.isNumber()
                        ? AttributeSpec.numeric(canonical.name, canonical.unit, false, null, null) : null;
            };
            if (spec != null) {
                return spec.withParams(Map.of("property", property, "decode", canonical.decode));
            }
        }
        if (value.isContainerNode() || value.isNull() || property.equals("color_mode")) {
            return null; // color_mode only says how color is given
        }
        String name = VendorSlugs.attribute(property).orElse(null);
        if (name == null || device.attributes().containsKey(name)) {
            return null;
        }
        AttributeKind kind = Values.kindOf(value);
        return new AttributeSpec(name, kind, "", false, null, null, null, null, null, null,
                Map.of("property", property));
    }

    private record Canonical(String name, String unit, String decode) {
    }

    /** Zigbee2MQTT property → Domus's canonical attribute. */
    private static final Map<String, Canonical> CANONICAL = Map.ofEntries(
            Map.entry("state", new Canonical("power", "", "onoff")),
            Map.entry("brightness", new Canonical("brightness", "%", "scale254")),
            Map.entry("color", new Canonical("color", "", "color")),
            Map.entry("color_temp", new Canonical("color-temp", "mired", "")),
            Map.entry("temperature", new Canonical("temperature", "°C", "")),
            Map.entry("local_temperature", new Canonical("temperature", "°C", "")),
            Map.entry("humidity", new Canonical("humidity", "%", "")),
            Map.entry("pressure", new Canonical("pressure", "hPa", "")),
            Map.entry("co2", new Canonical("co2", "ppm", "")),
            Map.entry("power", new Canonical("watts", "W", "")),
            Map.entry("energy", new Canonical("energy", "kWh", "")),
            Map.entry("battery", new Canonical("battery", "%", "")),
            Map.entry("linkquality", new Canonical("linkquality", "lqi", "")),
            Map.entry("illuminance", new Canonical("illuminance", "lx", "")),
            Map.entry("illuminance_lux", new Canonical("illuminance", "lx", "")),
            Map.entry("occupancy", new Canonical("motion", "", "binary")),
            Map.entry("contact", new Canonical("contact", "", "contact")),
            Map.entry("water_leak", new Canonical("leak", "", "binary")),
            Map.entry("smoke", new Canonical("smoke", "", "binary")),
            Map.entry("occupied_heating_setpoint", new Canonical("setpoint", "°C", "")),
            Map.entry("current_heating_setpoint", new Canonical("setpoint", "°C", "")),
            Map.entry("system_mode", new Canonical("mode", "", "")),
            Map.entry("position", new Canonical("position", "%", "")));

    // ------------------------------------------------------------------ bridge/devices

    private static void bridgeDevices(JsonNode devices, VendorBatch batch) {
        if (!devices.isArray()) {
            throw new VendorPayloadException("bridge/devices is not a JSON array");
        }
        for (JsonNode entry : devices) {
            String friendly = entry.path("friendly_name").asText("");
            if (friendly.isEmpty() || entry.path("type").asText("").equals("Coordinator")) {
                continue;
            }
            JsonNode definition = entry.path("definition");
            if (!definition.isObject()) {
                continue; // unsupported or still interviewing: its state will describe it
            }
            DeviceSpec device = batch.device(VENDOR, friendly, friendly, "sensor");
            device = device.withProp("ieee", entry.path("ieee_address").asText(null))
                    .withProp("model", definition.path("model").asText(null))
                    .withProp("manufacturer", definition.path("vendor").asText(null));
            String group = null;
            for (JsonNode expose : definition.path("exposes")) {
                String type = expose.path("type").asText("");
                if (expose.has("features") && !type.equals("composite")) {
                    group = group == null ? type : group;
                    for (JsonNode feature : expose.path("features")) {
                        device = feature(device, feature, type);
                    }
                } else {
                    device = feature(device, expose, null);
                }
            }
            batch.update(kind(device, group));
        }
    }

    /** One exposed feature as an attribute; {@code group} is the type of the expose holding it (light, cover, …). */
    private static DeviceSpec feature(DeviceSpec device, JsonNode feature, String group) {
        String property = feature.path("property").asText("");
        String type = feature.path("type").asText("");
        if (property.isEmpty()) {
            return device;
        }
        boolean writable = (feature.path("access").asInt(1) & SETTABLE) != 0;
        String unit = feature.path("unit").asText("");
        Double min = feature.path("value_min").isNumber() ? feature.path("value_min").doubleValue() : null;
        Double max = feature.path("value_max").isNumber() ? feature.path("value_max").doubleValue() : null;
        List<String> values = new ArrayList<>();
        feature.path("values").forEach(v -> values.add(v.asText()));
        Canonical canonical = CANONICAL.get(property);
        AttributeSpec spec;
        if (property.equals("state") && "cover".equals(group)) {
            spec = AttributeSpec.enumeration("cover-state", writable, values)
                    .withParams(Map.of("property", property));
        } else if (property.equals("state") && type.equals("binary")) {
            spec = AttributeSpec.onOff("power", writable).withParams(Map.of("property", property, "decode", "onoff",
                    "on", feature.path("value_on").asText("ON"), "off", feature.path("value_off").asText("OFF")));
        } else if (property.equals("brightness")) {
            spec = AttributeSpec.numeric("brightness", "%", writable, 0.0, 100.0)
                    .withParams(Map.of("property", property, "decode", "scale254"));
        } else if (property.equals("color") && type.equals("composite")) {
            spec = AttributeSpec.color(writable).withParams(Map.of("property", property, "decode", "color",
                    "model", feature.path("name").asText("color_xy")));
        } else if (property.equals("contact")) {
            spec = AttributeSpec.contact().withParams(Map.of("property", property, "decode", "contact"));
        } else if (type.equals("binary")) {
            String name = canonical != null ? canonical.name : VendorSlugs.attribute(property).orElse(null);
            if (name == null) {
                return device;
            }
            JsonNode on = feature.path("value_on");
            if (on.isBoolean()) {
                spec = new AttributeSpec(name, AttributeKind.BOOLEAN, "", writable, null, null, null, null, null,
                        null, Map.of("property", property, "decode", "binary", "on", on.asText()));
            } else {
                spec = AttributeSpec.enumeration(name, writable, List.of(on.asText("ON"),
                        feature.path("value_off").asText("OFF"))).withParams(Map.of("property", property));
            }
        } else if (type.equals("numeric")) {
            String name = canonical != null ? canonical.name : VendorSlugs.attribute(property).orElse(null);
            if (name == null) {
                return device;
            }
            String domusUnit = canonical != null && !canonical.unit.isEmpty() && unit.isEmpty() ? canonical.unit : unit;
            spec = AttributeSpec.numeric(name, domusUnit, writable, min, max).withParams(Map.of("property", property));
        } else if (type.equals("enum")) {
            String name = canonical != null ? canonical.name : VendorSlugs.attribute(property).orElse(null);
            if (name == null) {
                return device;
            }
            spec = AttributeSpec.enumeration(name, writable, values).withParams(Map.of("property", property));
        } else if (type.equals("text")) {
            String name = VendorSlugs.attribute(property).orElse(null);
            if (name == null) {
                return device;
            }
            spec = AttributeSpec.text(name, writable).withParams(Map.of("property", property));
        } else {
            return device; // lists and other composites
        }
        AttributeSpec existing = device.attributes().get(spec.name());
        if (existing != null && !property.equals(existing.param("property"))) {
            // two properties with one canonical name (temperature and local_temperature): the second keeps its own
            String own = VendorSlugs.attribute(property).orElse(null);
            if (own == null) {
                return device;
            }
            spec = spec.named(own);
        }
        return device.with(spec);
    }

    private static DeviceSpec kind(DeviceSpec device, String group) {
        Map<String, AttributeSpec> a = device.attributes();
        String kind = group == null ? null : switch (group) {
            case "light" -> "light";
            case "switch" -> a.containsKey("watts") ? "plug" : "switch";
            case "cover" -> "cover";
            case "climate" -> "thermostat";
            case "lock" -> "lock";
            case "fan" -> "fan";
            default -> null;
        };
        if (kind == null) {
            return refineFromAttributes(device);
        }
        return device.named(device.name(), kind).withProp("group", group);
    }

    /** The kind when no expose group tells it: from the attributes. */
    private static DeviceSpec refineFromAttributes(DeviceSpec device) {
        if (device.props().containsKey("group")) {
            return device; // the exposes said what it is
        }
        Map<String, AttributeSpec> a = device.attributes();
        String kind = a.containsKey("brightness") || a.containsKey("color") ? "light"
                : a.containsKey("power") && a.containsKey("watts") ? "plug"
                : a.containsKey("power") ? "switch"
                : a.containsKey("position") ? "cover"
                : a.containsKey("setpoint") ? "thermostat"
                : a.containsKey("contact") ? "contact"
                : a.containsKey("motion") ? "motion"
                : a.containsKey("smoke") ? "smoke"
                : a.containsKey("leak") ? "leak"
                : a.containsKey("action") ? "button"
                : "sensor";
        return kind.equals(device.kind()) ? device : device.named(device.name(), kind);
    }
}
