package org.domus.ingest.vendor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import org.domus.model.Printable;

/**
 * Shelly Gen2+: {@code <id>/online} ({@code true}/{@code false}), {@code <id>/status/<component:n>} (full component
 * status), {@code <id>/events/rpc} ({@code NotifyStatus}, {@code NotifyFullStatus}). The vendor id is the topic
 * prefix (the device id by default). RPC requests and replies ({@code …/rpc}) and {@code …/command…} are ignored.
 * A topic is only taken as Shelly's when its shape fits: {@code online} must say {@code true} or {@code false}.
 */
final class ShellyAdapter implements VendorAdapter {

    static final String VENDOR = "shelly";
    private static final Pattern STATUS = Pattern.compile("(.+)/status/([a-z0-9_]+):([0-9]+)");
    private static final Pattern COMPONENT = Pattern.compile("([a-z0-9_]+):([0-9]+)");

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public boolean read(String topic, byte[] payload, VendorBatch batch) {
        if (topic.endsWith("/online")) {
            String prefix = topic.substring(0, topic.length() - "/online".length());
            String text = Values.utf8(payload).strip();
            if (prefix.isEmpty() || !text.equals("true") && !text.equals("false")) {
                return false; // someone else's "online" topic
            }
            DeviceSpec device = device(prefix, batch).withIfAbsent(AttributeSpec.status());
            batch.update(device);
            batch.reading(device, "status", text.equals("true") ? "online" : "offline");
            return true;
        }
        if (topic.endsWith("/events/rpc")) {
            String prefix = topic.substring(0, topic.length() - "/events/rpc".length());
            if (prefix.isEmpty()) {
                return false;
            }
            JsonNode frame = Values.jsonObject(payload);
            String method = frame.path("method").asText("");
            if (method.equals("NotifyStatus") || method.equals("NotifyFullStatus")) {
                JsonNode params = frame.path("params");
                if (!params.isObject()) {
                    throw new VendorPayloadException(method + " has no params object");
                }
                components(prefix, params, batch);
            } else if (!method.startsWith("Notify")) {
                throw new VendorPayloadException("events/rpc frame is not a notification: method \""
                        + Printable.of(method, 30) + "\"");
            }
            return true; // NotifyEvent: button pushes and the like, not state
        }
        Matcher status = STATUS.matcher(topic);
        if (status.matches()) {
            JsonNode body = Values.jsonObject(payload);
            Map<String, JsonNode> one = Map.of(status.group(2) + ":" + status.group(3), body);
            components(status.group(1), Values.JSON.valueToTree(one), batch);
            return true;
        }
        if (topic.endsWith("/rpc") || topic.contains("/command")) {
            return false; // requests to the device and its replies: not state; left to the others, then ignored
        }
        return false;
    }

    private static DeviceSpec device(String prefix, VendorBatch batch) {
        return batch.device(VENDOR, prefix, prefix, "switch");
    }

    private static void components(String prefix, JsonNode params, VendorBatch batch) {
        DeviceSpec device = device(prefix, batch);
        Map<String, Object> values = new LinkedHashMap<>();
        var fields = params.properties().iterator();
        while (fields.hasNext()) {
            var field = fields.next();
            Matcher component = COMPONENT.matcher(field.getKey());
            if (!component.matches() || !field.getValue().isObject()) {
                continue; // ts, and components without an instance number (sys, wifi, cloud, …)
            }
            device = component(device, component.group(1), Integer.parseInt(component.group(2)), field.getValue(),
                    values);
        }
        device = refine(device);
        batch.update(device);
        for (Map.Entry<String, Object> value : values.entrySet()) {
            batch.reading(device, value.getKey(), value.getValue());
        }
    }

