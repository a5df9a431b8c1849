package org.domus.model;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Durations as people write them: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or {@code 1.5s}. */
public final class Durations {

    private Durations() {
    }

    /** The duration, or empty when {@code text} is not one. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        String unit;
        if (trimmed.endsWith("ms")) {
            unit = "ms";
        } else if (!trimmed.isEmpty() && "smhd".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0) {
            unit = trimmed.substring(trimmed.length() - 1);
        } else {
            return Optional.empty();
        }
        String number = trimmed.substring(0, trimmed.length() - unit.length()).strip();
        double amount;
        try {
            amount = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!Double.isFinite(amount) || amount < 0 || number.startsWith("+")) {
            return Optional.empty();
        }
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 86_400_000;
        };
        if (millis > Long.MAX_VALUE / 2.0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.round(millis * 1_000_000)));
    }

    /** Short form for messages: {@code 1500ms} → {@code 1.5s}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis < 1_000 ? millis + "ms" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
