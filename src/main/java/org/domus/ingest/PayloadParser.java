package org.domus.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.domus.model.AttributeKind;

/** Parses payloads of the topic contract. Thread-safe; throws {@link PayloadException} with a one-line reason. */
public final class PayloadParser {

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final int MAX_TRACE_ID = 128;
    private static final int MAX_ERROR = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PayloadParser() {
    }

    /** Why a payload was refused, in one line. */
    public static final class PayloadException extends Exception {
        public PayloadException(String reason) {
            super(reason, null, false, false);
        }
    }

    public static ParsedPayload parse(byte[] payload) throws PayloadException {
        String text = decodeUtf8(payload).strip();
        if (text.isEmpty()) {
            throw new PayloadException("the payload is empty");
        }
        if (text.charAt(0) == '{') {
            return parseJson(text);
        }
        if (text.charAt(0) == '[') {
            throw new PayloadException("a JSON array is not a value: send a bare value or {\"value\": …}");
        }
        return bare(text, null, null);
    }

    private static String decodeUtf8(byte[] payload) throws PayloadException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new PayloadException("the payload is not valid UTF-8");
        }
    }

    private static ParsedPayload parseJson(String text) throws PayloadException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            int detail = reason.indexOf(" (");
            throw new PayloadException("malformed JSON: " + (detail > 0 ? reason.substring(0, detail) : reason));
        }
        if (root == null || !root.isObject()) {
            throw new PayloadException("malformed JSON: not an object");
        }
        JsonNode value = root.get("value");
        Instant timestamp = timestamp(root.get("ts"));
        String traceId = traceId(root.get("trace_id"));
        String error = error(root.get("error"));
        if (value == null || value.isNull()) {
            if (error != null) {
                return new ParsedPayload(null, null, null, timestamp, traceId, error);
            }
            throw new PayloadException("the JSON object has no \"value\"");
        }
        ParsedPayload parsed = value(value, timestamp, traceId);
        return error == null ? parsed : parsed.withError(error);
    }

    private static ParsedPayload value(JsonNode value, Instant timestamp, String traceId) throws PayloadException {
        if (value.isNumber()) {
            double number = value.doubleValue();
            if (!Double.isFinite(number)) {
                throw new PayloadException("the value is not a finite number");
            }
            return new ParsedPayload(value.asText(), number, AttributeKind.NUMERIC, timestamp, traceId);
        }
        if (value.isBoolean()) {
            return new ParsedPayload(value.asText(), value.booleanValue() ? 1.0 : 0.0, AttributeKind.BOOLEAN,
                    timestamp, traceId);
        }
        if (value.isTextual()) {
            return bare(value.textValue(), timestamp, traceId);
        }
        throw new PayloadException("the value must be a number, a boolean or a string");
    }

    private static ParsedPayload bare(String text, Instant timestamp, String traceId) throws PayloadException {
        if (text.indexOf('\0') >= 0) {
            throw new PayloadException("the value contains a NUL character");
        }
        if (NUMBER.matcher(text).matches()) {
            double number = Double.parseDouble(text);
            if (!Double.isFinite(number)) {
                throw new PayloadException("the value is not a finite number");
            }
            return new ParsedPayload(text, number, AttributeKind.NUMERIC, timestamp, traceId);
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "on" -> {
                return new ParsedPayload(text, 1.0, AttributeKind.BOOLEAN, timestamp, traceId);
            }
            case "false", "off" -> {
                return new ParsedPayload(text, 0.0, AttributeKind.BOOLEAN, timestamp, traceId);
            }
            default -> {
                return new ParsedPayload(text, null, AttributeKind.TEXT, timestamp, traceId);
            }
        }
    }

    private static Instant timestamp(JsonNode ts) throws PayloadException {
        if (ts == null || ts.isNull()) {
            return null;
        }
        if (!ts.isTextual()) {
            throw new PayloadException("\"ts\" must be an ISO-8601 time such as 2026-11-23T10:15:30Z");
        }
        try {
            return OffsetDateTime.parse(ts.textValue()).toInstant();
        } catch (DateTimeParseException e) {
            throw new PayloadException("\"ts\" is not an ISO-8601 time with an offset: " + shorten(ts.textValue()));
        }
    }

    private static String traceId(JsonNode traceId) throws PayloadException {
        if (traceId == null || traceId.isNull()) {
            return null;
        }
        if (!traceId.isTextual() || traceId.textValue().isEmpty() || traceId.textValue().length() > MAX_TRACE_ID) {
            throw new PayloadException("\"trace_id\" must be a string of 1 to " + MAX_TRACE_ID + " characters");
        }
        return traceId.textValue();
    }

    private static String error(JsonNode error) throws PayloadException {
        if (error == null || error.isNull()) {
            return null;
        }
        if (!error.isTextual() || error.textValue().isBlank()) {
            throw new PayloadException("\"error\" must be a one-line reason");
        }
        String reason = error.textValue().strip();
        return reason.length() > MAX_ERROR ? reason.substring(0, MAX_ERROR) + "…" : reason;
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
