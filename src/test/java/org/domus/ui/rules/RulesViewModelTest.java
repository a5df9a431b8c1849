package org.domus.ui.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.domus.model.DeviceAddress;
import org.domus.model.SeriesPath;
import org.domus.model.Severity;
import org.domus.rules.CommandPort;
import org.domus.rules.Condition;
import org.domus.rules.HouseSignal;
import org.domus.rules.Rule;
import org.domus.rules.RuleAction;
import org.domus.rules.RulesFixture;
import org.domus.rules.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule form without a toolkit: every kind of rule goes into the form and comes back out the same. */
class RulesViewModelTest {

    @TempDir
    Path dir;

    @Test
    void everyKindOfRuleRoundTripsThroughTheForm() {
        try (RulesFixture rules = new RulesFixture(dir, CommandPort.NONE)) {
            ResourceBundle text = ResourceBundle.getBundle("org.domus.ui.rules.messages", Locale.ENGLISH);
            RulesViewModel model = new RulesViewModel(rules.engine, Runnable::run, Runnable::run, text);
            SeriesPath door = SeriesPath.parse("demo/hallway/front-door/contact");
            List<Trigger> triggers = List.of(
                    new Trigger.Threshold(SeriesPath.parse("demo/kitchen/freezer/temperature"), Trigger.Direction.BELOW,
                            -15.5, 1, Duration.ofMinutes(5)),
                    new Trigger.StateChange(door, "open", "closed", Duration.ofMinutes(10)),
                    new Trigger.DeviceOffline(new DeviceAddress("demo", "hallway", "front-door"), Duration.ofHours(1)),
                    new Trigger.DeviceOffline(null, Duration.ofMinutes(30)),
                    new Trigger.Schedule("0 9 * * MON"),
                    new Trigger.HouseEvent(HouseSignal.Kind.HUB_OFFLINE, 0, Duration.ofMinutes(2)),
                    new Trigger.HouseEvent(HouseSignal.Kind.BAD_PAYLOADS, 30, Duration.ZERO));
            for (Trigger trigger : triggers) {
                Rule rule = new Rule(5, "R", "demo", false, trigger,
                        List.of(new Condition.TimeWindow(LocalTime.of(22, 0), LocalTime.of(6, 30)),
                                new Condition.AttributeIs(SeriesPath.parse("demo/hallway/alarm/mode"),
                                        Condition.Comparison.NOT_EQUALS, "home")),
                        List.of(new RuleAction.RaiseAlert(Severity.CRITICAL, "{subject}: {cause}"),
                                new RuleAction.SendCommand(SeriesPath.parse("demo/living-room/ceiling-light/power"), "ON"),
                                new RuleAction.Notify("Door", "")));
                model.edit(new RuleRow(5, "R", "demo", false, "", rule));
                assertEquals(rule, model.build(), trigger.describe());
            }
        }
    }

    @Test
    void aFormWithoutActionsIsRefusedWithOneLine() {
        try (RulesFixture rules = new RulesFixture(dir, CommandPort.NONE)) {
            ResourceBundle text = ResourceBundle.getBundle("org.domus.ui.rules.messages", Locale.ENGLISH);
            RulesViewModel model = new RulesViewModel(rules.engine, Runnable::run, Runnable::run, text);
            model.name.set("Door");
            model.triggerType.set(TriggerType.STATE_CHANGE);
            model.series.set("demo/hallway/front-door/contact");
            model.stateTo.set("open");
            model.raiseAlert.set(false);
            assertEquals("Choose at least one action.",
                    assertThrows(IllegalArgumentException.class, model::build).getMessage());
            model.series.set("demo/hallway/front door/contact");
            model.raiseAlert.set(true);
            model.save();
            assertEquals("Cannot save: Attribute: device \"front door\" is not a slug (lower-case letters, digits and"
                    + " '-', starting with a letter or digit)", model.messageProperty().get());
            assertEquals(true, model.problemProperty().get());
        }
    }
}
