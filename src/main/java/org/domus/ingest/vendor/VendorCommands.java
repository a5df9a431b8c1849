package org.domus.ingest.vendor;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.domus.model.AttributeKind;
import org.domus.model.Colors;
import org.domus.model.OutboundMessage;
import org.domus.model.SeriesPath;
import org.domus.model.Slugs;
import org.domus.model.VendorCommandRoutes;

/**
 * Commands to vendor devices in the vendor's own shape, under {@code domus/{house}/raw/…} (the house hub's bridge
 * takes them out to the vendor's topic): Tasmota {@code cmnd/<topic>/POWER|Dimmer|Color|CT|ShutterPosition1},
 * Zigbee2MQTT {@code <friendly>/set} JSON, Shelly JSON-RPC on {@code <id>/rpc}, Home Assistant's announced
 * command topics with their payloads and basic templates. Empty for series that are not vendor devices', for
 * attributes that are not writable, and for values the attribute cannot take. Vendor devices cannot echo trace
 * ids: a command is confirmed when the reported value matches. Thread-safe.
 */
public final class VendorCommands implements VendorCommandRoutes {

    /** The JSON-RPC {@code src} of Domus's requests to Shelly devices (their replies go to {@code <src>/rpc}). */
    public static final String SHELLY_SOURCE = "domus-console";

    private final VendorRegistry registry;
    private final AtomicLong rpcIds = new AtomicLong();

