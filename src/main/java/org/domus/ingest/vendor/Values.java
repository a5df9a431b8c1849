package org.domus.ingest.vendor;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.domus.model.AttributeKind;
import org.domus.model.Printable;

/** Payload and value helpers shared by the adapters. Pure and thread-safe. */
final class Values {

    static final ObjectMapper JSON = new ObjectMapper();

    private Values() {
    }

    static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new VendorPayloadException("the payload is not valid UTF-8");
        }
    }

    /** The payload as JSON, or a {@link VendorPayloadException} saying why not. */
    static JsonNode json(byte[] payload) {
        String text = utf8(payload).strip();
        if (text.isEmpty()) {
            throw new VendorPayloadException("the payload is empty");
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            int detail = reason.indexOf(" (");
            throw new VendorPayloadException("malformed JSON: " + (detail > 0 ? reason.substring(0, detail) : reason));
        }
    }

    static JsonNode jsonObject(byte[] payload) {
        JsonNode node = json(payload);
        if (!node.isObject()) {
            throw new VendorPayloadException("expected a JSON object");
        }
        return node;
    }

    /** A number as Domus prints it: shortest exact form, no exponent, no trailing ".0". */
    static String format(double value) {
        if (value == 0) {
            return "0";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    /** A JSON node or text as a finite number, or a {@link VendorPayloadException}. */
    static double number(Object value, String what) {
        if (value instanceof JsonNode node) {
            if (node.isNumber()) {
                return finite(node.doubleValue(), what);
            }
            if (node.isTextual()) {
                return number(node.textValue(), what);
            }
            if (node.isBoolean()) {
                return node.booleanValue() ? 1 : 0;
            }
            throw new VendorPayloadException(what + " is not a number");
        }
        if (value instanceof Number n) {
            return finite(n.doubleValue(), what);
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        String text = String.valueOf(value).strip();
        try {
            return finite(Double.parseDouble(text), what);
        } catch (NumberFormatException e) {
            throw new VendorPayloadException(what + " is not a number: \"" + Printable.of(text, 30) + "\"");
        }
    }

    private static double finite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new VendorPayloadException(what + " is not a finite number");
        }
        return value;
    }

    /** The text of a scalar JSON node (numbers as Domus prints them); null for null, objects and arrays. */
    static String scalarText(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        if (node.isNumber()) {
            return format(node.doubleValue());
        }
        return node.asText();
    }

    /** The kind a bare JSON value suggests when nothing describes the attribute. */
    static AttributeKind kindOf(JsonNode node) {
        if (node.isNumber()) {
            return AttributeKind.NUMERIC;
        }
        if (node.isBoolean()) {
            return AttributeKind.BOOLEAN;
        }
        return AttributeKind.TEXT;
    }

    static String upper(String text) {
        return text.strip().toUpperCase(Locale.ROOT);
    }
}
