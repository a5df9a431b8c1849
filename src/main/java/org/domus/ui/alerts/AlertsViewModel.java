package org.domus.ui.alerts;

import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.Comparator;
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
import org.domus.model.Alert;
import org.domus.model.Reminder;
import org.domus.rules.AlertService;
import org.domus.rules.ReminderService;

/**
 * The alert list (acknowledge, clear) and the maintenance reminders (add, snooze, done). Store work runs on
 * {@code background}; results come back through {@code toFx}. Properties are read and commands called on the FX
 * thread.
 */
public final class AlertsViewModel {

    /** The unit of a reminder's recurrence in the form. */
    public enum Every {
        NEVER, DAYS, WEEKS, MONTHS, YEARS
    }

    private final AlertService alerts;
    private final ReminderService reminders;
    private final Executor background;
    private final Executor toFx;
    private final ResourceBundle text;
    private final Clock clock;

    private final ObservableList<Alert> alertList = FXCollections.observableArrayList();
    private final ObservableList<Reminder> reminderList = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty problem = new SimpleBooleanProperty(false);

    public final StringProperty house = new SimpleStringProperty("demo");
    public final StringProperty device = new SimpleStringProperty("");
    public final StringProperty title = new SimpleStringProperty("");
    public final StringProperty everyCount = new SimpleStringProperty("");
    public final ObjectProperty<Every> everyUnit = new SimpleObjectProperty<>(Every.NEVER);
    public final ObjectProperty<LocalDate> firstDue = new SimpleObjectProperty<>();

    public AlertsViewModel(AlertService alerts, ReminderService reminders, Executor background, Executor toFx,
                           ResourceBundle text, Clock clock) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.reminders = Objects.requireNonNull(reminders, "reminders");
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
        this.clock = Objects.requireNonNull(clock, "clock");
        firstDue.set(LocalDate.now(clock));
    }

    public ObservableList<Alert> alerts() {
        return alertList;
    }

    public ObservableList<Reminder> reminders() {
        return reminderList;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty problemProperty() {
        return problem;
    }

    /** Active alerts first (newest first), then the latest cleared ones; open reminders, soonest first. */
    public void refresh() {
        background.execute(() -> {
            List<Alert> recent = alerts.recent(200).stream()
                    .sorted(Comparator.comparing((Alert a) -> !a.state().active())
                            .thenComparing(Alert::raisedAt, Comparator.reverseOrder()))
                    .toList();
            List<Reminder> open = reminders.open();
            toFx.execute(() -> {
                alertList.setAll(recent);
                reminderList.setAll(open);
            });
        });
    }

    public void acknowledge(Alert alert) {
        act(alert != null && alert.state() == org.domus.model.AlertState.RAISED, () -> alerts.acknowledge(alert.id()),
                "message.acknowledged");
    }

    public void clear(Alert alert) {
        act(alert != null && alert.state().active(), () -> alerts.clear(alert.id()), "message.cleared");
    }

    public void snooze(Reminder reminder, Duration duration) {
        act(reminder != null, () -> reminders.snooze(reminder.id(), duration), "message.snoozed");
    }

    public void done(Reminder reminder) {
        act(reminder != null, () -> reminders.done(reminder.id()), "message.done");
    }

    public void delete(Reminder reminder) {
        act(reminder != null, () -> reminders.delete(reminder.id()), "message.deleted");
    }

    /** Adds the form's reminder, due on the chosen day at 09:00 in the system's zone. */
    public void addReminder() {
        Reminder reminder;
        try {
            Period every = null;
            if (everyUnit.get() != Every.NEVER) {
                int count;
                try {
                    count = Integer.parseInt(everyCount.get().strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(MessageFormat.format(text.getString("problem.every"),
                            everyCount.get()));
                }
                every = switch (everyUnit.get()) {
                    case DAYS -> Period.ofDays(count);
                    case WEEKS -> Period.ofWeeks(count);
                    case MONTHS -> Period.ofMonths(count);
                    case YEARS -> Period.ofYears(count);
                    case NEVER -> null;
                };
            }
            LocalDate day = firstDue.get() == null ? LocalDate.now(clock) : firstDue.get();
            reminder = new Reminder(0, house.get().strip(), device.get(), title.get().strip(), "", every,
                    day.atTime(LocalTime.of(9, 0)).atZone(ZoneId.systemDefault()).toInstant(), null, null);
        } catch (IllegalArgumentException e) {
            say(MessageFormat.format(text.getString("message.cannot-add"), e.getMessage()), true);
            return;
        }
        background.execute(() -> {
            try {
                reminders.save(reminder);
                toFx.execute(() -> {
                    title.set("");
                    say(MessageFormat.format(text.getString("message.added"), reminder.title()), false);
                });
                refresh();
            } catch (RuntimeException e) {
                toFx.execute(() -> say(MessageFormat.format(text.getString("message.cannot-add"), e.getMessage()), true));
            }
        });
    }

    private void act(boolean applies, Runnable work, String done) {
        if (!applies) {
            return;
        }
        background.execute(() -> {
            work.run();
            toFx.execute(() -> say(text.getString(done), false));
            refresh();
        });
    }

    private void say(String line, boolean isProblem) {
        message.set(line);
        problem.set(isProblem);
    }
}
