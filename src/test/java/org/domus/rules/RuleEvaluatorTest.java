package org.domus.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.domus.model.AttributeKind;
import org.domus.model.DeviceAddress;
import org.domus.model.Reading;
import org.domus.model.SeriesPath;
import org.domus.model.Severity;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final SeriesPath FREEZER = SeriesPath.parse("demo/kitchen/freezer/temperature");
    private static final SeriesPath DOOR = SeriesPath.parse("demo/hall/front-door/contact");
    private static final List<RuleAction> ALERT = List.of(new RuleAction.RaiseAlert(Severity.WARNING, "too warm"));

    private final RuleEvaluator evaluator = new RuleEvaluator(house -> MADRID);
    private Instant now = Instant.parse("2026-03-01T10:00:00Z");

    private Rule rule(long id, Trigger trigger, Condition... conditions) {
        return new Rule(id, "rule " + id, "demo", true, trigger, List.of(conditions), ALERT);
    }

    private static Reading number(SeriesPath series, double value) {
        return new Reading(series, Instant.EPOCH, Double.toString(value), value, AttributeKind.NUMERIC, null, false);
    }

    private static Reading text(SeriesPath series, String value) {
        return new Reading(series, Instant.EPOCH, value, null, AttributeKind.ENUM, null, false);
    }

    private List<Outcome> read(Reading reading) {
        return evaluator.onReading(reading, now);
    }

    private List<Outcome> after(Duration duration) {
        now = now.plus(duration);
        return evaluator.tick(now);
    }

    @Test
    void thresholdAboveFiresOnceAndClearsOnlyPastTheHysteresis() {
        evaluator.setRules(List.of(rule(1, new Trigger.Threshold(FREEZER, Trigger.Direction.ABOVE, -15, 2, null))), now);
        assertEquals(List.of(), read(number(FREEZER, -18)));
        List<Outcome> fired = read(number(FREEZER, -14.5));
        assertEquals(1, fired.size());
        Outcome.Fired firing = assertInstanceOf(Outcome.Fired.class, fired.getFirst());
        assertTrue(firing.cause().contains("-14.5"), firing.cause());
        assertEquals(List.of(), read(number(FREEZER, -13)), "fires once per episode");
        assertEquals(List.of(), read(number(FREEZER, -16)), "still within the hysteresis (clears below -17)");
        assertEquals(List.of(), read(number(FREEZER, -14)), "no second firing while not cleared");
        List<Outcome> cleared = read(number(FREEZER, -17.5));
        assertInstanceOf(Outcome.Cleared.class, cleared.getFirst());
        assertEquals(1, read(number(FREEZER, -14)).size(), "a new episode fires again");
    }

    @Test
    void thresholdBelowUsesHysteresisUpwards() {
        evaluator.setRules(List.of(rule(1, new Trigger.Threshold(FREEZER, Trigger.Direction.BELOW, 5, 1, null))), now);
        assertEquals(1, read(number(FREEZER, 4.9)).size());
        assertEquals(List.of(), read(number(FREEZER, 5.5)));
        assertInstanceOf(Outcome.Cleared.class, read(number(FREEZER, 6.1)).getFirst());
    }

    @Test
    void thresholdMustHoldForItsDurationAndFiresOnATickWithoutNewReadings() {
        evaluator.setRules(List.of(rule(1, new Trigger.Threshold(FREEZER, Trigger.Direction.ABOVE, -15, 0,
                Duration.ofMinutes(5)))), now);
        assertEquals(List.of(), read(number(FREEZER, -10)));
        assertEquals(List.of(), after(Duration.ofMinutes(4)));
        assertEquals(List.of(), read(number(FREEZER, -16)), "came back before five minutes: nothing fired");
        assertEquals(List.of(), read(number(FREEZER, -10)));
        assertEquals(List.of(), after(Duration.ofSeconds(299)));
        List<Outcome> fired = after(Duration.ofSeconds(1));
        assertEquals(1, fired.size());
        assertTrue(((Outcome.Fired) fired.getFirst()).cause().endsWith("for 5m"), fired.toString());
        assertEquals(List.of(), after(Duration.ofMinutes(10)));
    }

    @Test
    void ignoresNonNumericReadingsForAThreshold() {
        evaluator.setRules(List.of(rule(1, new Trigger.Threshold(FREEZER, Trigger.Direction.ABOVE, 0, 0, null))), now);
        assertEquals(List.of(), read(text(FREEZER, "unavailable")));
    }

    @Test
    void stateChangeFiresWhenTheDoorOpensAndClearsWhenItCloses() {
        evaluator.setRules(List.of(rule(1, new Trigger.StateChange(DOOR, "open", null, null))), now);
        assertEquals(List.of(), read(text(DOOR, "closed")));
        assertEquals(1, read(text(DOOR, "open")).size());
        assertEquals(List.of(), read(text(DOOR, "open")), "the same state again is no change");
        assertInstanceOf(Outcome.Cleared.class, read(text(DOOR, "closed")).getFirst());
    }

    @Test
    void stateChangeWithADurationIsTheDoorLeftOpen() {
        evaluator.setRules(List.of(rule(1, new Trigger.StateChange(DOOR, "open", "closed", Duration.ofMinutes(10)))), now);
        read(text(DOOR, "closed"));
        read(text(DOOR, "open"));
        assertEquals(List.of(), after(Duration.ofMinutes(9)));
        assertEquals(1, after(Duration.ofMinutes(1)).size());
    }

    @Test
    void deviceOfflineLongerThanNFiresPerDeviceAndClearsWhenBack() {
        evaluator.setRules(List.of(rule(1, new Trigger.DeviceOffline(null, Duration.ofMinutes(2)))), now);
        SeriesPath lamp = new DeviceAddress("demo", "hall", "lamp").attribute("status");
        SeriesPath plug = new DeviceAddress("demo", "hall", "plug").attribute("status");
        SeriesPath elsewhere = new DeviceAddress("other", "hall", "plug").attribute("status");
        read(text(lamp, "offline"));
        read(text(elsewhere, "offline"));
        assertEquals(List.of(), after(Duration.ofMinutes(1)));
        read(text(plug, "offline"));
        List<Outcome> fired = after(Duration.ofMinutes(1));
        assertEquals(1, fired.size());
        assertEquals("demo/hall/lamp", fired.getFirst().subject());
        assertEquals("demo/hall/plug", after(Duration.ofMinutes(1)).getFirst().subject());
        Outcome back = read(text(lamp, "online")).getFirst();
        assertInstanceOf(Outcome.Cleared.class, back);
        assertEquals("demo/hall/lamp", back.subject());
    }

    @Test
    void timeWindowConditionHoldsBackAFiringUntilTheWindowOpens() {
        // 10:00Z is 11:00 in Madrid; the window opens at 11:30 local.
        evaluator.setRules(List.of(rule(1, new Trigger.Threshold(FREEZER, Trigger.Direction.ABOVE, 0, 0, null),
                new Condition.TimeWindow(LocalTime.of(11, 30), LocalTime.of(6, 0)))), now);
        assertEquals(List.of(), read(number(FREEZER, 3)));
        assertEquals(List.of(), after(Duration.ofMinutes(29)));
        assertEquals(1, after(Duration.ofMinutes(1)).size());
    }

    @Test
    void attributeConditionUsesTheOtherAttributesLatestValue() {
        SeriesPath mode = SeriesPath.parse("demo/hall/alarm/mode");
        evaluator.setRules(List.of(rule(1, new Trigger.StateChange(DOOR, "open", null, null),
                new Condition.AttributeIs(mode, Condition.Comparison.EQUALS, "away"))), now);
        read(text(mode, "home"));
        assertEquals(List.of(), read(text(DOOR, "open")));
        read(text(DOOR, "closed"));
        read(text(mode, "away"));
        assertEquals(1, read(text(DOOR, "open")).size());
    }

    @Test
    void hubOfflineAndBadPayloadRateAreHouseEvents() {
        evaluator.setRules(List.of(
                rule(1, new Trigger.HouseEvent(HouseSignal.Kind.HUB_OFFLINE, 0, null)),
                rule(2, new Trigger.HouseEvent(HouseSignal.Kind.BAD_PAYLOADS, 30, null))), now);
        List<Outcome> hub = evaluator.onSignal(new HouseSignal("demo", HouseSignal.Kind.HUB_OFFLINE, 1, ""), now);
        assertEquals(1, hub.size());
        assertEquals(1L, hub.getFirst().rule().id());
        assertEquals(List.of(), evaluator.onSignal(new HouseSignal("demo", HouseSignal.Kind.BAD_PAYLOADS, 30, ""), now));
        assertEquals(1, evaluator.onSignal(new HouseSignal("demo", HouseSignal.Kind.BAD_PAYLOADS, 31, ""), now).size());
        assertInstanceOf(Outcome.Cleared.class,
                evaluator.onSignal(new HouseSignal("demo", HouseSignal.Kind.HUB_OFFLINE, 0, ""), now).getFirst());
    }

    @Test
    void scheduleFiresAtLocalTimeOnBothSidesOfTheSpringChange() {
        // Europe/Madrid moves from UTC+1 to UTC+2 on 2026-03-29 at 02:00 local.
        now = Instant.parse("2026-03-27T12:00:00Z");
        evaluator.setRules(List.of(rule(1, new Trigger.Schedule("0 9 * * *"))), now);
        List<Instant> firings = runFor(Duration.ofDays(4));
        assertEquals(List.of(Instant.parse("2026-03-28T08:00:00Z"), Instant.parse("2026-03-29T07:00:00Z"),
                Instant.parse("2026-03-30T07:00:00Z"), Instant.parse("2026-03-31T07:00:00Z")), firings);
        for (Instant at : firings) {
            assertEquals(9, ZonedDateTime.ofInstant(at, MADRID).getHour());
        }
    }

    @Test
    void scheduleInTheRepeatedAutumnHourFiresOnce() {
        // 2026-10-25: 03:00 local goes back to 02:00, so 02:30 happens twice.
        now = Instant.parse("2026-10-24T12:00:00Z");
        evaluator.setRules(List.of(rule(1, new Trigger.Schedule("30 2 * * *"))), now);
        List<Instant> firings = runFor(Duration.ofDays(2));
        assertEquals(2, firings.size(), firings.toString());
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"), firings.get(0));
        assertEquals(Instant.parse("2026-10-26T01:30:00Z"), firings.get(1));
    }

    @Test
    void disablingARuleClearsWhatItFired() {
        Rule rule = rule(1, new Trigger.Threshold(FREEZER, Trigger.Direction.ABOVE, 0, 0, null));
        evaluator.setRules(List.of(rule), now);
        read(number(FREEZER, 3));
        List<Outcome> cleared = evaluator.setRules(List.of(rule.withEnabled(false)), now);
        assertInstanceOf(Outcome.Cleared.class, cleared.getFirst());
        assertEquals(List.of(), read(number(FREEZER, 4)));
    }

    @Test
    void anUnchangedRuleKeepsItsPendingDurationAcrossAReload() {
        Rule rule = rule(1, new Trigger.Threshold(FREEZER, Trigger.Direction.ABOVE, 0, 0, Duration.ofMinutes(5)));
        evaluator.setRules(List.of(rule), now);
        read(number(FREEZER, 3));
        after(Duration.ofMinutes(3));
        evaluator.setRules(List.of(rule, rule(2, new Trigger.StateChange(DOOR, "open", null, null))), now);
        assertEquals(1, after(Duration.ofMinutes(2)).size());
    }

    /** Ticks once a second, as the engine does, collecting the firing times. */
    private List<Instant> runFor(Duration duration) {
        List<Instant> firings = new ArrayList<>();
        Instant end = now.plus(duration);
        while (now.isBefore(end)) {
            for (Outcome outcome : after(Duration.ofSeconds(1))) {
                firings.add(outcome.at());
            }
        }
        return firings;
    }
}
