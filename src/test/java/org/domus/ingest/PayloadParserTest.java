package org.domus.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.domus.model.AttributeKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadParserTest {

    private static ParsedPayload parse(String text) throws PayloadParser.PayloadException {
        return PayloadParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesBareNumber() throws Exception {
        ParsedPayload parsed = parse("21.5");
        assertEquals(AttributeKind.NUMERIC, parsed.kind());
        assertEquals(21.5, parsed.number());
        assertEquals("21.5", parsed.text());
        assertNull(parsed.timestamp());
    }

    @Test
    void parsesBareOnOffAndBooleansAsBooleanKeepingTheText() throws Exception {
        assertEquals(1.0, parse("ON").number());
        assertEquals("ON", parse("ON").text());
        assertEquals(0.0, parse("false").number());
        assertEquals(AttributeKind.BOOLEAN, parse("off").kind());
    }

    @Test
    void keepsOtherBareValuesAsText() throws Exception {
        ParsedPayload parsed = parse("heating");
        assertEquals(AttributeKind.TEXT, parsed.kind());
        assertNull(parsed.number());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "0x1p3", "1.5d", "1e400x", "01"})
    void doesNotTakeJavaOnlyNumberSpellingsForNumbers(String text) throws Exception {
        assertEquals(AttributeKind.TEXT, parse(text).kind(), text);
    }

    @Test
    void parsesJsonObjectWithTimestampAndTraceId() throws Exception {
        ParsedPayload parsed = parse("{\"value\": 22.25, \"ts\": \"2026-11-23T10:15:30.123+01:00\", \"trace_id\": \"t-1\"}");
        assertEquals(22.25, parsed.number());
        assertEquals(Instant.parse("2026-11-23T09:15:30.123Z"), parsed.timestamp());
        assertEquals("t-1", parsed.traceId());
    }

    @Test
    void parsesJsonBooleanAndStringValues() throws Exception {
        assertEquals(AttributeKind.BOOLEAN, parse("{\"value\": true}").kind());
        assertEquals("ON", parse("{\"value\": \"ON\"}").text());
    }

    @Test
    void refusesMalformedJsonWithOneLineReason() {
        PayloadParser.PayloadException e = assertThrows(PayloadParser.PayloadException.class,
                () -> parse("{\"value\": 21.5"));
        assertTrue(e.getMessage().startsWith("malformed JSON"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"value\": null}", "{\"value\": [1,2]}", "{\"value\": 1, \"ts\": 12}",
            "{\"value\": 1, \"ts\": \"yesterday\"}", "{\"value\": 1, \"trace_id\": 7}", "[1]", "   "})
    void refusesPayloadsOutsideTheContract(String text) {
        assertThrows(PayloadParser.PayloadException.class, () -> parse(text), text);
    }

    @Test
    void refusesNonUtf8Bytes() {
        PayloadParser.PayloadException e = assertThrows(PayloadParser.PayloadException.class,
                () -> PayloadParser.parse(new byte[] {(byte) 0xC3, (byte) 0x28, 0x31}));
        assertEquals("the payload is not valid UTF-8", e.getMessage());
    }

    @Test
    void readsADevicesErrorAnswerWithOrWithoutItsValue() throws Exception {
        ParsedPayload bare = parse("{\"error\": \" heating is off \", \"trace_id\": \"t-1\"}");
        assertEquals("heating is off", bare.error());
        assertEquals("t-1", bare.traceId());
        assertEquals(false, bare.hasValue());
        ParsedPayload withValue = parse("{\"error\": \"out of range\", \"trace_id\": \"t-2\", \"value\": 19}");
        assertEquals("out of range", withValue.error());
        assertEquals(19.0, withValue.number());
        PayloadParser.PayloadException e = assertThrows(PayloadParser.PayloadException.class,
                () -> parse("{\"error\": 42}"));
        assertEquals("\"error\" must be a one-line reason", e.getMessage());
    }
}
