package org.domus.ui.rules;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.domus.model.SeriesPath;
import org.domus.model.Severity;
import org.domus.rules.Condition;
import org.domus.rules.HouseSignal;
import org.domus.rules.Rule;
import org.domus.rules.RuleAction;
import org.domus.rules.RuleCodec;
import org.domus.rules.RuleEngine;
import org.domus.rules.RuleEntry;
import org.domus.rules.Trigger;

/**
 * The rule list and the form-based editor: fields as text, checked when saving or testing, with one clear line
 * when something does not fit. Store work runs on {@code background}; results come back through {@code toFx}.
 * Properties are read and commands called on the FX thread.
 */
public final class RulesViewModel {

    private final RuleEngine engine;
    private final Executor background;
    private final Executor toFx;
    private final ResourceBundle text;

    private final ObservableList<RuleRow> rules = FXCollections.observableArrayList();
    private final ObservableList<String> testLines = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty problem = new SimpleBooleanProperty(false);
    private long editing;

    // The form.
    public final StringProperty name = new SimpleStringProperty("");
    public final StringProperty house = new SimpleStringProperty("demo");
    public final BooleanProperty enabled = new SimpleBooleanProperty(true);
    public final ObjectProperty<TriggerType> triggerType = new SimpleObjectProperty<>(TriggerType.THRESHOLD);
    public final StringProperty series = new SimpleStringProperty("");
    public final ObjectProperty<Trigger.Direction> direction = new SimpleObjectProperty<>(Trigger.Direction.ABOVE);
    public final StringProperty limit = new SimpleStringProperty("");
    public final StringProperty hysteresis = new SimpleStringProperty("0");
    public final StringProperty holdFor = new SimpleStringProperty("");
    public final StringProperty stateTo = new SimpleStringProperty("");
    public final StringProperty stateFrom = new SimpleStringProperty("");
    public final StringProperty device = new SimpleStringProperty("");
    public final StringProperty cron = new SimpleStringProperty("");
    public final StringProperty rate = new SimpleStringProperty("");
    public final StringProperty windowFrom = new SimpleStringProperty("");
    public final StringProperty windowTo = new SimpleStringProperty("");
    public final StringProperty conditionSeries = new SimpleStringProperty("");
    public final ObjectProperty<Condition.Comparison> comparison = new SimpleObjectProperty<>(Condition.Comparison.EQUALS);
    public final StringProperty conditionValue = new SimpleStringProperty("");
    public final BooleanProperty raiseAlert = new SimpleBooleanProperty(true);
    public final ObjectProperty<Severity> severity = new SimpleObjectProperty<>(Severity.WARNING);
    public final StringProperty alertMessage = new SimpleStringProperty("");
    public final StringProperty commandSeries = new SimpleStringProperty("");
    public final StringProperty commandValue = new SimpleStringProperty("");
    public final BooleanProperty notify = new SimpleBooleanProperty(false);
    public final StringProperty notifySubject = new SimpleStringProperty("");

