package org.domus.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.domus.sim.definition.AttributeDefinition;
import org.domus.sim.definition.DeviceType;
import org.domus.sim.definition.SampleDevices;
import org.junit.jupiter.api.Test;

/** Every bundled type obeys its commands, refuses impossible ones, and stays within its physical bounds. */
class DeviceModelTest {

    private static final SampleDevices SAMPLES = SampleDevices.bundled();
    private static final Instant MIDNIGHT = Instant.parse("2026-11-23T00:00:00Z");

    private static DeviceModel model(String type) {
        return model(type, Map.of());
    }

    private static DeviceModel model(String type, Map<String, Object> initial) {
        return new DeviceModel(SAMPLES.type(type).orElseThrow(), initial, MIDNIGHT, ZoneOffset.UTC, new Random(42));
    }

    private static boolean obey(DeviceModel model, String attribute, Object value) {
        CommandCheck check = model.check(attribute, value);
        CommandCheck.Accepted accepted = assertInstanceOf(CommandCheck.Accepted.class, check,
                () -> attribute + "=" + value + " refused: " + check);
        return model.apply(accepted);
    }

    private static String refusal(DeviceModel model, String attribute, Object value) {
        return assertInstanceOf(CommandCheck.Refused.class, model.check(attribute, value)).reason();
    }

    /** Runs the model for {@code span} in steps of {@code step}, checking every value against the type's bounds. */
    private static Instant runWithinBounds(DeviceModel model, Instant from, Duration span, Duration step) {
        Instant t = from;
        for (Instant end = from.plus(span); t.isBefore(end); ) {
            t = t.plus(step);
            model.advance(t);
            for (AttributeDefinition attribute : model.type().attributes()) {
                Object value = model.value(attribute.name());
                if (value instanceof Double number) {
                    assertTrue(attribute.min() == null || number >= attribute.min(), attribute.name() + "=" + number);
                    assertTrue(attribute.max() == null || number <= attribute.max(), attribute.name() + "=" + number);
                } else if (!attribute.choices().isEmpty()) {
                    assertTrue(attribute.choices().contains(value), attribute.name() + "=" + value);
                }
            }
        }
        return t;
    }

    @Test
    void everyBundledTypeStaysWithinItsBoundsForAWeek() {
        for (DeviceType type : SAMPLES.types().values()) {
            runWithinBounds(model(type.slug()), MIDNIGHT, Duration.ofDays(7), Duration.ofMinutes(7));
        }
    }

    @Test
    void onOffLightObeysPowerAndRefusesOtherValues() {
        DeviceModel light = model("on-off-light");
        assertEquals("OFF", light.value("power"));
        assertTrue(obey(light, "power", "on"));
        assertEquals("ON", light.value("power"), "an enum takes its choice's spelling");
        assertEquals("power \"DIM\" is not one of ON, OFF", refusal(light, "power", "DIM"));
        assertEquals("power 1 is not one of ON, OFF", refusal(light, "power", 1.0));
        assertEquals("a on-off-light has no attribute colour", refusal(light, "colour", "red"));
    }

    @Test
    void dimmableLightHoldsBrightnessInBoundsAndDrawsNothingWhenOff() {
        DeviceModel lamp = model("dimmable-light");
        obey(lamp, "brightness", 50.0);
        assertEquals(50.0, lamp.value("brightness"));
        assertEquals("brightness 150 is above the maximum 100%", refusal(lamp, "brightness", 150.0));
        assertEquals("brightness -1 is below the minimum 0%", refusal(lamp, "brightness", -1.0));
        assertEquals("brightness needs a number, not \"bright\"", refusal(lamp, "brightness", "bright"));
        lamp.advance(MIDNIGHT.plusSeconds(10));
        assertEquals(0.0, lamp.value("watts"));
        obey(lamp, "power", "ON");
        lamp.advance(MIDNIGHT.plusSeconds(20));
        assertEquals(50 * 0.09 + 0.5, (Double) lamp.value("watts"), 1e-9);
        assertEquals("watts is read-only", refusal(lamp, "watts", 3.0));
    }

