package org.domus.sim.definition;

import org.domus.model.Durations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionReaderTest {

    private static final String LAMP = """
            {"type": "lamp", "name": "Lamp", "attributes": {
              "power": {"kind": "enum", "choices": ["ON", "OFF"], "writable": true}}}
            """;

    private static String problem(String file, String json) {
        DefinitionException e = assertThrows(DefinitionException.class, () -> DefinitionReader.readType(file, json));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsATypeWithDefaults() {
        DeviceType lamp = DefinitionReader.readType("types/lamp.json", LAMP);
        AttributeDefinition power = lamp.attribute("power").orElseThrow();
        assertEquals("ON", power.initial());
        assertEquals(Duration.ofSeconds(60), power.publishEvery());
        assertInstanceOf(Generator.Constant.class, power.generator());
        assertEquals(DelayRange.DEFAULT, lamp.commandDelay());
    }

    @Test
    void namesFileAndPositionOfBrokenJson() {
        String message = problem("types/lamp.json", "{\"type\": \"lamp\",, }");
        assertTrue(message.startsWith("types/lamp.json: not valid JSON at line 1, column"), message);
    }

    @Test
    void namesTheFieldOfAWrongValue() {
        assertEquals("types/t.json: attributes.setpoint.max: must be a number", problem("types/t.json", """
                {"type": "t", "name": "T", "attributes": {"setpoint": {"kind": "numeric", "max": "thirty"}}}"""));
    }

    @Test
    void refusesAMisspeltField() {
        String message = problem("types/t.json", """
                {"type": "t", "name": "T", "attributes": {"a": {"kind": "numeric", "writeable": true}}}""");
        assertTrue(message.startsWith("types/t.json: attributes.a.writeable: unknown field (known: "), message);
    }

    @Test
    void refusesATypeNamedUnlikeItsFile() {
        assertEquals("types/other.json: type: \"lamp\" must match the file name (other)", problem("types/other.json", LAMP));
    }

    @Test
    void refusesAnUnknownKindAndGenerator() {
        assertTrue(problem("types/t.json", """
                {"type": "t", "name": "T", "attributes": {"a": {"kind": "float"}}}""")
                .contains("attributes.a.kind: \"float\" is not one of numeric, boolean, enum, text"));
        assertTrue(problem("types/t.json", """
                {"type": "t", "name": "T", "attributes": {"a": {"kind": "numeric", "generator": {"type": "sine"}}}}""")
                .contains("attributes.a.generator.type: \"sine\" is not one of"));
    }

    @Test
    void refusesAGeneratorReadingAMissingAttribute() {
        assertEquals("types/t.json: attributes.energy.generator: reads \"watts\", which this type does not have",
                problem("types/t.json", """
                        {"type": "t", "name": "T", "attributes": {"energy": {"kind": "numeric",
                          "generator": {"type": "integral", "of": "watts"}}}}"""));
    }

    @Test
    void refusesAnInitialValueOutsideTheBounds() {
        assertEquals("types/t.json: attributes.a.initial: a 40 is above the maximum 30°C", problem("types/t.json", """
                {"type": "t", "name": "T", "attributes": {"a": {"kind": "numeric", "unit": "°C", "max": 30, "initial": 40}}}"""));
    }

    @Test
    void refusesABadDuration() {
        assertTrue(problem("types/t.json", """
                {"type": "t", "name": "T", "attributes": {"a": {"kind": "boolean", "publish-every": "often"}}}""")
                .endsWith("attributes.a.publish-every: \"often\" is not a duration (use ms, s, m, h or d, such as \"500ms\" or \"30s\")"));
    }

    @Test
    void refusesANumericGeneratorOnAnEnum() {
        assertTrue(problem("types/t.json", """
                {"type": "t", "name": "T", "attributes": {"a": {"kind": "enum", "choices": ["x"],
                  "generator": {"type": "random-walk", "step": 1}}}}""")
                .endsWith("attributes.a.generator.type: \"random-walk\" needs a numeric attribute, not enum"));
    }

    @Test
    void refusesHouseProblemsNamingTheField() {
        Map<String, DeviceType> types = Map.of("lamp", DefinitionReader.readType("types/lamp.json", LAMP));
        assertEquals("houses/h.json: rooms[0].devices[0].type: no device type \"lump\" (known: lamp)",
                assertThrows(DefinitionException.class, () -> DefinitionReader.readHouse("houses/h.json", """
                        {"house": "h", "name": "H", "rooms": [{"room": "hall", "devices": [{"device": "a", "type": "lump"}]}]}""",
                        types)).getMessage());
        assertEquals("houses/h.json: rooms[1].room: \"hall\" names two rooms",
                assertThrows(DefinitionException.class, () -> DefinitionReader.readHouse("houses/h.json", """
                        {"house": "h", "name": "H", "rooms": [{"room": "hall", "devices": []}, {"room": "hall", "devices": []}]}""",
                        types)).getMessage());
        assertTrue(assertThrows(DefinitionException.class, () -> DefinitionReader.readHouse("houses/h.json", """
                {"house": "h", "name": "H", "rooms": [{"room": "hall", "devices": [
                  {"device": "a", "type": "lamp", "dialect": "x10", "vendor-id": "a1"}]}]}""", types)).getMessage()
                .startsWith("houses/h.json: rooms[0].devices[0].dialect: \"x10\" is not one of"));
        assertEquals("houses/h.json: rooms[0].room: \"hub\" is reserved and cannot name a room",
                assertThrows(DefinitionException.class, () -> DefinitionReader.readHouse("houses/h.json", """
                        {"house": "h", "name": "H", "rooms": [{"room": "hub", "devices": []}]}""", types)).getMessage());
        assertEquals("houses/h.json: rooms[0].devices[0].initial.power: power \"DIM\" is not one of ON, OFF",
                assertThrows(DefinitionException.class, () -> DefinitionReader.readHouse("houses/h.json", """
                        {"house": "h", "name": "H", "rooms": [{"room": "hall", "devices": [
                          {"device": "a", "type": "lamp", "initial": {"power": "DIM"}}]}]}""", types)).getMessage());
    }

    @Test
    void addsATypeFromAFileWithoutCode(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lamp.json");
        Files.writeString(file, LAMP);
        SampleDevices added = SampleDevices.bundled().with(file);
        assertTrue(added.type("lamp").isPresent());
        assertTrue(added.type("thermostat").isPresent());
    }

    @Test
    void parsesDurations() {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms").orElseThrow());
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m").orElseThrow());
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s").orElseThrow());
        assertTrue(Durations.parse("5").isEmpty());
        assertTrue(Durations.parse("-5s").isEmpty());
    }
}
