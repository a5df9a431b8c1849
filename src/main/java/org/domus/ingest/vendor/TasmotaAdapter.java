package org.domus.ingest.vendor;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.domus.model.Printable;

/**
 * Tasmota with the default FullTopic {@code %prefix%/%topic%/}: {@code tele/<t>/LWT|STATE|SENSOR},
 * {@code stat/<t>/RESULT|POWER[n]}, native discovery {@code tasmota/discovery/<MAC>/config|sensors}. The vendor id
 * is the Tasmota topic. Commands ({@code cmnd/…}) and other status replies are ignored.
 */
final class TasmotaAdapter implements VendorAdapter {

    static final String VENDOR = "tasmota";

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public boolean read(String topic, byte[] payload, VendorBatch batch) {
        String[] levels = topic.split("/", -1);
        if (levels.length == 4 && levels[0].equals("tasmota") && levels[1].equals("discovery")) {
            switch (levels[3]) {
                case "config" -> discovery(levels[2], payload, batch);
                case "sensors" -> discoverySensors(levels[2], payload, batch);
                default -> { }
            }
            return true;
        }
        if (levels.length != 3 || levels[1].isEmpty()) {
            return false;
        }
        String prefix = levels[0];
        String device = levels[1];
        String what = levels[2];
        switch (prefix) {
            case "cmnd" -> {
                return true; // commands, the console's own included: nothing to record
            }
            case "tele" -> {
                switch (what) {
                    case "LWT" -> lwt(device, payload, batch);
                    case "STATE", "SENSOR" -> telemetry(device, Values.jsonObject(payload), batch);
                    default -> { } // INFO1…3, HASS_STATE, MARGINS, …
                }
                return true;
            }
            case "stat" -> {
                String upper = what.toUpperCase(Locale.ROOT);
                if (upper.equals("RESULT")) {
                    telemetry(device, Values.jsonObject(payload), batch);
                } else if (upper.startsWith("POWER") && isRelayIndex(upper.substring(5))) {
                    power(device, powerName(upper.substring(5)), Values.utf8(payload), batch);
                }
                return true; // STATUSn and others: answers to queries
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean isRelayIndex(String suffix) {
        return suffix.isEmpty() || suffix.matches("[1-8]");
    }

    /** {@code POWER} and {@code POWER1} are {@code power}; {@code POWERn} is {@code power-n}. */
    private static String powerName(String suffix) {
        return suffix.isEmpty() || suffix.equals("1") ? "power" : "power-" + suffix;
    }

    private static DeviceSpec device(String topic, VendorBatch batch) {
        return batch.device(VENDOR, topic, topic, "sensor");
    }

    private static void lwt(String topic, byte[] payload, VendorBatch batch) {
        String text = Values.utf8(payload).strip();
        String status = switch (text) {
            case "Online" -> "online";
            case "Offline" -> "offline";
            default -> throw new VendorPayloadException("LWT is neither Online nor Offline: \""
                    + Printable.of(text, 30) + "\"");
        };
        DeviceSpec device = device(topic, batch).withIfAbsent(AttributeSpec.status());
        batch.update(refine(device));
        batch.reading(device, "status", status);
    }

    private static void power(String topic, String attribute, String payload, VendorBatch batch) {
        String value = Values.upper(payload);
        if (!value.equals("ON") && !value.equals("OFF")) {
            throw new VendorPayloadException(attribute + " is neither ON nor OFF: \"" + Printable.of(value, 30) + "\"");
        }
        DeviceSpec device = refine(device(topic, batch).withIfAbsent(AttributeSpec.onOff(attribute, true)));
        batch.update(device);
        batch.reading(device, attribute, value);
    }

    /** STATE, SENSOR and RESULT share their keys. */
    private static void telemetry(String topic, JsonNode json, VendorBatch batch) {
        DeviceSpec device = device(topic, batch);
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        String tempUnit = json.path("TempUnit").asText("C");
        var fields = json.properties().iterator();
        while (fields.hasNext()) {
            var field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            String upper = key.toUpperCase(Locale.ROOT);
            if (upper.startsWith("POWER") && value.isTextual() && isRelayIndex(upper.substring(5))) {
                String name = powerName(upper.substring(5));
                device = device.withIfAbsent(AttributeSpec.onOff(name, true));
                values.put(name, Values.upper(value.textValue()));
            } else if (key.equals("Dimmer") && value.isNumber()) {
                device = device.withIfAbsent(AttributeSpec.numeric("brightness", "%", true, 0.0, 100.0));
                values.put("brightness", value);
            } else if (key.equals("Color") && value.isTextual()) {
                String hex = color(value.textValue());
                if (hex != null) {
                    device = device.withIfAbsent(AttributeSpec.color(true));
                    values.put("color", hex);
                }
            } else if (key.equals("CT") && value.isNumber()) {
                device = device.withIfAbsent(AttributeSpec.numeric("color-temp", "mired", true, 153.0, 500.0));
                values.put("color-temp", value);
            } else if (key.equals("Wifi") && value.path("RSSI").isNumber()) {
                device = device.withIfAbsent(AttributeSpec.numeric("rssi", "%", false, 0.0, 100.0));
                values.put("rssi", value.path("RSSI"));
            } else if (key.matches("Shutter[1-4]") && value.isObject() && value.path("Position").isNumber()) {
                String name = key.equals("Shutter1") ? "position" : "position-" + key.substring(7);
                device = device.withIfAbsent(AttributeSpec.numeric(name, "%", true, 0.0, 100.0));
                values.put(name, value.path("Position"));
            } else if (key.matches("Switch[1-8]") && value.isTextual()) {
                String name = "switch-" + key.substring(6);
                device = device.withIfAbsent(AttributeSpec.onOff(name, false));
                values.put(name, Values.upper(value.textValue()));
            } else if (key.equals("ENERGY") && value.isObject()) {
                device = energy(device, value, values);
            } else if (value.isObject() && !key.equals("Wifi") && !key.startsWith("Status")) {
                device = sensor(device, key, value, tempUnit, values);
            }
        }
        device = refine(device);
        batch.update(device);
        for (Map.Entry<String, Object> value : values.entrySet()) {
            batch.reading(device, value.getKey(), value.getValue());
        }
    }

    private static final Map<String, String[]> ENERGY = Map.ofEntries(
            Map.entry("Power", new String[] {"watts", "W"}),
            Map.entry("Total", new String[] {"energy", "kWh"}),
            Map.entry("Today", new String[] {"energy-today", "kWh"}),
            Map.entry("Yesterday", new String[] {"energy-yesterday", "kWh"}),
            Map.entry("Voltage", new String[] {"voltage", "V"}),
            Map.entry("Current", new String[] {"current", "A"}),
            Map.entry("ApparentPower", new String[] {"apparent-power", "VA"}),
            Map.entry("ReactivePower", new String[] {"reactive-power", "var"}),
            Map.entry("Factor", new String[] {"power-factor", ""}));

    private static DeviceSpec energy(DeviceSpec device, JsonNode energy, Map<String, Object> values) {
        for (Map.Entry<String, String[]> field : ENERGY.entrySet()) {
            JsonNode value = energy.get(field.getKey());
            if (value != null && value.isNumber()) {
                String name = field.getValue()[0];
                device = device.withIfAbsent(AttributeSpec.numeric(name, field.getValue()[1], false, null, null));
                values.put(name, value);
            }
        }
        return device;
    }

    /** Sensor field → canonical name and unit; the first sensor reporting a field takes the canonical name. */
    private static final Map<String, String[]> SENSOR_FIELDS = Map.ofEntries(
            Map.entry("Temperature", new String[] {"temperature", "°C"}),
            Map.entry("Humidity", new String[] {"humidity", "%"}),
            Map.entry("DewPoint", new String[] {"dew-point", "°C"}),
            Map.entry("Pressure", new String[] {"pressure", "hPa"}),
            Map.entry("CarbonDioxide", new String[] {"co2", "ppm"}),
            Map.entry("eCO2", new String[] {"co2", "ppm"}),
            Map.entry("Illuminance", new String[] {"illuminance", "lx"}),
            Map.entry("Distance", new String[] {"distance", "cm"}));

    private static DeviceSpec sensor(DeviceSpec device, String sensor, JsonNode fields, String tempUnit,
                                     Map<String, Object> values) {
        var it = fields.properties().iterator();
        while (it.hasNext()) {
            var field = it.next();
            JsonNode value = field.getValue();
            if (!value.isNumber()) {
                continue;
            }
            String[] known = SENSOR_FIELDS.get(field.getKey());
            String name = known != null ? known[0] : VendorSlugs.attribute(field.getKey()).orElse(null);
            if (name == null) {
                continue;
            }
            String unit = known != null ? known[1] : "";
            Object reading = value;
            if ((name.equals("temperature") || name.equals("dew-point")) && tempUnit.equalsIgnoreCase("F")) {
                reading = Values.round((value.doubleValue() - 32) * 5 / 9, 2); // canonical temperature is °C
            }
            if (values.containsKey(name)) {
                // a second sensor with the same quantity keeps its own name: temperature-ds18b20
                name = VendorSlugs.attribute(name + "-" + sensor).orElse(null);
                if (name == null || values.containsKey(name)) {
                    continue;
                }
            }
            device = device.withIfAbsent(AttributeSpec.numeric(name, unit, false, null, null));
            values.put(name, reading);
        }
        return device;
    }

    private static String color(String text) {
        String v = text.strip();
        if (v.contains(",")) {
            String[] parts = v.split(",");
            if (parts.length >= 3) {
                try {
                    return org.domus.model.Colors.hex(Integer.parseInt(parts[0].strip()),
                            Integer.parseInt(parts[1].strip()), Integer.parseInt(parts[2].strip()));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }
        // RRGGBB, or RRGGBBWW / RRGGBBCWWW on lights with white channels
        return v.length() >= 6 ? org.domus.model.Colors.parseHex(v.substring(0, 6)).orElse(null) : null;
    }

    /** Native discovery: name, relays and light type. Keyed by MAC; the device is known by its topic ({@code t}). */
    private static void discovery(String mac, byte[] payload, VendorBatch batch) {
        if (payload.length == 0) {
            return; // a cleared retained config: the device is gone, its history stays
        }
        JsonNode config = Values.jsonObject(payload);
        String topic = config.path("t").asText("");
        if (topic.isEmpty() || topic.contains("/") || topic.contains("+") || topic.contains("#")) {
            throw new VendorPayloadException("discovery config has no usable topic \"t\"");
        }
        String name = config.path("dn").asText("");
        if (name.isBlank() && config.path("fn").path(0).isTextual()) {
            name = config.path("fn").path(0).textValue();
        }
        DeviceSpec device = device(topic, batch);
        if (!name.isBlank()) {
            device = device.named(name, device.kind()).withProp("name", name);
        }
        device = device.withProp("mac", mac).withIfAbsent(AttributeSpec.status());
        JsonNode relays = config.path("rl");
        int lightType = config.path("lt_st").asInt(0);
        for (int i = 0; i < relays.size(); i++) {
            int type = relays.path(i).asInt(0);
            if (type == 1 || type == 2) {
                device = device.withIfAbsent(AttributeSpec.onOff(powerName(Integer.toString(i + 1)), true));
            } else if (type == 3 && i % 2 == 0) {
                String shutter = i == 0 ? "position" : "position-" + (i / 2 + 1);
                device = device.withIfAbsent(AttributeSpec.numeric(shutter, "%", true, 0.0, 100.0));
            }
        }
        if (lightType >= 1) {
            device = device.withIfAbsent(AttributeSpec.onOff("power", true))
                    .withIfAbsent(AttributeSpec.numeric("brightness", "%", true, 0.0, 100.0));
        }
        if (lightType == 2 || lightType == 5) {
            device = device.withIfAbsent(AttributeSpec.numeric("color-temp", "mired", true, 153.0, 500.0));
        }
        if (lightType >= 3) {
            device = device.withIfAbsent(AttributeSpec.color(true));
        }
        batch.update(refine(device));
    }

    /** {@code tasmota/discovery/<MAC>/sensors}: {@code {"sn": <a SENSOR payload>}} for a device already announced. */
    private static void discoverySensors(String mac, byte[] payload, VendorBatch batch) {
        if (payload.length == 0) {
            return;
        }
        JsonNode sensors = Values.jsonObject(payload).path("sn");
        if (!sensors.isObject()) {
            throw new VendorPayloadException("discovery sensors have no \"sn\" object");
        }
        for (DeviceSpec device : batchDevices(batch)) {
            if (mac.equals(device.props().get("mac"))) {
                telemetry(device.vendorId(), sensors, batch);
                return;
            }
        }
        // The config (with the topic) has not been seen yet: the sensors will come again with tele/…/SENSOR.
    }

    private static List<DeviceSpec> batchDevices(VendorBatch batch) {
        return batch.registryDevices(VENDOR);
    }

    /** The kind from the attributes: cover, light, plug, switch or sensor; a name from discovery is kept. */
    static DeviceSpec refine(DeviceSpec device) {
        Map<String, AttributeSpec> a = device.attributes();
        String kind = a.containsKey("position") ? "cover"
                : a.containsKey("brightness") || a.containsKey("color") ? "light"
                : a.containsKey("power") && a.containsKey("watts") ? "plug"
                : a.containsKey("power") ? "switch"
                : "sensor";
        return kind.equals(device.kind()) ? device : device.named(device.name(), kind);
    }
}
