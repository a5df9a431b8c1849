package org.domus.command;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.domus.model.Attribute;
import org.domus.model.AttributeKind;
import org.domus.model.Printable;
import org.domus.model.Reading;

/** Checks a commanded value against its attribute, writes the {@code …/set} payload, and matches answers. */
public final class CommandValues {

    static final int MAX_TEXT = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandValues() {
    }

    /**
     * The canonical text of {@code raw} for {@code attribute}: numbers in shortest form, booleans as
     * {@code true}/{@code false}, enum values spelled as the attribute's choice.
     *
     * @throws InvalidCommandException with one line saying what is wrong and what would be right
     */
    public static String normalise(Attribute attribute, String raw) {
        String name = attribute.path().toString();
        if (!attribute.writable()) {
            throw new InvalidCommandException(name + " is read-only: it cannot be commanded");
        }
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            throw new InvalidCommandException("no value given for " + name);
        }
        if (text.indexOf('\0') >= 0 || text.length() > MAX_TEXT) {
            throw new InvalidCommandException("the value for " + name + " must be plain text of at most "
                    + MAX_TEXT + " characters");
        }
        return switch (attribute.kind()) {
            case NUMERIC -> number(attribute, text);
            case BOOLEAN -> bool(name, text);
            case ENUM -> choice(attribute, text);
            case TEXT -> text;
        };
    }

    private static String number(Attribute attribute, String text) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InvalidCommandException(attribute.path() + " takes a number, not " + Printable.of(text, 40));
        }
        if (!Double.isFinite(value) || text.endsWith("d") || text.endsWith("f") || text.endsWith("D")
                || text.endsWith("F")) {
            throw new InvalidCommandException(attribute.path() + " takes a number, not " + Printable.of(text, 40));
        }
        String unit = attribute.unit().isEmpty() ? "" : " " + attribute.unit();
        if (attribute.min() != null && value < attribute.min()) {
            throw new InvalidCommandException(attribute.path() + ": " + format(value) + unit + " is below the minimum "
                    + format(attribute.min()) + unit);
        }
        if (attribute.max() != null && value > attribute.max()) {
            throw new InvalidCommandException(attribute.path() + ": " + format(value) + unit + " is above the maximum "
                    + format(attribute.max()) + unit);
        }
        return format(value);
    }

    private static String bool(String name, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "on", "1", "yes" -> "true";
            case "false", "off", "0", "no" -> "false";
            default -> throw new InvalidCommandException(name + " takes true or false, not " + Printable.of(text, 40));
        };
    }

    private static String choice(Attribute attribute, String text) {
        if (attribute.choices().isEmpty()) {
            return text;
        }
        for (String choice : attribute.choices()) {
            if (choice.equalsIgnoreCase(text)) {
                return choice;
            }
        }
        throw new InvalidCommandException(attribute.path() + " takes one of " + String.join(", ", attribute.choices())
                + ", not " + Printable.of(text, 40));
    }

    static String format(double value) {
        if (value == 0) {
            return "0";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The {@code …/set} payload: {@code {"value": V, "trace_id": "T"}} with V typed by the attribute's kind. */
    public static byte[] setPayload(AttributeKind kind, String value, String traceId) {
        ObjectNode payload = JSON.createObjectNode();
        switch (kind) {
            case NUMERIC -> payload.put("value", new BigDecimal(value));
            case BOOLEAN -> payload.put("value", Boolean.parseBoolean(value));
            case ENUM, TEXT -> payload.put("value", value);
        }
        payload.put("trace_id", traceId);
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code reading} reports the commanded {@code value} (for devices that do not echo trace ids). */
    public static boolean reports(AttributeKind kind, String value, Reading reading) {
        return switch (kind) {
            case NUMERIC -> reading.number() != null
                    && Math.abs(reading.number() - Double.parseDouble(value))
                    <= 1e-6 * Math.max(1.0, Math.abs(reading.number()));
            case BOOLEAN -> reading.number() != null && (reading.number() != 0) == Boolean.parseBoolean(value);
            case ENUM, TEXT -> reading.text().strip().equalsIgnoreCase(value);
        };
    }
}
