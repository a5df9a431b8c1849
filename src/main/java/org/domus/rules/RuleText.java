package org.domus.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.domus.model.Durations;

/** Small text helpers of the rules: numbers and durations as people write them, message templates. */
final class RuleText {

    private RuleText() {
    }

    static String number(double value) {
        return value == 0 ? "0" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String duration(Duration duration) {
        return Durations.format(duration);
    }

    /** The number in {@code text}, or null. */
    static Double parseNumber(String text) {
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    /** Replaces {@code {name}} by its value; unknown names are left as they are. */
    static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            out = out.replace("{" + entry.getKey() + "}", entry.getValue());
        }
        return out;
    }
}
