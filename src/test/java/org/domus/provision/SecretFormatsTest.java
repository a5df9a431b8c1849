package org.domus.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.Crypt;
import org.junit.jupiter.api.Test;

class SecretFormatsTest {

    @Test
    void sha512CryptMatchesOpensslPasswd6() throws Exception {
        String salt = "$6$saltsaltsaltsalt";
        Process openssl = new ProcessBuilder("openssl", "passwd", "-6", "-salt", "saltsaltsaltsalt", "Hunter 2 ü")
                .redirectErrorStream(true).start();
        String expected = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, openssl.waitFor());
        assertEquals(expected, SecretFormats.sha512Crypt("Hunter 2 ü", salt));
    }

    @Test
    void sha512CryptUsesAFreshSaltAndVerifies() {
        String first = SecretFormats.sha512Crypt("pw");
        String second = SecretFormats.sha512Crypt("pw");
        assertNotEquals(first, second);
        assertTrue(first.startsWith("$6$"));
        assertEquals(first, Crypt.crypt("pw", first));
    }

    @Test
    void wifiPmkMatchesTheIeee80211iTestVectors() {
        // IEEE 802.11i-2004, Annex H.4.
        assertEquals("f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e",
                SecretFormats.wifiPmk("password", "IEEE"));
        assertEquals("0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af",
                SecretFormats.wifiPmk("ThisIsAPassword", "ThisIsASSID"));
    }

    @Test
    void a64HexPassphraseIsAlreadyThePmk() {
        String pmk = "F42C6FC52DF0EBEF9EBB4B90B38A5F902E83FE1B135A70E23AED762E9710A12E";
        assertEquals(pmk.toLowerCase(), SecretFormats.wifiPmk(pmk, "any"));
    }

    @Test
    void mosquittoPasswordLineHasMosquitto2Shape() {
        String line = SecretFormats.mosquittoPasswordLine("devices", "pw", new byte[12]);
        assertTrue(line.matches("devices:\\$7\\$101\\$[A-Za-z0-9+/=]{16}\\$[A-Za-z0-9+/=]{88}"), line);
    }
}
