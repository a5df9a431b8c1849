package org.domus.sim.definition;

import java.math.BigDecimal;
import java.util.Locale;
import org.domus.model.AttributeKind;

/**
 * Checks a value against an attribute's definition and brings it to the simulator's form (Double, Boolean or
 * String, an enum value spelt as its choice). Used for initial values and for commands alike. Pure.
 */
public final class AttributeValues {

    private AttributeValues() {
    }

    /**
     * The value in canonical form; throws {@link IllegalArgumentException} with a one-line reason ("setpoint 45
     * is above the maximum 30") when the attribute cannot take it.
     */
    public static Object coerce(AttributeDefinition attribute, Object raw) {
        String name = attribute.name();
        if (raw == null) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return switch (attribute.kind()) {
            case NUMERIC -> {
                double number;
                if (raw instanceof Number n) {
                    number = n.doubleValue();
                } else if (raw instanceof String s) {
                    try {
                        number = Double.parseDouble(s.strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(name + " needs a number, not \"" + shorten(s) + "\"");
                    }
                } else {
                    throw new IllegalArgumentException(name + " needs a number, not " + raw);
                }
                if (!Double.isFinite(number)) {
                    throw new IllegalArgumentException(name + " needs a finite number");
                }
                if (attribute.min() != null && number < attribute.min()) {
                    throw new IllegalArgumentException(name + " " + plain(number) + " is below the minimum "
                            + plain(attribute.min()) + attribute.unit());
                }
                if (attribute.max() != null && number > attribute.max()) {
                    throw new IllegalArgumentException(name + " " + plain(number) + " is above the maximum "
                            + plain(attribute.max()) + attribute.unit());
                }
                yield number;
            }
            case BOOLEAN -> {
                if (raw instanceof Boolean b) {
                    yield b;
                }
                if (raw instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                    yield Boolean.parseBoolean(s.toLowerCase(Locale.ROOT));
                }
                throw new IllegalArgumentException(name + " needs true or false, not " + describe(raw));
            }
            case ENUM -> {
                if (raw instanceof String s) {
                    for (String choice : attribute.choices()) {
                        if (choice.equalsIgnoreCase(s.strip())) {
                            yield choice;
                        }
                    }
                }
                throw new IllegalArgumentException(name + " " + describe(raw) + " is not one of "
                        + String.join(", ", attribute.choices()));
            }
            case TEXT -> {
                if (!(raw instanceof String s)) {
                    throw new IllegalArgumentException(name + " needs a string, not " + describe(raw));
                }
                if (attribute.pattern() != null && !s.matches(attribute.pattern())) {
                    throw new IllegalArgumentException(name + " \"" + shorten(s) + "\" does not match "
                            + attribute.pattern());
                }
                yield s;
            }
        };
    }

    /** How a value is written in a bare payload and compared by {@code depends}: 21.5, 21, ON, true. */
    public static String text(Object value) {
        if (value instanceof Double d) {
            return plain(d);
        }
        return String.valueOf(value);
    }

    /** A number without a useless ".0" or exponent: 21, 21.5, 0.001. */
    public static String plain(double number) {
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            return Long.toString((long) number);
        }
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }

    /** Rounds to {@code decimals} places (half up), for publishing. */
    public static double round(double number, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(number * scale) / scale;
    }

    static boolean fits(AttributeKind kind, Object value) {
        return switch (kind) {
            case NUMERIC -> value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
            case ENUM, TEXT -> value instanceof String;
        };
    }

    private static String describe(Object raw) {
        return raw instanceof String s ? "\"" + shorten(s) + "\"" : raw instanceof Double d ? plain(d) : String.valueOf(raw);
    }

    private static String shorten(String text) {
        return org.domus.model.Printable.of(text, 40);
    }
}
