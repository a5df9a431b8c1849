package org.domus.rules;

import java.time.LocalTime;
import java.util.Locale;
import java.util.Objects;
import org.domus.model.SeriesPath;

/** What must also hold for a rule to fire. */
public sealed interface Condition {

    String describe();

    /** Local time of the house within {@code [from, to)}; a window may span midnight (22:00–06:00). */
    record TimeWindow(LocalTime from, LocalTime to) implements Condition {
        public TimeWindow {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (from.equals(to)) {
                throw new IllegalArgumentException("a time window needs two different times");
            }
        }

        public boolean contains(LocalTime time) {
            return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to)
                    : !time.isBefore(from) || time.isBefore(to);
        }

        @Override
        public String describe() {
            return "between " + from + " and " + to;
        }
    }

    enum Comparison {
        EQUALS("="), NOT_EQUALS("≠"), ABOVE(">"), BELOW("<");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Comparison parse(String text) {
            for (Comparison c : values()) {
                if (c.label().equalsIgnoreCase(text) || c.symbol.equals(text)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("comparison \"" + text + "\" is not equals, not_equals, above or below");
        }
    }

    /** Another attribute's latest value compared with {@code value} (numbers for above/below). */
    record AttributeIs(SeriesPath series, Comparison comparison, String value) implements Condition {
        public AttributeIs {
            Objects.requireNonNull(series, "series");
            Objects.requireNonNull(comparison, "comparison");
            Objects.requireNonNull(value, "value");
            value = value.strip();
            if ((comparison == Comparison.ABOVE || comparison == Comparison.BELOW) && RuleText.parseNumber(value) == null) {
                throw new IllegalArgumentException("\"" + value + "\" is not a number to compare with");
            }
        }

        /** Whether a latest value (text, and number when numeric) satisfies the comparison. */
        public boolean holds(String text, Double number) {
            return switch (comparison) {
                case EQUALS -> text.equalsIgnoreCase(value);
                case NOT_EQUALS -> !text.equalsIgnoreCase(value);
                case ABOVE -> number != null && number > RuleText.parseNumber(value);
                case BELOW -> number != null && number < RuleText.parseNumber(value);
            };
        }

        @Override
        public String describe() {
            return series + " " + comparison.symbol() + " " + value;
        }
    }
}