    private static DeviceSpec component(DeviceSpec device, String type, int n, JsonNode status,
                                        Map<String, Object> values) {
        String suffix = n == 0 ? "" : "-" + n;
        String component = type + ":" + n;
        Map<String, String> params = Map.of("component", component);
        switch (type) {
            case "switch", "light" -> {
                if (status.path("output").isBoolean()) {
                    device = put(device, AttributeSpec.onOff("power" + suffix, true).withParams(params), values,
                            status.path("output").booleanValue() ? "ON" : "OFF");
                }
                if (status.path("brightness").isNumber()) {
                    device = put(device, AttributeSpec.numeric("brightness" + suffix, "%", true, 0.0, 100.0)
                            .withParams(params), values, status.path("brightness"));
                }
                device = electrical(device, suffix, status, values);
                if (status.path("temperature").path("tC").isNumber()) {
                    device = put(device, AttributeSpec.numeric("device-temperature" + suffix, "°C", false, null, null),
                            values, status.path("temperature").path("tC"));
                }
            }
            case "cover" -> {
                if (status.path("current_pos").isNumber()) {
                    device = put(device, AttributeSpec.numeric("position" + suffix, "%", true, 0.0, 100.0)
                            .withParams(params), values, status.path("current_pos"));
                }
                if (status.path("state").isTextual()) {
                    device = put(device, AttributeSpec.text("cover-state" + suffix, false), values,
                            status.path("state").textValue());
                }
                device = electrical(device, suffix, status, values);
            }
            case "input" -> {
                if (status.path("state").isBoolean()) {
                    device = put(device, AttributeSpec.bool("input" + suffix), values, status.path("state"));
                }
            }
            case "temperature" -> {
                if (status.path("tC").isNumber()) {
                    device = put(device, AttributeSpec.numeric("temperature" + suffix, "°C", false, null, null),
                            values, status.path("tC"));
                }
            }
            case "humidity" -> {
                if (status.path("rh").isNumber()) {
                    device = put(device, AttributeSpec.numeric("humidity" + suffix, "%", false, 0.0, 100.0), values,
                            status.path("rh"));
                }
            }
            case "illuminance" -> {
                if (status.path("lux").isNumber()) {
                    device = put(device, AttributeSpec.numeric("illuminance" + suffix, "lx", false, null, null),
                            values, status.path("lux"));
                }
            }
            case "smoke" -> {
                if (status.path("alarm").isBoolean()) {
                    device = put(device, AttributeSpec.bool("smoke" + suffix), values, status.path("alarm"));
                }
            }
            case "devicepower" -> {
                if (status.path("battery").path("percent").isNumber()) {
                    device = put(device, AttributeSpec.numeric("battery" + suffix, "%", false, 0.0, 100.0), values,
                            status.path("battery").path("percent"));
                }
            }
            default -> { } // sys, wifi, ble, … carry no house state
        }
        return device;
    }

    private static DeviceSpec electrical(DeviceSpec device, String suffix, JsonNode status, Map<String, Object> values) {
        if (status.path("apower").isNumber()) {
            device = put(device, AttributeSpec.numeric("watts" + suffix, "W", false, null, null), values,
                    status.path("apower"));
        }
        if (status.path("voltage").isNumber()) {
            device = put(device, AttributeSpec.numeric("voltage" + suffix, "V", false, null, null), values,
                    status.path("voltage"));
        }
        if (status.path("current").isNumber()) {
            device = put(device, AttributeSpec.numeric("current" + suffix, "A", false, null, null), values,
                    status.path("current"));
        }
        if (status.path("aenergy").path("total").isNumber()) {
            double kwh = status.path("aenergy").path("total").doubleValue() / 1000; // Shelly counts Wh
            device = put(device, AttributeSpec.numeric("energy" + suffix, "kWh", false, null, null), values,
                    Values.round(kwh, 6));
        }
        return device;
    }

    private static DeviceSpec put(DeviceSpec device, AttributeSpec spec, Map<String, Object> values, Object value) {
        values.put(spec.name(), value);
        return device.withIfAbsent(spec);
    }

    private static DeviceSpec refine(DeviceSpec device) {
        Map<String, AttributeSpec> a = device.attributes();
        String id = device.vendorId().toLowerCase(java.util.Locale.ROOT);
        String kind = a.containsKey("position") ? "cover"
                : a.containsKey("brightness") ? "light"
                : a.containsKey("power") && id.contains("plug") ? "plug"
                : a.containsKey("power") ? "switch"
                : a.containsKey("smoke") ? "smoke"
                : a.containsKey("temperature") || a.containsKey("humidity") ? "sensor"
                : a.keySet().stream().anyMatch(k -> k.startsWith("input")) ? "button"
                : device.kind();
        return kind.equals(device.kind()) ? device : device.named(device.name(), kind);
    }
}
