package org.domus.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * A command as a device reads it (docs/protocol.md): {@code {"value": V, "trace_id": "T"}}, or a bare value
 * ({@code ON}, {@code 21.5}, {@code true}) as a person types it into mosquitto_pub. {@code value} is a Double,
 * Boolean or String; {@code problem} is set (and {@code value} null) when the payload cannot be read.
 */
record CommandPayload(Object value, String traceId, String problem) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static CommandPayload parse(byte[] payload) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString().strip();
        } catch (CharacterCodingException e) {
            return new CommandPayload(null, null, "the command is not UTF-8 text");
        }
        if (text.isEmpty()) {
            return new CommandPayload(null, null, "the command is empty");
        }
        if (!text.startsWith("{")) {
            return new CommandPayload(bare(text), null, null);
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new CommandPayload(null, null, "the command is not valid JSON");
        }
        String trace = node.path("trace_id").isTextual() ? node.path("trace_id").asText() : null;
        JsonNode value = node.path("value");
        if (value.isMissingNode() || value.isNull()) {
            return new CommandPayload(null, trace, "the command has no \"value\"");
        }
        if (value.isNumber()) {
            return new CommandPayload(value.asDouble(), trace, null);
        }
        if (value.isBoolean()) {
            return new CommandPayload(value.asBoolean(), trace, null);
        }
        if (value.isTextual()) {
            return new CommandPayload(value.asText(), trace, null);
        }
        return new CommandPayload(null, trace, "the command's value must be a number, true/false or a string");
    }

    private static Object bare(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        try {
            double number = Double.parseDouble(text);
            if (Double.isFinite(number) && !text.endsWith("d") && !text.endsWith("f") && !text.endsWith("D")
                    && !text.endsWith("F")) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // a word: an enum or text value
        }
        return text;
    }
}