    public RulesViewModel(RuleEngine engine, Executor background, Executor toFx, ResourceBundle text) {
        this.engine = Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(background, "background");
        this.background = task -> background.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // The store refused (closed, full, damaged): one line for the user, nothing else stops.
                toFx.execute(() -> say(e.getMessage() == null ? e.toString() : e.getMessage(), true));
            }
        });
        this.toFx = Objects.requireNonNull(toFx, "toFx");
        this.text = Objects.requireNonNull(text, "text");
    }

    public ObservableList<RuleRow> rules() {
        return rules;
    }

    /** What "test this rule now" found, line by line. */
    public ObservableList<String> testLines() {
        return testLines;
    }

    /** The outcome of the last command, or why the form cannot be saved; one line. */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** True while {@link #messageProperty} tells of a problem. */
    public ReadOnlyBooleanProperty problemProperty() {
        return problem;
    }

    public void refresh() {
        background.execute(() -> {
            List<RuleRow> rows = new ArrayList<>();
            for (RuleEntry entry : engine.list()) {
                rows.add(new RuleRow(entry.stored().id(), entry.stored().name(), entry.stored().house(),
                        entry.stored().enabled(), entry.rule() == null ? entry.problem() : summary(entry.rule()),
                        entry.rule()));
            }
            toFx.execute(() -> rules.setAll(rows));
        });
    }

    /** Empties the form for a new rule. */
    public void newRule() {
        editing = 0;
        name.set("");
        enabled.set(true);
        triggerType.set(TriggerType.THRESHOLD);
        for (StringProperty field : List.of(series, limit, holdFor, stateTo, stateFrom, device, cron, rate, windowFrom,
                windowTo, conditionSeries, conditionValue, alertMessage, commandSeries, commandValue, notifySubject)) {
            field.set("");
        }
        hysteresis.set("0");
        raiseAlert.set(true);
        notify.set(false);
        testLines.clear();
        say("", false);
    }

    /** Fills the form with a rule of the list. */
    public void edit(RuleRow row) {
        newRule();
        if (row == null || row.rule() == null) {
            return;
        }
        Rule rule = row.rule();
        editing = rule.id();
        name.set(rule.name());
        house.set(rule.house());
        enabled.set(rule.enabled());
        switch (rule.trigger()) {
            case Trigger.Threshold t -> {
                triggerType.set(TriggerType.THRESHOLD);
                series.set(t.series().toString());
                direction.set(t.direction());
                limit.set(number(t.limit()));
                hysteresis.set(number(t.hysteresis()));
                holdFor.set(duration(t.forAtLeast()));
            }
            case Trigger.StateChange s -> {
                triggerType.set(TriggerType.STATE_CHANGE);
                series.set(s.series().toString());
                stateTo.set(s.to());
                stateFrom.set(s.from() == null ? "" : s.from());
                holdFor.set(duration(s.forAtLeast()));
            }
            case Trigger.DeviceOffline d -> {
                triggerType.set(TriggerType.DEVICE_OFFLINE);
                device.set(d.device() == null ? "" : d.device().toString());
                holdFor.set(duration(d.after()));
            }
            case Trigger.Schedule s -> {
                triggerType.set(TriggerType.SCHEDULE);
                cron.set(s.cron());
            }
            case Trigger.HouseEvent h -> {
                triggerType.set(h.kind() == HouseSignal.Kind.HUB_OFFLINE ? TriggerType.HUB_OFFLINE : TriggerType.BAD_PAYLOADS);
                rate.set(number(h.ratePerMinute()));
                holdFor.set(duration(h.forAtLeast()));
            }
        }
        for (Condition condition : rule.conditions()) {
            switch (condition) {
                case Condition.TimeWindow w -> {
                    windowFrom.set(w.from().toString());
                    windowTo.set(w.to().toString());
                }
                case Condition.AttributeIs a -> {
                    conditionSeries.set(a.series().toString());
                    comparison.set(a.comparison());
                    conditionValue.set(a.value());
                }
            }
        }
        raiseAlert.set(false);
        for (RuleAction action : rule.actions()) {
            switch (action) {
                case RuleAction.RaiseAlert a -> {
                    raiseAlert.set(true);
                    severity.set(a.severity());
                    alertMessage.set(a.message());
                }
                case RuleAction.SendCommand c -> {
                    commandSeries.set(c.series().toString());
                    commandValue.set(c.value());
                }
                case RuleAction.Notify n -> {
                    notify.set(true);
                    notifySubject.set(n.subject());
                }
            }
        }
    }

    /** The rule the form describes; throws {@link IllegalArgumentException} with a one-line reason. */
    public Rule build() {
        String ruleName = required(name, "field.name");
        Trigger trigger = switch (triggerType.get()) {
            case THRESHOLD -> new Trigger.Threshold(seriesOf(series, "field.series"), direction.get(),
                    numberOf(limit, "field.limit"), hysteresis.get().isBlank() ? 0 : numberOf(hysteresis, "field.hysteresis"),
                    RuleCodec.duration(holdFor.get()));
            case STATE_CHANGE -> new Trigger.StateChange(seriesOf(series, "field.series"), required(stateTo, "field.to"),
                    stateFrom.get(), RuleCodec.duration(holdFor.get()));
            case DEVICE_OFFLINE -> new Trigger.DeviceOffline(RuleCodec.device(device.get()),
                    RuleCodec.duration(holdFor.get()));
            case SCHEDULE -> new Trigger.Schedule(required(cron, "field.cron"));
            case HUB_OFFLINE -> new Trigger.HouseEvent(HouseSignal.Kind.HUB_OFFLINE, 0, RuleCodec.duration(holdFor.get()));
            case BAD_PAYLOADS -> new Trigger.HouseEvent(HouseSignal.Kind.BAD_PAYLOADS, numberOf(rate, "field.rate"),
                    RuleCodec.duration(holdFor.get()));
        };
        List<Condition> conditions = new ArrayList<>();
        if (!windowFrom.get().isBlank() || !windowTo.get().isBlank()) {
            conditions.add(new Condition.TimeWindow(RuleCodec.time(required(windowFrom, "field.window-from")),
                    RuleCodec.time(required(windowTo, "field.window-to"))));
        }
        if (!conditionSeries.get().isBlank()) {
            conditions.add(new Condition.AttributeIs(seriesOf(conditionSeries, "field.condition-series"),
                    comparison.get(), required(conditionValue, "field.condition-value")));
        }
        List<RuleAction> actions = new ArrayList<>();
        if (raiseAlert.get()) {
            actions.add(new RuleAction.RaiseAlert(severity.get(), alertMessage.get()));
        }
        if (!commandSeries.get().isBlank()) {
            actions.add(new RuleAction.SendCommand(seriesOf(commandSeries, "field.command-series"),
                    required(commandValue, "field.command-value")));
        }
        if (notify.get()) {
            actions.add(new RuleAction.Notify(notifySubject.get(), ""));
        }
        if (actions.isEmpty()) {
            throw new IllegalArgumentException(text.getString("problem.no-action"));
        }
        return new Rule(editing, ruleName, house.get().strip(), enabled.get(), trigger,
                conditions, actions);
    }

    /** Checks the form and writes the rule; it runs at once. */
    public void save() {
        Rule rule;
        try {
            rule = build();
        } catch (IllegalArgumentException e) {
            say(MessageFormat.format(text.getString("message.cannot-save"), e.getMessage()), true);
            return;
        }
        background.execute(() -> {
            try {
                Rule saved = engine.save(rule);
                toFx.execute(() -> {
                    editing = saved.id();
                    say(MessageFormat.format(text.getString("message.saved"), saved.name()), false);
                });
                refresh();
            } catch (RuntimeException e) {
                toFx.execute(() -> say(MessageFormat.format(text.getString("message.cannot-save"), e.getMessage()), true));
            }
        });
    }

    public void delete(RuleRow row) {
        if (row == null) {
            return;
        }
        background.execute(() -> {
            engine.delete(row.id());
            toFx.execute(() -> {
                if (editing == row.id()) {
                    newRule();
                }
                say(MessageFormat.format(text.getString("message.deleted"), row.name()), false);
            });
            refresh();
        });
    }

    public void setEnabled(RuleRow row, boolean on) {
        background.execute(() -> {
            engine.setEnabled(row.id(), on);
            refresh();
        });
    }

    /** Evaluates the form's rule against the values of the moment, running none of its actions. */
    public void testNow() {
        Rule rule;
        try {
            rule = build();
        } catch (IllegalArgumentException e) {
            say(MessageFormat.format(text.getString("message.cannot-test"), e.getMessage()), true);
            return;
        }
        engine.test(rule).whenComplete((result, error) -> toFx.execute(() -> {
            if (error != null) {
                say(MessageFormat.format(text.getString("message.cannot-test"), error.getMessage()), true);
                return;
            }
            testLines.setAll(result.lines());
            say(text.getString(result.wouldFire() ? "message.would-fire" : "message.would-not-fire"), false);
        }));
    }

    private void say(String line, boolean isProblem) {
        message.set(line);
        problem.set(isProblem);
    }

    private static String summary(Rule rule) {
        return rule.trigger().describe() + " → " + String.join(", ",
                rule.actions().stream().map(RuleAction::describe).toList());
    }

    private SeriesPath seriesOf(StringProperty field, String label) {
        String value = required(field, label);
        try {
            return SeriesPath.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(text.getString(label) + ": " + e.getMessage());
        }
    }

    private double numberOf(StringProperty field, String label) {
        String value = required(field, label);
        try {
            return Double.parseDouble(value.replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MessageFormat.format(text.getString("problem.not-a-number"),
                    text.getString(label), value));
        }
    }

    private String required(StringProperty field, String label) {
        String value = field.get() == null ? "" : field.get().strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(MessageFormat.format(text.getString("problem.required"),
                    text.getString(label)));
        }
        return value;
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static String duration(java.time.Duration value) {
        return value.isZero() ? "" : org.domus.model.Durations.format(value);
    }
}
