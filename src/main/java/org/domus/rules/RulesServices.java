package org.domus.rules;

import java.util.Objects;

/** The rules side of a running core, as the console's screens use it. */
public record RulesServices(RuleEngine engine, AlertService alerts, ReminderService reminders,
                            NotificationService notifications) {
    public RulesServices {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(reminders, "reminders");
        Objects.requireNonNull(notifications, "notifications");
    }
}