    @Test
    void colourLightTakesOnlyHexColours() {
        DeviceModel lamp = model("colour-light");
        obey(lamp, "color", "#00ff7f");
        assertEquals("#00ff7f", lamp.value("color"));
        assertTrue(refusal(lamp, "color", "green").startsWith("color \"green\" does not match"));
        assertTrue(refusal(lamp, "color", 255.0).startsWith("color needs a string"));
    }

    @Test
    void thermostatApproachesItsSetpointWhileHeatingAndDriftsToAmbientWhenOff() {
        DeviceModel thermostat = model("thermostat");
        obey(thermostat, "setpoint", 23.0);
        Instant t = runWithinBounds(thermostat, MIDNIGHT, Duration.ofHours(2), Duration.ofSeconds(30));
        assertEquals(23.0, (Double) thermostat.value("temperature"), 0.3);
        obey(thermostat, "mode", "off");
        runWithinBounds(thermostat, t, Duration.ofHours(3), Duration.ofSeconds(30));
        assertEquals(16.0, (Double) thermostat.value("temperature"), 0.3);
        assertEquals("setpoint 45 is above the maximum 30°C", refusal(thermostat, "setpoint", 45.0));
        assertEquals("temperature is read-only", refusal(thermostat, "temperature", 20.0));
        assertEquals("mode \"cool\" is not one of heat, off", refusal(thermostat, "mode", "cool"));
    }

    @Test
    void thermostatTemperatureMovesGraduallyNotInOneJump() {
        DeviceModel thermostat = model("thermostat");
        obey(thermostat, "setpoint", 25.0);
        thermostat.advance(MIDNIGHT.plusSeconds(60));
        double afterAMinute = (Double) thermostat.value("temperature");
        assertTrue(afterAMinute > 19.5 && afterAMinute < 20.2, "after a minute: " + afterAMinute);
    }

    @Test
    void temperatureSensorFollowsADailyCurveWithNoise() {
        DeviceModel sensor = model("temperature-humidity-sensor");
        sensor.advance(MIDNIGHT.plus(Duration.ofHours(16)));
        double afternoon = (Double) sensor.value("temperature");
        sensor.advance(MIDNIGHT.plus(Duration.ofHours(28)));
        double night = (Double) sensor.value("temperature");
        assertTrue(afternoon > night + 2, afternoon + " vs " + night);
        Set<Double> values = new HashSet<>();
        for (int i = 1; i <= 10; i++) {
            sensor.advance(MIDNIGHT.plus(Duration.ofHours(28)).plusSeconds(i));
            values.add((Double) sensor.value("temperature"));
        }
        assertTrue(values.size() > 5, "noise: " + values);
        assertEquals("humidity is read-only", refusal(sensor, "humidity", 50.0));
    }

    @Test
    void batteryDrainsSlowly() {
        DeviceModel sensor = model("temperature-humidity-sensor");
        sensor.advance(MIDNIGHT.plus(Duration.ofDays(10)));
        assertEquals(96 - 0.01 * 240, (Double) sensor.value("battery"), 1e-6);
    }

    @Test
    void contactAndMotionPulseAndReportEachChange() {
        for (String[] typeAndAttribute : List.of(new String[] {"door-window-contact", "contact"},
                new String[] {"motion-sensor", "motion"})) {
            DeviceModel sensor = model(typeAndAttribute[0]);
            String attribute = typeAndAttribute[1];
            Object idle = sensor.value(attribute);
            int changes = 0;
            Set<Object> seen = new HashSet<>();
            for (int minute = 1; minute <= 24 * 60; minute++) {
                if (sensor.advance(MIDNIGHT.plus(Duration.ofMinutes(minute))).contains(attribute)) {
                    changes++;
                }
                seen.add(sensor.value(attribute));
            }
            assertTrue(changes > 20, attribute + " changed " + changes + " times in a day");
            assertTrue(seen.size() == 2 && seen.contains(idle), attribute + ": " + seen);
            assertTrue(sensor.nextTransition().isPresent());
            assertTrue(refusal(sensor, attribute, idle).endsWith("is read-only"));
        }
    }

