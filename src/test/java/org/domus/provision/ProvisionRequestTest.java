package org.domus.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvisionRequestTest {

    private static ProvisionRequest with(String hostname, String ssid, String passphrase, String country) {
        return new ProvisionRequest("house42", BootFormat.FIRSTRUN, Path.of("out"), hostname, "installer", "pw", null,
                ssid, passphrase, country, "Europe/London", "gb", List.of("192.168.1.20"), 8883);
    }

    private static String refusal(Runnable build) {
        String message = assertThrows(ProvisionException.class, build::run).getMessage();
        assertFalse(message.contains("\n"), "one sentence: " + message);
        assertTrue(message.endsWith("."), message);
        return message;
    }

    @Test
    void defaultsTheHostNameFromTheHouse() {
        assertEquals("hub-house42", with(null, null, null, null).hostname());
    }

    @Test
    void refusesInvalidHostNames() {
        for (String bad : List.of("-hub", "hub-", "hub_42", "hub.house", "Hub 42", "a".repeat(64))) {
            assertTrue(refusal(() -> with(bad, null, null, null)).contains("is not a valid host name"), bad);
        }
    }

    @Test
    void refusesSsidsThatAreNotPlainUtf8() {
        assertTrue(refusal(() -> with(null, "hex:486f6d65", "password1", "GB")).contains("plain UTF-8"));
        assertTrue(refusal(() -> with(null, "bad\uFFFDname", "password1", "GB")).contains("plain UTF-8"));
        assertTrue(refusal(() -> with(null, "x".repeat(33), "password1", "GB")).contains("1 to 32 bytes"));
    }

    @Test
    void refusesPassphrasesOutsideEightToSixtyThree() {
        assertTrue(refusal(() -> with(null, "HomeNet", "short", "GB")).contains("8 to 63"));
        assertTrue(refusal(() -> with(null, "HomeNet", "x".repeat(64), "GB")).contains("8 to 63"));
        assertTrue(refusal(() -> with(null, "HomeNet", "ünicode-pass", "GB")).contains("8 to 63"));
        assertEquals("x".repeat(63), with(null, "HomeNet", "x".repeat(63), "GB").wifiPassphrase());
        assertEquals("GB", with(null, "HomeNet", "a".repeat(64), "gb").wifiCountry(), "64 hex digits are the key");
    }

    @Test
    void refusesOtherBadInput() {
        assertTrue(refusal(() -> with(null, "HomeNet", "password1", "XX")).contains("country"));
        assertTrue(refusal(() -> new ProvisionRequest("house42", BootFormat.FIRSTRUN, Path.of("o"), null, "root", "pw",
                null, null, null, null, null, null, List.of("c"), 8883)).contains("system account"));
        assertTrue(refusal(() -> new ProvisionRequest("house42", BootFormat.FIRSTRUN, Path.of("o"), null, null, null,
                null, null, null, null, null, null, List.of("c"), 8883)).contains("--password"));
        assertTrue(refusal(() -> new ProvisionRequest("house42", BootFormat.FIRSTRUN, Path.of("o"), null, null, "pw",
                null, null, null, null, "Mars/Base", null, List.of("c"), 8883)).contains("time zone"));
        assertTrue(refusal(() -> new ProvisionRequest("house42", BootFormat.FIRSTRUN, Path.of("o"), null, null, "pw",
                "not a key", null, null, null, null, null, List.of("c"), 8883)).contains("SSH key"));
        assertTrue(refusal(() -> new ProvisionRequest("house42", BootFormat.FIRSTRUN, Path.of("o"), null, null, "pw",
                null, null, null, null, null, null, List.of("bad host!"), 8883)).contains("host name"));
        assertTrue(refusal(() -> new ProvisionRequest("House 42", BootFormat.FIRSTRUN, Path.of("o"), null, null, "pw",
                null, null, null, null, null, null, List.of("c"), 8883)).length() > 0);
    }

    @Test
    void neverShowsSecretsInToString() {
        String text = with(null, "HomeNet", "password1", "GB").toString();
        assertFalse(text.contains("password1"));
        assertFalse(text.contains("=pw"));
    }
}
