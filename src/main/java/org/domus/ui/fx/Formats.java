package org.domus.ui.fx;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.domus.model.Attribute;
import org.domus.model.AttributeKind;
import org.domus.model.CommandState;

/** How values, times and command states read on screen, from the console's bundle. */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Formats() {
    }

    /**
     * A value as the user reads it: a number with its unit ({@code 21.5 °C}); a state word translated when the
     * bundle knows it ({@code value.smoke.true}, then {@code value.on}), else as the device sent it; a dash for
     * no value yet.
     */
    public static String value(Messages messages, Attribute attribute, String text) {
        if (text == null || text.isEmpty()) {
            return "—";
        }
        if (attribute.kind() == AttributeKind.NUMERIC) {
            return attribute.unit().isEmpty() ? text : text + " " + attribute.unit();
        }
        String word = text.strip().toLowerCase(Locale.ROOT);
        return messages.find("value." + attribute.path().attribute() + "." + word)
                .or(() -> messages.find("value." + word))
                .orElse(text);
    }

    /** A time of today as 14:03:07, an older one with its date; a dash for none. */
    public static String time(Instant instant) {
        if (instant == null) {
            return "—";
        }
        ZonedDateTime local = instant.atZone(ZoneId.systemDefault());
        return local.toLocalDate().equals(LocalDate.now()) ? TIME.format(local) : DATE_TIME.format(local);
    }

    /** "just now", "3 min ago", "2 h ago", else the time. */
    public static String ago(Messages messages, Instant instant, Instant now) {
        if (instant == null) {
            return messages.text("time.never");
        }
        Duration age = Duration.between(instant, now);
        if (age.toSeconds() < 10) {
            return messages.text("time.just-now");
        }
        if (age.toMinutes() < 1) {
            return messages.format("time.seconds-ago", age.toSeconds());
        }
        if (age.toHours() < 1) {
            return messages.format("time.minutes-ago", age.toMinutes());
        }
        if (age.toDays() < 1) {
            return messages.format("time.hours-ago", age.toHours());
        }
        return time(instant);
    }

    /** A command state's name: pending, confirmed, timed out, … */
    public static String state(Messages messages, CommandState state) {
        return messages.text("command.state." + state.label());
    }
}
