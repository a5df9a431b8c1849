package org.domus.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandPayloadTest {

    private static CommandPayload parse(String text) {
        return CommandPayload.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheProtocolsJsonCommand() {
        assertEquals(new CommandPayload("ON", "t-1", null), parse("{\"value\": \"ON\", \"trace_id\": \"t-1\"}"));
        assertEquals(new CommandPayload(21.5, "t-2", null), parse("{\"value\": 21.5, \"trace_id\": \"t-2\"}"));
        assertEquals(new CommandPayload(true, null, null), parse("{\"value\": true}"));
    }

    @Test
    void readsBareValuesAsTypedByHand() {
        assertEquals("OFF", parse("OFF").value());
        assertEquals(19.0, parse(" 19 ").value());
        assertEquals(false, parse("false").value());
        assertEquals("#ff0000", parse("#ff0000").value());
    }

    @Test
    void explainsWhatCannotBeRead() {
        assertEquals("the command is not valid JSON", parse("{\"value\": ").problem());
        assertEquals(new CommandPayload(null, "t-3", "the command has no \"value\""), parse("{\"trace_id\": \"t-3\"}"));
        assertEquals("the command is empty", parse("").problem());
        assertNull(CommandPayload.parse(new byte[] {(byte) 0xC3, 0x28}).value());
    }
}