    VendorCommands(VendorRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<OutboundMessage> route(SeriesPath series, AttributeKind kind, String value) {
        if (series == null || value == null || !Slugs.VENDOR_ROOM.equals(series.room())) {
            return Optional.empty();
        }
        Optional<DeviceSpec> found = registry.byAddress(series.deviceAddress());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DeviceSpec device = found.get();
        AttributeSpec attribute = device.attributes().get(series.attribute());
        if (attribute == null || !attribute.writable()) {
            return Optional.empty();
        }
        try {
            Optional<String[]> message = switch (device.vendor()) {
                case TasmotaAdapter.VENDOR -> tasmota(device, attribute, value);
                case Zigbee2MqttAdapter.VENDOR -> zigbee(device, attribute, value);
                case ShellyAdapter.VENDOR -> shelly(device, attribute, value);
                case HomeAssistantAdapter.VENDOR -> homeAssistant(attribute, value);
                default -> Optional.empty();
            };
            return message.map(m -> new OutboundMessage("domus/" + series.house() + "/raw/" + m[0],
                    m[1].getBytes(StandardCharsets.UTF_8), 1, false));
        } catch (IllegalArgumentException | VendorPayloadException e) {
            return Optional.empty(); // a value this attribute cannot take: the command service refuses it
        }
    }

    // ------------------------------------------------------------------ Tasmota

    private static Optional<String[]> tasmota(DeviceSpec device, AttributeSpec attribute, String value) {
        String base = "cmnd/" + device.vendorId() + "/";
        String name = attribute.name();
        if (name.equals("power") || name.startsWith("power-")) {
            String relay = name.equals("power") ? "" : name.substring("power-".length());
            return Optional.of(new String[] {base + "POWER" + relay, on(value) ? "ON" : "OFF"});
        }
        return switch (name) {
            case "brightness" -> Optional.of(new String[] {base + "Dimmer", integer(value, 0, 100)});
            case "color" -> {
                int[] rgb = Colors.rgb(value);
                yield Optional.of(new String[] {base + "Color", rgb[0] + "," + rgb[1] + "," + rgb[2]});
            }
            case "color-temp" -> Optional.of(new String[] {base + "CT", integer(value, 153, 500)});
            case "position" -> Optional.of(new String[] {base + "ShutterPosition1", integer(value, 0, 100)});
            default -> name.startsWith("position-")
                    ? Optional.of(new String[] {base + "ShutterPosition" + name.substring(9), integer(value, 0, 100)})
                    : Optional.empty();
        };
    }

    // ------------------------------------------------------------------ Zigbee2MQTT

    private static Optional<String[]> zigbee(DeviceSpec device, AttributeSpec attribute, String value) {
        String property = attribute.param("property", attribute.name());
        ObjectNode command = Values.JSON.createObjectNode();
        switch (attribute.param("decode", "")) {
            case "onoff" -> command.put(property, on(value) ? attribute.param("on", "ON") : attribute.param("off", "OFF"));
            case "scale254" -> {
                long level = Math.round(Values.number(value, "brightness") * 254 / 100);
                command.put(property, Math.max(0, Math.min(254, level)));
            }
            case "color" -> command.putObject(property).put("hex", Colors.parseHex(value)
                    .orElseThrow(() -> new IllegalArgumentException("not a colour")));
            case "binary" -> command.put(property, on(value));
            default -> {
                if (attribute.kind() == AttributeKind.NUMERIC) {
                    double number = Values.number(value, attribute.name());
                    if (number == Math.rint(number)) {
                        command.put(property, (long) number);
                    } else {
                        command.put(property, number);
                    }
                } else if (attribute.kind() == AttributeKind.BOOLEAN) {
                    command.put(property, on(value));
                } else {
                    command.put(property, value);
                }
            }
        }
        return Optional.of(new String[] {"zigbee2mqtt/" + device.vendorId() + "/set", json(command)});
    }

    // ------------------------------------------------------------------ Shelly

    private Optional<String[]> shelly(DeviceSpec device, AttributeSpec attribute, String value) {
        String component = attribute.param("component");
        if (component == null || !component.contains(":")) {
            return Optional.empty();
        }
        String type = component.substring(0, component.indexOf(':'));
        int id = Integer.parseInt(component.substring(component.indexOf(':') + 1));
        ObjectNode request = Values.JSON.createObjectNode();
        request.put("id", rpcIds.incrementAndGet());
        request.put("src", SHELLY_SOURCE);
        ObjectNode params = Values.JSON.createObjectNode();
        params.put("id", id);
        String name = attribute.name();
        if (name.startsWith("power") && (type.equals("switch") || type.equals("light"))) {
            request.put("method", type.equals("switch") ? "Switch.Set" : "Light.Set");
            params.put("on", on(value));
        } else if (name.startsWith("brightness") && type.equals("light")) {
            request.put("method", "Light.Set");
            params.put("brightness", Long.parseLong(integer(value, 0, 100)));
        } else if (name.startsWith("position") && type.equals("cover")) {
            request.put("method", "Cover.GoToPosition");
            params.put("pos", Long.parseLong(integer(value, 0, 100)));
        } else {
            return Optional.empty();
        }
        request.set("params", params);
        return Optional.of(new String[] {device.vendorId() + "/rpc", json(request)});
    }

    // ------------------------------------------------------------------ Home Assistant discovery

    private static Optional<String[]> homeAssistant(AttributeSpec attribute, String value) {
        String topic = attribute.commandTopic();
        if (topic == null) {
            return Optional.empty();
        }
        String template = attribute.param("command_template");
        String payload = switch (attribute.param("encode", "value")) {
            case "payload" -> HaTemplate.command(template,
                    on(value) ? attribute.param("payload_on", "ON") : attribute.param("payload_off", "OFF"));
            case "lock" -> HaTemplate.command(template, value.equalsIgnoreCase("LOCKED")
                    ? attribute.param("payload_on", "LOCK") : attribute.param("payload_off", "UNLOCK"));
            case "json-light" -> jsonLight(attribute, value);
            case "rgb" -> {
                int[] rgb = Colors.rgb(value);
                yield HaTemplate.command(template, rgb[0] + "," + rgb[1] + "," + rgb[2]);
            }
            case "position" -> {
                double open = Values.number(attribute.param("open", "100"), "position_open");
                double closed = Values.number(attribute.param("closed", "0"), "position_closed");
                double raw = closed + Values.number(value, "position") * (open - closed) / 100;
                yield HaTemplate.command(template, Long.toString(Math.round(raw)));
            }
            default -> {
                String v = value;
                if (attribute.param("scale") != null) {
                    double scale = Values.number(attribute.param("scale"), "brightness_scale");
                    v = Long.toString(Math.round(Values.number(value, attribute.name()) * scale / 100));
                } else if (attribute.kind() == AttributeKind.NUMERIC) {
                    v = Values.format(Values.number(value, attribute.name()));
                }
                yield HaTemplate.command(template, v);
            }
        };
        return Optional.of(new String[] {topic, payload});
    }

    private static String jsonLight(AttributeSpec attribute, String value) {
        ObjectNode command = Values.JSON.createObjectNode();
        switch (attribute.param("part", "power")) {
            case "power" -> command.put("state", on(value) ? "ON" : "OFF");
            case "brightness" -> {
                double scale = Values.number(attribute.param("scale", "255"), "brightness_scale");
                command.put("state", "ON");
                command.put("brightness", Math.round(Values.number(value, "brightness") * scale / 100));
            }
            default -> {
                command.put("state", "ON");
                ObjectNode color = command.putObject("color");
                switch (attribute.param("model", "rgb")) {
                    case "xy" -> {
                        double[] xy = Colors.xy(value);
                        color.put("x", xy[0]);
                        color.put("y", xy[1]);
                    }
                    case "hs" -> {
                        double[] hs = hueSaturation(Colors.rgb(value));
                        color.put("h", hs[0]);
                        color.put("s", hs[1]);
                    }
                    default -> {
                        int[] rgb = Colors.rgb(value);
                        color.put("r", rgb[0]);
                        color.put("g", rgb[1]);
                        color.put("b", rgb[2]);
                    }
                }
            }
        }
        return json(command);
    }

    private static double[] hueSaturation(int[] rgb) {
        double r = rgb[0] / 255.0;
        double g = rgb[1] / 255.0;
        double b = rgb[2] / 255.0;
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        double delta = max - min;
        double hue = delta == 0 ? 0 : max == r ? 60 * (((g - b) / delta) % 6) : max == g ? 60 * ((b - r) / delta + 2)
                : 60 * ((r - g) / delta + 4);
        if (hue < 0) {
            hue += 360;
        }
        double saturation = max == 0 ? 0 : delta / max * 100;
        return new double[] {Values.round(hue, 1), Values.round(saturation, 1)};
    }

    // ------------------------------------------------------------------ values

    /** The canonical ON/OFF (or true/false) value as a boolean; anything else is refused. */
    private static boolean on(String value) {
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "ON", "TRUE", "1" -> true;
            case "OFF", "FALSE", "0" -> false;
            default -> throw new IllegalArgumentException("not ON or OFF: " + value);
        };
    }

    private static String integer(String value, double min, double max) {
        double number = Values.number(value, "the value");
        return Long.toString(Math.round(Math.max(min, Math.min(max, number))));
    }

    private static String json(ObjectNode node) {
        try {
            return Values.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
