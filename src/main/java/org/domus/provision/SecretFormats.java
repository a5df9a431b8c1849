package org.domus.provision;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * The secret formats a hub's boot files carry instead of clear text (see reference/pi-provisioning.md §4.2):
 * the first user's password as SHA-512 crypt ({@code $6$}, what {@code openssl passwd -6} emits, accepted by
 * userconf, chpasswd -e, cloud-init and rpi-preseed), the Wi-Fi passphrase as its PMK, and Mosquitto's
 * password-file hash for the hub's local device login. Pure and thread-safe.
 */
public final class SecretFormats {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CRYPT_SALT_ALPHABET =
            "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** Mosquitto 2.0's {@code mosquitto_passwd} defaults: PBKDF2-HMAC-SHA512, 101 iterations, 12-byte salt. */
    private static final int MOSQUITTO_ITERATIONS = 101;
    private static final int MOSQUITTO_SALT_BYTES = 12;

    private SecretFormats() {
    }

    /** SHA-512 crypt of {@code password} with a fresh 16-character salt (Apache Commons Codec). */
    public static String sha512Crypt(String password) {
        StringBuilder salt = new StringBuilder("$6$");
        for (int i = 0; i < 16; i++) {
            salt.append(CRYPT_SALT_ALPHABET.charAt(RANDOM.nextInt(CRYPT_SALT_ALPHABET.length())));
        }
        return sha512Crypt(password, salt.toString());
    }

    /** SHA-512 crypt with the given {@code $6$salt} (for tests against {@code openssl passwd -6 -salt}). */
    static String sha512Crypt(String password, String salt) {
        // CR and LF are stripped before hashing, as Raspberry Pi Imager does (its issue #1627).
        byte[] bytes = password.replace("\r", "").replace("\n", "").getBytes(StandardCharsets.UTF_8);
        try {
            return Sha2Crypt.sha512Crypt(bytes, salt);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * The WPA pairwise master key as 64 hex digits: PBKDF2-HMAC-SHA1(passphrase, SSID bytes, 4096, 32 bytes). A
     * passphrase that already is 64 hex digits is the PMK and passes through (lower-cased).
     */
    public static String wifiPmk(String passphrase, String ssid) {
        if (passphrase.length() == 64 && passphrase.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return passphrase.toLowerCase(java.util.Locale.ROOT);
        }
        byte[] salt = ssid.getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(pbkdf2("PBKDF2WithHmacSHA1", passphrase.toCharArray(), salt, 4096, 256));
    }

    /** A line of a Mosquitto 2 password file: {@code user:$7$101$<salt>$<hash>} (Base64). */
    public static String mosquittoPasswordLine(String user, String password) {
        byte[] salt = new byte[MOSQUITTO_SALT_BYTES];
        RANDOM.nextBytes(salt);
        return mosquittoPasswordLine(user, password, salt);
    }

    static String mosquittoPasswordLine(String user, String password, byte[] salt) {
        byte[] hash = pbkdf2("PBKDF2WithHmacSHA512", password.toCharArray(), salt, MOSQUITTO_ITERATIONS, 512);
        Base64.Encoder base64 = Base64.getEncoder();
        return user + ":$7$" + MOSQUITTO_ITERATIONS + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(hash);
    }

    private static byte[] pbkdf2(String algorithm, char[] password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is missing from this Java runtime", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(password, '\0');
        }
    }
}
