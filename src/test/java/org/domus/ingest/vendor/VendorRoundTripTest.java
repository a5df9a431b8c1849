package org.domus.ingest.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.domus.model.AttributeKind;
import org.domus.model.Colors;
import org.domus.model.OutboundMessage;
import org.domus.sim.vendor.VendorAttribute;
import org.domus.sim.vendor.VendorDevice;
import org.domus.sim.vendor.VendorDialect;
import org.domus.sim.vendor.VendorDialects;
import org.domus.sim.vendor.VendorMessage;
import org.domus.store.AttributeDeclaration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a simulated vendor device publishes is discovered as the right device; a command from
 * {@link VendorCommands} is understood by the simulated device as the right change; its answer is read back.
 */
class VendorRoundTripTest {

    private static final String PREFIX = "domus/" + VendorFixtures.HOUSE + "/raw/";

    private static VendorAttribute numeric(String name, String unit) {
        return new VendorAttribute(name, "numeric", unit, false, null, null, null);
    }

    private static final List<VendorAttribute> PLUG = List.of(
            new VendorAttribute("power", "enum", "", true, null, null, List.of("ON", "OFF")),
            numeric("watts", "W"), numeric("energy", "kWh"));
    private static final List<VendorAttribute> COLOUR_LIGHT = List.of(
            new VendorAttribute("power", "enum", "", true, null, null, List.of("ON", "OFF")),
            new VendorAttribute("brightness", "numeric", "%", true, 0.0, 100.0, null),
            new VendorAttribute("color", "text", "", true, null, null, null));
    private static final List<VendorAttribute> DIMMABLE_LIGHT = COLOUR_LIGHT.subList(0, 2);
    private static final List<VendorAttribute> THERMOSTAT = List.of(numeric("temperature", "°C"),
            new VendorAttribute("setpoint", "numeric", "°C", true, 5.0, 30.0, null),
            new VendorAttribute("mode", "enum", "", true, null, null, List.of("off", "heat", "auto")));
    private static final List<VendorAttribute> CLIMATE_SENSOR = List.of(numeric("temperature", "°C"),
            numeric("humidity", "%"), numeric("battery", "%"));
    private static final List<VendorAttribute> TEMP_HUMIDITY = CLIMATE_SENSOR.subList(0, 2);
    private static final List<VendorAttribute> COVER = List.of(
            new VendorAttribute("position", "numeric", "%", true, 0.0, 100.0, null));
    private static final List<VendorAttribute> CONTACT = List.of(
            new VendorAttribute("contact", "enum", "", false, null, null, List.of("open", "closed")),
            numeric("battery", "%"));
    private static final List<VendorAttribute> MOTION = List.of(
            new VendorAttribute("motion", "boolean", "", false, null, null, null));
    private static final List<VendorAttribute> ALARMS = List.of(
            new VendorAttribute("smoke", "boolean", "", false, null, null, null),
            new VendorAttribute("leak", "boolean", "", false, null, null, null), numeric("co2", "ppm"));

    private static final Map<String, Object> STATE = Map.ofEntries(Map.entry("power", "OFF"),
            Map.entry("watts", 42.5), Map.entry("energy", 1.25), Map.entry("brightness", 30.0),
            Map.entry("color", "#ff0000"), Map.entry("temperature", 19.5), Map.entry("setpoint", 20.0),
            Map.entry("mode", "heat"), Map.entry("humidity", 45.0), Map.entry("battery", 87.0),
            Map.entry("position", 0.0), Map.entry("contact", "open"), Map.entry("motion", true),
            Map.entry("smoke", false), Map.entry("leak", true), Map.entry("co2", 612.0));

    /** The commands tried on each writable attribute. */
    private static final Map<String, String> COMMANDS = Map.of("power", "ON", "brightness", "60",
            "color", "#00ff00", "setpoint", "22.5", "mode", "auto", "position", "40");

