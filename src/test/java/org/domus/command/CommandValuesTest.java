package org.domus.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.domus.model.Attribute;
import org.domus.model.AttributeKind;
import org.domus.model.Reading;
import org.domus.model.SeriesPath;
import org.junit.jupiter.api.Test;

class CommandValuesTest {

    private static final SeriesPath SETPOINT = SeriesPath.parse("demo/living-room/thermostat/setpoint");
    private static final Attribute NUMBER = new Attribute(1, 1, SETPOINT, AttributeKind.NUMERIC, "°C", true, 5.0, 30.0,
            null);
    private static final Attribute SWITCH = new Attribute(2, 1, SeriesPath.parse("demo/hall/plug/enabled"),
            AttributeKind.BOOLEAN, "", true, null, null, null);
    private static final Attribute POWER = new Attribute(3, 1, SeriesPath.parse("demo/hall/light/power"),
            AttributeKind.ENUM, "", true, null, null, List.of("ON", "OFF"));
    private static final Attribute LABEL = new Attribute(4, 1, SeriesPath.parse("demo/hall/screen/text"),
            AttributeKind.TEXT, "", true, null, null, null);

    private static String refusal(Attribute attribute, String value) {
        return assertThrows(InvalidCommandException.class, () -> CommandValues.normalise(attribute, value)).getMessage();
    }

    @Test
    void numbersAreCheckedAgainstTheirBoundsAndWrittenInShortestForm() {
        assertEquals("21.5", CommandValues.normalise(NUMBER, " 21.50 "));
        assertEquals("30", CommandValues.normalise(NUMBER, "30.0"));
        assertEquals("5", CommandValues.normalise(NUMBER, "5"));
        assertEquals("demo/living-room/thermostat/setpoint: 4.9 °C is below the minimum 5 °C", refusal(NUMBER, "4.9"));
        assertEquals("demo/living-room/thermostat/setpoint takes a number, not NaN", refusal(NUMBER, "NaN"));
        assertEquals("demo/living-room/thermostat/setpoint takes a number, not 21d", refusal(NUMBER, "21d"));
        assertEquals("no value given for demo/living-room/thermostat/setpoint", refusal(NUMBER, "  "));
    }

    @Test
    void booleansEnumsAndTextAreSpelledCanonically() {
        assertEquals("true", CommandValues.normalise(SWITCH, "ON"));
        assertEquals("false", CommandValues.normalise(SWITCH, "0"));
        assertEquals("demo/hall/plug/enabled takes true or false, not maybe", refusal(SWITCH, "maybe"));
        assertEquals("OFF", CommandValues.normalise(POWER, "off"));
        assertEquals("Hello", CommandValues.normalise(LABEL, "Hello"));
        assertTrue(refusal(LABEL, "x".repeat(300)).contains("at most 256 characters"));
        assertTrue(refusal(LABEL, "a\0b").contains("plain text"));
    }

    @Test
    void readOnlyAttributesCannotBeCommanded() {
        Attribute temperature = new Attribute(5, 1, SeriesPath.parse("demo/living-room/thermostat/temperature"),
                AttributeKind.NUMERIC, "°C", false, null, null, null);
        assertEquals("demo/living-room/thermostat/temperature is read-only: it cannot be commanded",
                refusal(temperature, "20"));
    }

    @Test
    void theSetPayloadTypesTheValueByKind() {
        assertEquals("{\"value\":21.5,\"trace_id\":\"t1\"}", utf8(CommandValues.setPayload(AttributeKind.NUMERIC, "21.5", "t1")));
        assertEquals("{\"value\":true,\"trace_id\":\"t2\"}", utf8(CommandValues.setPayload(AttributeKind.BOOLEAN, "true", "t2")));
        assertEquals("{\"value\":\"ON\",\"trace_id\":\"t3\"}", utf8(CommandValues.setPayload(AttributeKind.ENUM, "ON", "t3")));
        assertEquals("{\"value\":\"say \\\"hi\\\"\",\"trace_id\":\"t4\"}",
                utf8(CommandValues.setPayload(AttributeKind.TEXT, "say \"hi\"", "t4")));
    }

    @Test
    void aReportedValueMatchesTheCommandedOneByKind() {
        assertTrue(CommandValues.reports(AttributeKind.NUMERIC, "21.5", reading("21.50", 21.5, AttributeKind.NUMERIC)));
        assertFalse(CommandValues.reports(AttributeKind.NUMERIC, "21.5", reading("21.6", 21.6, AttributeKind.NUMERIC)));
        assertTrue(CommandValues.reports(AttributeKind.BOOLEAN, "true", reading("ON", 1.0, AttributeKind.BOOLEAN)));
        assertFalse(CommandValues.reports(AttributeKind.BOOLEAN, "false", reading("true", 1.0, AttributeKind.BOOLEAN)));
        assertTrue(CommandValues.reports(AttributeKind.ENUM, "ON", reading("on", 1.0, AttributeKind.BOOLEAN)));
        assertFalse(CommandValues.reports(AttributeKind.ENUM, "ON", reading("OFF", 0.0, AttributeKind.BOOLEAN)));
        assertFalse(CommandValues.reports(AttributeKind.NUMERIC, "1", reading("one", null, AttributeKind.TEXT)));
    }

    @Test
    void policiesRetryWithDoublingBackoff() {
        CommandPolicy policy = new CommandPolicy(Duration.ofSeconds(2), 3, Duration.ofMillis(250));
        assertEquals(Duration.ofMillis(250), policy.backoffBefore(1));
        assertEquals(Duration.ofMillis(500), policy.backoffBefore(2));
        assertEquals(Duration.ofMillis(1000), policy.backoffBefore(3));
        assertThrows(IllegalArgumentException.class, () -> new CommandPolicy(Duration.ZERO, 1, Duration.ZERO));
        assertEquals(Duration.ofSeconds(60), CommandPolicies.DEFAULTS.forKind("blinds").timeout());
        assertEquals(CommandPolicy.DEFAULT, CommandPolicies.DEFAULTS.forKind("light"));
    }

    private static Reading reading(String text, Double number, AttributeKind kind) {
        return new Reading(SETPOINT, Instant.EPOCH, text, number, kind, null, false);
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