    @Test
    void smartPlugIntegratesPowerIntoEnergyAndDrawsNothingWhenOff() {
        DeviceModel plug = model("smart-plug");
        double energy = 0;
        double wattSeconds = 0;
        for (int s = 10; s <= 3600; s += 10) {
            plug.advance(MIDNIGHT.plusSeconds(s));
            double watts = (Double) plug.value("watts");
            assertTrue(watts >= 35 && watts <= 160, "watts " + watts);
            wattSeconds += watts * 10;
            energy = (Double) plug.value("energy");
        }
        assertEquals(wattSeconds / 3_600_000, energy, 1e-9);
        obey(plug, "power", "OFF");
        plug.advance(MIDNIGHT.plusSeconds(3610));
        assertEquals(0.0, plug.value("watts"));
        double afterOff = (Double) plug.value("energy");
        plug.advance(MIDNIGHT.plusSeconds(7200));
        assertEquals(afterOff, (Double) plug.value("energy"), 1e-12);
        assertEquals("energy is read-only", refusal(plug, "energy", 0.0));
    }

    @Test
    void blindsMoveTowardsTheirTargetAtTheirSpeedAndReportArrival() {
        DeviceModel blinds = model("blinds");
        assertEquals(100.0, blinds.value("position"));
        assertFalse(obey(blinds, "position", 30.0), "a cover does not arrive at once");
        assertTrue(blinds.moving());
        assertTrue(blinds.advance(MIDNIGHT.plusSeconds(1)).isEmpty());
        assertEquals(90.0, (Double) blinds.value("position"), 1e-9);
        blinds.advance(MIDNIGHT.plusSeconds(5));
        assertEquals(50.0, (Double) blinds.value("position"), 1e-9);
        assertEquals(Set.of("position"), blinds.advance(MIDNIGHT.plusSeconds(8)));
        assertEquals(30.0, blinds.value("position"));
        assertFalse(blinds.moving());
        assertTrue(obey(blinds, "position", 30.0), "already there: done at once");
        assertEquals("position 101 is above the maximum 100%", refusal(blinds, "position", 101.0));
    }

    @Test
    void alarmsAreBooleansThatCannotBeCommanded() {
        for (String[] typeAndAttribute : List.of(new String[] {"smoke-alarm", "smoke"},
                new String[] {"water-leak-alarm", "leak"})) {
            DeviceModel alarm = model(typeAndAttribute[0]);
            assertEquals(false, alarm.value(typeAndAttribute[1]));
            assertEquals(typeAndAttribute[1] + " is read-only", refusal(alarm, typeAndAttribute[1], true));
        }
    }

    @Test
    void co2SensorStaysPhysical() {
        DeviceModel co2 = model("co2-sensor");
        runWithinBounds(co2, MIDNIGHT, Duration.ofDays(2), Duration.ofMinutes(1));
        double value = (Double) co2.value("co2");
        assertTrue(value >= 350 && value <= 1200, "co2 " + value);
    }

    @Test
    void publishesNumbersRoundedToTheTypesDecimals() {
        DeviceModel thermostat = model("thermostat");
        thermostat.advance(MIDNIGHT.plusSeconds(37));
        double published = (Double) thermostat.published("temperature");
        assertEquals(Math.round(published * 10) / 10.0, published, 1e-12);
    }

    @Test
    void initialValuesFromTheHouseOverrideTheType() {
        assertEquals(18.0, model("thermostat", Map.of("setpoint", 18.0)).value("setpoint"));
    }
}