    static Stream<Arguments> devices() {
        return Stream.of(
                Arguments.of("tasmota", "tasmota_plug1", "smart-plug", PLUG, "plug"),
                Arguments.of("tasmota", "tasmota_bulb", "colour-light", COLOUR_LIGHT, "light"),
                Arguments.of("tasmota", "tasmota_th", "temperature-humidity", TEMP_HUMIDITY, "sensor"),
                Arguments.of("tasmota", "tasmota_blind", "cover", COVER, "cover"),
                Arguments.of("zigbee2mqtt", "living_room_plug", "smart-plug", PLUG, "plug"),
                Arguments.of("zigbee2mqtt", "hue_bulb", "colour-light", COLOUR_LIGHT, "light"),
                Arguments.of("zigbee2mqtt", "trv_kitchen", "thermostat", THERMOSTAT, "thermostat"),
                Arguments.of("zigbee2mqtt", "aqara_th", "temperature-humidity", CLIMATE_SENSOR, "sensor"),
                Arguments.of("zigbee2mqtt", "blind_west", "cover", COVER, "cover"),
                Arguments.of("zigbee2mqtt", "front_door", "contact", CONTACT, "contact"),
                Arguments.of("zigbee2mqtt", "hall_pir", "motion", MOTION, "motion"),
                Arguments.of("zigbee2mqtt", "alarms", "alarm", ALARMS, "smoke"),
                Arguments.of("shelly", "shellyplusplugs-b0b21c1a2b3c", "smart-plug", PLUG, "plug"),
                Arguments.of("shelly", "shellydimmer2-ccddee", "dimmable-light", DIMMABLE_LIGHT, "light"),
                Arguments.of("shelly", "shellyplus2pm-cover1", "cover", COVER, "cover"),
                Arguments.of("shelly", "shellyhtg3-aabbcc", "temperature-humidity", CLIMATE_SENSOR, "sensor"),
                Arguments.of("homeassistant", "sim_plug_1", "smart-plug", PLUG, "plug"),
                Arguments.of("homeassistant", "sim_light_1", "colour-light", COLOUR_LIGHT, "light"),
                Arguments.of("homeassistant", "sim_trv_1", "thermostat", THERMOSTAT, "thermostat"),
                Arguments.of("homeassistant", "sim_th_1", "temperature-humidity", CLIMATE_SENSOR, "sensor"),
                Arguments.of("homeassistant", "sim_cover_1", "cover", COVER, "cover"),
                Arguments.of("homeassistant", "sim_door_1", "contact", CONTACT, "contact"),
                Arguments.of("homeassistant", "sim_pir_1", "motion", MOTION, "motion"),
                Arguments.of("homeassistant", "sim_alarms_1", "alarm", ALARMS, "smoke"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("devices")
    void simulatedDeviceIsDiscoveredAndObeysCommands(String dialectName, String id, String type,
                                                     List<VendorAttribute> attributes, String kind) {
        VendorDialect dialect = VendorDialects.byName(dialectName).orElseThrow();
        VendorDevice device = new VendorDevice(VendorFixtures.HOUSE, id, "Sim " + type, type, attributes);
        Map<String, Object> state = new HashMap<>();
        attributes.forEach(a -> state.put(a.name(), STATE.get(a.name())));
        VendorFixtures f = new VendorFixtures();
        publish(f, dialect.onConnect(device, state));
        assertEquals(0, f.count(VendorOutcome.Malformed.class), () -> "malformed: " + f.outcomes);

        String slug = VendorSlugs.device(dialectName, id);
        assertEquals(kind, f.device(slug).kind());
        assertEquals("online", f.last(slug, "status"));
        for (VendorAttribute attribute : attributes) {
            AttributeDeclaration declared = f.attribute(slug, attribute.name());
            assertEquals(attribute.writable(), declared.writable(), attribute.name() + " writable");
            assertReading(f, slug, attribute.name(), state.get(attribute.name()));
        }

        for (VendorAttribute attribute : attributes) {
            String value = COMMANDS.get(attribute.name());
            if (!attribute.writable() || value == null) {
                continue;
            }
            AttributeKind attributeKind = f.attribute(slug, attribute.name()).kind();
            Optional<OutboundMessage> command = f.commands.route(VendorFixtures.series(slug, attribute.name()),
                    attributeKind, value);
            assertTrue(command.isPresent(), "a command for " + attribute.name());
            assertTrue(command.get().topic().startsWith(PREFIX), command.get().topic());
            assertTrue(dialect.commandFilters(device).stream().anyMatch(filter -> matches(filter, command.get().topic())),
                    () -> command.get().topic() + " matches none of " + dialect.commandFilters(device));
            Map<String, Object> change = dialect.parseCommand(device, command.get().topic(), command.get().payload(),
                    state).orElseThrow(() -> new AssertionError("not understood: " + command.get().topic() + " "
                    + new String(command.get().payload(), StandardCharsets.UTF_8)));
            assertCanonical(value, change.get(attribute.name()), attribute.name());

            state.putAll(change);
            publish(f, dialect.onChange(device, state, Set.copyOf(change.keySet())));
            assertReading(f, slug, attribute.name(), state.get(attribute.name()));
        }
    }

    private static void publish(VendorFixtures f, List<VendorMessage> messages) {
        for (VendorMessage message : messages) {
            assertTrue(message.topic().startsWith(PREFIX), message.topic());
            f.feed(message.topic().substring(PREFIX.length()), message.payload());
        }
    }

    private static void assertReading(VendorFixtures f, String slug, String attribute, Object expected) {
        String actual = f.last(slug, attribute);
        assertCanonical(expected.toString(), actual, attribute);
    }

    /** Equal as Domus values: numbers by value, colours within a few steps (Zigbee reports CIE xy). */
    private static void assertCanonical(String expected, Object actual, String attribute) {
        String text = String.valueOf(actual);
        if (expected.startsWith("#")) {
            int[] e = Colors.rgb(expected);
            int[] a = Colors.rgb(text);
            for (int i = 0; i < 3; i++) {
                assertTrue(Math.abs(e[i] - a[i]) <= 8, attribute + ": " + expected + " vs " + text);
            }
            return;
        }
        if (attribute.equals("contact") || attribute.equals("mode") || attribute.equals("power")) {
            assertEquals(expected, text, attribute);
            return;
        }
        try {
            assertEquals(Double.parseDouble(expected), Double.parseDouble(text), 0.51, attribute);
        } catch (NumberFormatException e) {
            assertEquals(expected, text, attribute);
        }
    }

    private static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
