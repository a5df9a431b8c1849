package org.domus.ingest.vendor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.domus.model.Colors;
import org.domus.model.Printable;

/**
 * Home Assistant MQTT discovery ({@code homeassistant/<component>/[<node>/]<object>/config}, and device-based
 * {@code homeassistant/device/<object>/config}), then state on the topics the configs announce. Entities sharing
 * device identifiers become one Domus device; the vendor id is the first identifier (else the unique id). Entities
 * whose topics belong to a convention read natively (Zigbee2MQTT, Tasmota) are skipped, so a device is not found
 * twice. An empty config removes its entity. Platforms: sensor, binary_sensor, switch, light (default and JSON
 * schema), climate, cover, number, select, fan, lock.
 */
final class HomeAssistantAdapter implements VendorAdapter {

    static final String VENDOR = "homeassistant";
    private static final String PREFIX = "homeassistant/";
    private static final Set<String> NATIVE_PREFIXES = Set.of("zigbee2mqtt/", "tele/", "stat/", "cmnd/");
    private static final Set<String> NUMERIC_CLASSES = Set.of("temperature", "humidity", "power", "energy",
            "battery", "carbon_dioxide", "co2", "illuminance", "pressure", "voltage", "current", "signal_strength",
            "pm25", "pm10", "volatile_organic_compounds", "gas", "water", "power_factor", "apparent_power",
            "frequency", "distance", "speed", "weight", "volume", "wind_speed", "precipitation", "moisture",
            "atmospheric_pressure", "duration", "monetary");
    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("temperature", "temperature"), Map.entry("humidity", "humidity"), Map.entry("power", "watts"),
            Map.entry("energy", "energy"), Map.entry("battery", "battery"), Map.entry("carbon_dioxide", "co2"),
            Map.entry("co2", "co2"), Map.entry("illuminance", "illuminance"), Map.entry("pressure", "pressure"),
            Map.entry("voltage", "voltage"), Map.entry("current", "current"),
            Map.entry("motion", "motion"), Map.entry("occupancy", "motion"), Map.entry("presence", "motion"),
            Map.entry("door", "contact"), Map.entry("window", "contact"), Map.entry("opening", "contact"),
            Map.entry("garage_door", "contact"), Map.entry("smoke", "smoke"), Map.entry("moisture", "leak"));

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public boolean read(String topic, byte[] payload, VendorBatch batch) {
        if (topic.startsWith(PREFIX)) {
            String[] levels = topic.split("/", -1);
            if (levels[levels.length - 1].equals("config") && (levels.length == 4 || levels.length == 5)) {
                String object = levels[levels.length - 2];
                config(levels[1], object, topic, payload, batch);
                return true;
            }
            if (topic.equals(PREFIX + "status")) {
                return true; // Home Assistant's own birth and will
            }
        }
        List<DeviceSpec> devices = batch.stateDevices(topic);
        if (devices.isEmpty()) {
            return false;
        }
        String text = Values.utf8(payload);
        for (DeviceSpec known : devices) {
            DeviceSpec device = batch.known(VENDOR, known.vendorId()).orElse(known);
            Map<String, Object> values = new LinkedHashMap<>();
            for (AttributeSpec attribute : device.attributes().values()) {
                if (topic.equals(attribute.stateTopic())) {
                    Object value = decode(attribute, text);
                    if (value != null) {
                        values.put(attribute.name(), value);
                    }
                }
            }
            device = lightExtras(device, topic, text, values);
            batch.update(device);
            for (Map.Entry<String, Object> value : values.entrySet()) {
                batch.reading(device, value.getKey(), value.getValue());
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ configs

    private static void config(String component, String object, String topic, byte[] payload, VendorBatch batch) {
        if (payload.length == 0) {
            removeEntities(topic, batch, Set.of());
            return;
        }
        ObjectNode config = HaConfig.expand(Values.jsonObject(payload));
        if (config.path("migrate_discovery").asBoolean(false)) {
            return; // the device moves to device-based discovery: its next config says where
        }
        if (component.equals("device")) {
            JsonNode components = config.path("components");
            if (!components.isObject()) {
                throw new VendorPayloadException("device discovery without components (cmps)");
            }
            Set<String> keys = new java.util.HashSet<>();
            var it = components.properties().iterator();
            while (it.hasNext()) {
                var c = it.next();
                if (!c.getValue().isObject()) {
                    continue;
                }
                ObjectNode merged = shared(config);
                c.getValue().properties().forEach(f -> merged.set(f.getKey(), f.getValue()));
                String platform = merged.path("platform").asText("");
                String key = topic + "#" + c.getKey();
                keys.add(key);
                entity(platform, c.getKey(), key, merged, batch);
            }
            removeEntities(topic, batch, keys);
            return;
        }
        entity(component, object, topic, config, batch);
    }

    /** The keys of a device-discovery root its components inherit. */
    private static ObjectNode shared(ObjectNode root) {
        ObjectNode shared = Values.JSON.createObjectNode();
        for (String key : List.of("device", "origin", "availability", "availability_topic", "availability_mode",
                "availability_template", "payload_available", "payload_not_available", "state_topic",
                "command_topic", "qos", "encoding")) {
            if (root.has(key)) {
                shared.set(key, root.get(key));
            }
        }
        return shared;
    }

    /** Forgets the entities announced on {@code topic} (or its components) but not in {@code keep}. */
    private static void removeEntities(String topic, VendorBatch batch, Set<String> keep) {
        for (DeviceSpec listed : batch.registryDevices(VENDOR)) {
            DeviceSpec device = batch.known(VENDOR, listed.vendorId()).orElse(listed);
            DeviceSpec changed = device;
            for (Map.Entry<String, EntitySpec> entity : device.entities().entrySet()) {
                String key = entity.getKey();
                if ((key.equals(topic) || key.startsWith(topic + "#")) && !keep.contains(key)) {
                    changed = changed.without(entity.getValue().attributes()).withEntity(key, null);
                }
            }
            if (changed == device) {
                continue;
            }
            if (changed.entities().isEmpty()) {
                batch.remove(VENDOR, device.vendorId());
            } else {
                batch.update(refine(changed));
            }
        }
    }

    private static void entity(String platform, String object, String key, ObjectNode config, VendorBatch batch) {
        for (String topicKey : List.of("state_topic", "command_topic")) {
            String t = config.path(topicKey).asText("");
            if (NATIVE_PREFIXES.stream().anyMatch(t::startsWith)) {
                return; // Zigbee2MQTT's or Tasmota's own discovery: their native adapter reads the device
            }
        }
        List<AttributeSpec> attributes = attributes(platform, object, config);
        if (attributes == null) {
            return; // a platform that carries no state we keep (button, event, update, …)
        }
        JsonNode dev = config.path("device");
        String vendorId = identifier(dev).orElseGet(() -> config.path("unique_id").asText(object));
        String entityName = config.path("name").isTextual() ? config.path("name").textValue() : null;
        String deviceName = dev.path("name").isTextual() ? dev.path("name").textValue()
                : entityName != null ? entityName : object;
        DeviceSpec device = batch.device(VENDOR, vendorId, deviceName, "sensor");
        if (!deviceName.equals(device.name()) && dev.path("name").isTextual()) {
            device = device.named(deviceName, device.kind());
        }
        device = device.withProp("manufacturer", dev.path("manufacturer").asText(null))
                .withProp("model", dev.path("model").asText(null));
        // an updated config replaces what the entity described before
        EntitySpec previous = device.entities().get(key);
        if (previous != null) {
            device = device.without(previous.attributes());
        }
        List<String> names = new ArrayList<>();
        for (AttributeSpec attribute : attributes) {
            AttributeSpec placed = attribute;
            if (device.attributes().containsKey(placed.name())) {
                String own = VendorSlugs.attribute(placed.name() + "-" + object).orElse(null);
                if (own == null || device.attributes().containsKey(own)) {
                    continue;
                }
                placed = placed.named(own);
            }
            device = device.with(placed);
            names.add(placed.name());
        }
        AttributeSpec status = availability(config);
        if (status != null && !device.attributes().containsKey("status")) {
            device = device.with(status);
            names.add("status");
        }
        device = device.withEntity(key, new EntitySpec(platform, config.path("device_class").asText(""), names));
        batch.update(refine(device));
    }

    private static Optional<String> identifier(JsonNode device) {
        JsonNode ids = device.path("identifiers");
        if (ids.isTextual() && !ids.textValue().isEmpty()) {
            return Optional.of(ids.textValue());
        }
        if (ids.isArray() && ids.size() > 0 && ids.get(0).isTextual()) {
            return Optional.of(ids.get(0).textValue());
        }
        JsonNode connection = device.path("connections").path(0);
        if (connection.isArray() && connection.size() == 2) {
            return Optional.of(connection.get(0).asText() + ":" + connection.get(1).asText());
        }
        return Optional.empty();
    }

    private static AttributeSpec availability(ObjectNode config) {
        String topic = config.path("availability_topic").asText(null);
        String template = config.path("availability_template").asText(null);
        String on = config.path("payload_available").asText("online");
        String off = config.path("payload_not_available").asText("offline");
        JsonNode list = config.path("availability");
        if (topic == null && list.isArray() && list.size() > 0) {
            JsonNode first = list.get(0);
            topic = first.path("topic").asText(null);
            template = first.path("value_template").asText(null);
            on = first.path("payload_available").asText("online");
            off = first.path("payload_not_available").asText("offline");
        }
        if (topic == null) {
            return null;
        }
        return AttributeSpec.status().withTopics(topic, template, null)
                .withParams(Map.of("decode", "availability", "on", on, "off", off));
    }

    /** The attributes an entity gives its device, or null for a platform Domus does not keep. */
    private static List<AttributeSpec> attributes(String platform, String object, ObjectNode c) {
        String stateTopic = c.path("state_topic").asText(null);
        String valueTemplate = c.path("value_template").asText(null);
        String commandTopic = c.path("command_topic").asText(null);
        String commandTemplate = c.path("command_template").asText(null);
        String deviceClass = c.path("device_class").asText("");
        String payloadOn = c.path("payload_on").asText("ON");
        String payloadOff = c.path("payload_off").asText("OFF");
        List<AttributeSpec> out = new ArrayList<>();
        switch (platform) {
            case "switch", "fan" -> {
                out.add(AttributeSpec.onOff("power", commandTopic != null)
                        .withTopics(stateTopic, valueTemplate, commandTopic)
                        .withParams(params("decode", "onoff", "on", c.path("state_on").asText(payloadOn),
                                "off", c.path("state_off").asText(payloadOff), "encode", "payload",
                                "payload_on", payloadOn, "payload_off", payloadOff, "command_template", commandTemplate)));
                if (platform.equals("fan") && c.has("percentage_state_topic")) {
                    String pctCommand = c.path("percentage_command_topic").asText(null);
                    out.add(AttributeSpec.numeric("fan-speed", "%", pctCommand != null, 0.0, 100.0)
                            .withTopics(c.path("percentage_state_topic").asText(),
                                    c.path("percentage_value_template").asText(null), pctCommand)
                            .withParams(params("decode", "number", "encode", "value",
                                    "command_template", c.path("percentage_command_template").asText(null))));
                }
            }
            case "light" -> light(c, out);
            case "lock" -> out.add(AttributeSpec.enumeration("lock", commandTopic != null, List.of("LOCKED", "UNLOCKED"))
                    .withTopics(stateTopic, valueTemplate, commandTopic)
                    .withParams(params("decode", "lock", "on", c.path("state_locked").asText("LOCKED"),
                            "off", c.path("state_unlocked").asText("UNLOCKED"), "encode", "lock",
                            "payload_on", c.path("payload_lock").asText("LOCK"),
                            "payload_off", c.path("payload_unlock").asText("UNLOCK"),
                            "command_template", commandTemplate)));
            case "binary_sensor" -> {
                String name = name(deviceClass, c, object);
                AttributeSpec base = name.equals("contact") ? AttributeSpec.contact() : AttributeSpec.bool(name);
                out.add(base.named(name).withTopics(stateTopic, valueTemplate, null)
                        .withParams(params("decode", name.equals("contact") ? "contact" : "binary",
                                "on", payloadOn, "off", payloadOff)));
            }
            case "sensor" -> {
                String unit = c.path("unit_of_measurement").asText("");
                String name = name(deviceClass, c, object);
                boolean fahrenheit = unit.equals("°F") && name.equals("temperature");
                if (deviceClass.equals("enum") || c.path("options").isArray() && unit.isEmpty()) {
                    out.add(AttributeSpec.enumeration(name, false, strings(c.path("options")))
                            .withTopics(stateTopic, valueTemplate, null).withParams(params("decode", "text")));
                } else if (!unit.isEmpty() || NUMERIC_CLASSES.contains(deviceClass) || c.has("state_class")) {
                    out.add(AttributeSpec.numeric(name, fahrenheit ? "°C" : unit, false, null, null)
                            .withTopics(stateTopic, valueTemplate, null)
                            .withParams(params("decode", "number", "fahrenheit", fahrenheit ? "true" : null)));
                } else {
                    out.add(AttributeSpec.text(name, false).withTopics(stateTopic, valueTemplate, null)
                            .withParams(params("decode", "text")));
                }
            }
            case "number" -> out.add(AttributeSpec.numeric(name(deviceClass, c, object),
                            c.path("unit_of_measurement").asText(""), commandTopic != null,
                            c.path("min").asDouble(1), c.path("max").asDouble(100))
                    .withTopics(stateTopic, valueTemplate, commandTopic)
                    .withParams(params("decode", "number", "encode", "value", "command_template", commandTemplate)));
            case "select" -> out.add(AttributeSpec.enumeration(name(deviceClass, c, object), commandTopic != null,
                            strings(c.path("options")))
                    .withTopics(stateTopic, valueTemplate, commandTopic)
                    .withParams(params("decode", "text", "encode", "value", "command_template", commandTemplate)));
            case "climate" -> climate(c, out);
            case "cover" -> {
                String positionTopic = c.path("position_topic").asText(null);
                String setPosition = c.path("set_position_topic").asText(null);
                if (positionTopic != null || setPosition != null) {
                    out.add(AttributeSpec.numeric("position", "%", setPosition != null, 0.0, 100.0)
                            .withTopics(positionTopic, c.path("position_template").asText(null), setPosition)
                            .withParams(params("decode", "position", "encode", "position",
                                    "open", c.path("position_open").asText("100"),
                                    "closed", c.path("position_closed").asText("0"),
                                    "command_template", c.path("set_position_template").asText(null))));
                }
                if (stateTopic != null) {
                    out.add(AttributeSpec.text("cover-state", false).withTopics(stateTopic, valueTemplate, null)
                            .withParams(params("decode", "text")));
                }
            }
            default -> {
                return null;
            }
        }
        return out;
    }

    private static void light(ObjectNode c, List<AttributeSpec> out) {
        String commandTopic = c.path("command_topic").asText(null);
        String stateTopic = c.path("state_topic").asText(null);
        String schema = c.path("schema").asText("default");
        List<String> modes = strings(c.path("supported_color_modes"));
        String scale = c.path("brightness_scale").asText("255");
        String payloadOn = c.path("payload_on").asText("ON");
        String payloadOff = c.path("payload_off").asText("OFF");
        if (schema.equals("json")) {
            boolean brightness = c.path("brightness").asBoolean(false)
                    || modes.stream().anyMatch(m -> !m.equals("onoff"));
            String colorModel = modes.contains("rgb") || modes.contains("rgbw") || modes.contains("rgbww") ? "rgb"
                    : modes.contains("hs") ? "hs" : modes.contains("xy") ? "xy" : null;
            out.add(AttributeSpec.onOff("power", commandTopic != null).withTopics(stateTopic, null, commandTopic)
                    .withParams(params("decode", "json-light", "part", "power", "encode", "json-light")));
            if (brightness) {
                out.add(jsonLightBrightness(stateTopic, commandTopic, scale));
            }
            if (colorModel != null) {
                out.add(AttributeSpec.color(commandTopic != null).withTopics(stateTopic, null, commandTopic)
                        .withParams(params("decode", "json-light", "part", "color", "encode", "json-light",
                                "model", colorModel)));
            }
            return;
        }
        // default schema (template schema: power only)
        String onTemplate = c.path("command_on_template").asText(null);
        boolean template = schema.equals("template");
        out.add(AttributeSpec.onOff("power", commandTopic != null)
                .withTopics(stateTopic, template ? c.path("state_template").asText(null)
                        : c.path("state_value_template").asText(null), commandTopic)
                .withParams(params("decode", "onoff", "on", payloadOn, "off", payloadOff, "encode", "payload",
                        "payload_on", template && onTemplate != null && !onTemplate.contains("{") ? onTemplate : payloadOn,
                        "payload_off", template ? c.path("command_off_template").asText(payloadOff) : payloadOff)));
        if (template) {
            return;
        }
        String brightnessState = c.path("brightness_state_topic").asText(null);
        String brightnessCommand = c.path("brightness_command_topic").asText(null);
        if (brightnessState != null || brightnessCommand != null) {
            out.add(AttributeSpec.numeric("brightness", "%", brightnessCommand != null, 0.0, 100.0)
                    .withTopics(brightnessState, c.path("brightness_value_template").asText(null), brightnessCommand)
                    .withParams(params("decode", "number", "scale", scale, "encode", "value",
                            "command_template", c.path("brightness_command_template").asText(null))));
        }
        String rgbState = c.path("rgb_state_topic").asText(null);
        String rgbCommand = c.path("rgb_command_topic").asText(null);
        if (rgbState != null || rgbCommand != null) {
            out.add(AttributeSpec.color(rgbCommand != null)
                    .withTopics(rgbState, c.path("rgb_value_template").asText(null), rgbCommand)
                    .withParams(params("decode", "rgb", "encode", "rgb",
                            "command_template", c.path("rgb_command_template").asText(null))));
        }
    }

    private static AttributeSpec jsonLightBrightness(String stateTopic, String commandTopic, String scale) {
        return AttributeSpec.numeric("brightness", "%", commandTopic != null, 0.0, 100.0)
                .withTopics(stateTopic, null, commandTopic)
                .withParams(params("decode", "json-light", "part", "brightness", "encode", "json-light",
                        "scale", scale));
    }

    private static void climate(ObjectNode c, List<AttributeSpec> out) {
        String setpointState = c.path("temperature_state_topic").asText(null);
        String setpointCommand = c.path("temperature_command_topic").asText(null);
        if (setpointState != null || setpointCommand != null) {
            out.add(AttributeSpec.numeric("setpoint", "°C", setpointCommand != null,
                            c.path("min_temp").asDouble(7), c.path("max_temp").asDouble(35))
                    .withTopics(setpointState, c.path("temperature_state_template").asText(null), setpointCommand)
                    .withParams(params("decode", "number", "encode", "value",
                            "command_template", c.path("temperature_command_template").asText(null))));
        }
        if (c.has("current_temperature_topic")) {
            out.add(AttributeSpec.numeric("temperature", "°C", false, null, null)
                    .withTopics(c.path("current_temperature_topic").asText(),
                            c.path("current_temperature_template").asText(null), null)
                    .withParams(params("decode", "number")));
        }
        if (c.has("current_humidity_topic")) {
            out.add(AttributeSpec.numeric("humidity", "%", false, 0.0, 100.0)
                    .withTopics(c.path("current_humidity_topic").asText(),
                            c.path("current_humidity_template").asText(null), null)
                    .withParams(params("decode", "number")));
        }
        String modeState = c.path("mode_state_topic").asText(null);
        String modeCommand = c.path("mode_command_topic").asText(null);
        if (modeState != null || modeCommand != null) {
            List<String> modes = c.path("modes").isArray() ? strings(c.path("modes"))
                    : List.of("auto", "off", "cool", "heat", "dry", "fan_only");
            out.add(AttributeSpec.enumeration("mode", modeCommand != null, modes)
                    .withTopics(modeState, c.path("mode_state_template").asText(null), modeCommand)
                    .withParams(params("decode", "text", "encode", "value",
                            "command_template", c.path("mode_command_template").asText(null))));
        }
        if (c.has("action_topic")) {
            out.add(AttributeSpec.text("hvac-action", false)
                    .withTopics(c.path("action_topic").asText(), c.path("action_template").asText(null), null)
                    .withParams(params("decode", "text")));
        }
    }

    /** The attribute name: canonical for a known device class, else the entity's name or object id, slugified. */
    private static String name(String deviceClass, ObjectNode c, String object) {
        String canonical = CANONICAL.get(deviceClass);
        if (canonical != null) {
            return canonical;
        }
        String entity = c.path("name").isTextual() ? c.path("name").textValue() : c.path("object_id").asText(object);
        return VendorSlugs.attribute(entity).or(() -> VendorSlugs.attribute(object)).orElse("value");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    /** Pairs of key and value; null values are left out. */
    private static Map<String, String> params(String... pairs) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                out.put(pairs[i], pairs[i + 1]);
            }
        }
        return out;
    }

    private static DeviceSpec refine(DeviceSpec device) {
        List<String> order = List.of("light", "thermostat", "cover", "lock", "fan", "plug", "switch", "contact",
                "motion", "smoke", "leak", "sensor");
        String best = "sensor";
        for (EntitySpec entity : device.entities().values()) {
            String kind = switch (entity.component()) {
                case "light" -> "light";
                case "climate" -> "thermostat";
                case "cover" -> "cover";
                case "lock" -> "lock";
                case "fan" -> "fan";
                case "switch" -> entity.deviceClass().equals("outlet") ? "plug" : "switch";
                case "binary_sensor" -> switch (CANONICAL.getOrDefault(entity.deviceClass(), "")) {
                    case "contact" -> "contact";
                    case "motion" -> "motion";
                    case "smoke" -> "smoke";
                    case "leak" -> "leak";
                    default -> "sensor";
                };
                default -> "sensor";
            };
            if (order.indexOf(kind) < order.indexOf(best)) {
                best = kind;
            }
        }
        return best.equals(device.kind()) ? device : device.named(device.name(), best);
    }

    // ------------------------------------------------------------------ state

    private static final Set<String> NO_VALUE = Set.of("", "unknown", "unavailable", "None", "none", "null");

    /** A state payload as the attribute's canonical value, or null when there is none. */
    private static Object decode(AttributeSpec attribute, String payload) {
        String decode = attribute.param("decode", "text");
        if (decode.equals("json-light")) {
            return jsonLight(attribute, payload);
        }
        Optional<String> rendered = HaTemplate.value(attribute.template(), payload);
        if (rendered.isEmpty() || NO_VALUE.contains(rendered.get())) {
            return null;
        }
        String value = rendered.get();
        String what = attribute.name();
        return switch (decode) {
            case "onoff", "lock" -> {
                if (value.equals(attribute.param("on"))) {
                    yield decode.equals("lock") ? "LOCKED" : "ON";
                }
                if (value.equals(attribute.param("off"))) {
                    yield decode.equals("lock") ? "UNLOCKED" : "OFF";
                }
                if (decode.equals("lock")) {
                    yield null; // locking, jammed, …: transitions
                }
                throw new VendorPayloadException(what + " is neither \"" + attribute.param("on") + "\" nor \""
                        + attribute.param("off") + "\": \"" + Printable.of(value, 30) + "\"");
            }
            case "binary", "contact" -> {
                boolean on;
                if (value.equals(attribute.param("on", "ON"))) {
                    on = true;
                } else if (value.equals(attribute.param("off", "OFF"))) {
                    on = false;
                } else {
                    throw new VendorPayloadException(what + " is neither \"" + attribute.param("on", "ON")
                            + "\" nor \"" + attribute.param("off", "OFF") + "\": \"" + Printable.of(value, 30) + "\"");
                }
                yield decode.equals("contact") ? (on ? "open" : "closed") : on; // on means open for a door
            }
            case "number" -> {
                double number = Values.number(value, what);
                if (attribute.param("scale") != null) {
                    number = Math.round(number * 100 / Values.number(attribute.param("scale"), "brightness_scale"));
                }
                if ("true".equals(attribute.param("fahrenheit"))) {
                    number = Values.round((number - 32) * 5 / 9, 2);
                }
                yield number;
            }
            case "position" -> {
                double open = Values.number(attribute.param("open", "100"), "position_open");
                double closed = Values.number(attribute.param("closed", "0"), "position_closed");
                double raw = Values.number(value, what);
                yield open == closed ? raw : Values.round((raw - closed) * 100 / (open - closed), 1);
            }
            case "rgb" -> {
                String[] parts = value.split(",");
                if (parts.length != 3) {
                    throw new VendorPayloadException(what + " is not r,g,b: \"" + Printable.of(value, 30) + "\"");
                }
                yield Colors.hex((int) Values.number(parts[0], what), (int) Values.number(parts[1], what),
                        (int) Values.number(parts[2], what));
            }
            case "availability" -> value.equals(attribute.param("on")) ? "online"
                    : value.equals(attribute.param("off")) ? "offline" : null;
            default -> value;
        };
    }

    private static Object jsonLight(AttributeSpec attribute, String payload) {
        JsonNode state = Values.jsonObject(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return switch (attribute.param("part", "power")) {
            case "power" -> {
                String s = state.path("state").asText("");
                yield s.equalsIgnoreCase("ON") ? "ON" : s.equalsIgnoreCase("OFF") ? "OFF" : null;
            }
            case "brightness" -> state.path("brightness").isNumber()
                    ? (Object) (double) Math.round(state.path("brightness").doubleValue() * 100
                            / Values.number(attribute.param("scale", "255"), "brightness_scale"))
                    : null;
            default -> {
                JsonNode color = state.path("color");
                if (!color.isObject()) {
                    yield null;
                }
                if (color.has("r") && color.has("g") && color.has("b")) {
                    yield Colors.hex(color.path("r").asInt(), color.path("g").asInt(), color.path("b").asInt());
                }
                if (color.has("h") && color.has("s")) {
                    yield Colors.fromHs(color.path("h").asDouble(), color.path("s").asDouble());
                }
                if (color.has("x") && color.has("y")) {
                    yield Colors.fromXy(color.path("x").asDouble(), color.path("y").asDouble());
                }
                yield null;
            }
        };
    }

    /**
     * A JSON-schema light whose config did not list brightness or colour but whose state carries them (the doc's
     * kitchen light): the attributes are added, so the values are not lost.
     */
    private static DeviceSpec lightExtras(DeviceSpec device, String topic, String payload, Map<String, Object> values) {
        AttributeSpec power = device.attributes().get("power");
        if (power == null || !topic.equals(power.stateTopic()) || !"json-light".equals(power.param("decode"))) {
            return device;
        }
        JsonNode state = Values.jsonObject(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (state.path("brightness").isNumber() && !device.attributes().containsKey("brightness")) {
            AttributeSpec brightness = jsonLightBrightness(topic, power.commandTopic(), "255");
            device = device.with(brightness);
            values.put("brightness", jsonLight(brightness, payload));
        }
        if (state.path("color").isObject() && !device.attributes().containsKey("color")) {
            JsonNode color = state.path("color");
            String model = color.has("r") ? "rgb" : color.has("h") ? "hs" : "xy";
            AttributeSpec spec = AttributeSpec.color(power.commandTopic() != null)
                    .withTopics(topic, null, power.commandTopic())
                    .withParams(params("decode", "json-light", "part", "color", "encode", "json-light",
                            "model", model));
            device = device.with(spec);
            Object value = jsonLight(spec, payload);
            if (value != null) {
                values.put("color", value);
            }
        }
        return device;
    }

}
