package org.domus.rules;

import java.util.Objects;
import org.domus.model.SeriesPath;
import org.domus.model.Severity;

/** What a rule does when it fires. */
public sealed interface RuleAction {

    String describe();

    /** Sends {@code series := value} through the command service, so the device's answer confirms it. */
    record SendCommand(SeriesPath series, String value) implements RuleAction {
        public SendCommand {
            Objects.requireNonNull(series, "series");
            Objects.requireNonNull(value, "value");
            value = value.strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("a command needs a value");
            }
        }

        @Override
        public String describe() {
            return "send " + series + " := " + value;
        }
    }

    /** Raises an alert (cleared when the trigger clears); {@code message} may hold {@code {subject}}, {@code {cause}}. */
    record RaiseAlert(Severity severity, String message) implements RuleAction {
        public RaiseAlert {
            Objects.requireNonNull(severity, "severity");
            message = message == null ? "" : message.strip();
        }

        @Override
        public String describe() {
            return "raise a " + severity.label() + " alert" + (message.isEmpty() ? "" : " \"" + message + "\"");
        }
    }

    /**
     * Notifies every enabled recipient on the channels they chose (and the console's notification centre).
     * {@code subject} and {@code body} may hold {@code {rule}}, {@code {subject}}, {@code {cause}}, {@code {house}};
     * empty ones get a default.
     */
    record Notify(String subject, String body) implements RuleAction {
        public Notify {
            subject = subject == null ? "" : subject.strip();
            body = body == null ? "" : body.strip();
        }

        @Override
        public String describe() {
            return "notify recipients" + (subject.isEmpty() ? "" : " \"" + subject + "\"");
        }
    }
}
