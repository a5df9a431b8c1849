package org.domus.provision;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.domus.model.Hub;
import org.domus.model.Slugs;

/**
 * What the installer asked for one hub's SD card. Checked when built: anything unusable is refused with one
 * sentence ({@link ProvisionException}) before anything is written. {@link #toString} never shows a secret.
 *
 * @param hostname       the hub's host name (one DNS label), default {@code hub-{house}}
 * @param password       the first user's password in clear (only its SHA-512 crypt is written), or null
 * @param sshKey         one OpenSSH public key line for the first user, or null
 * @param wifiSsid       the Wi-Fi network, or null for wired only; plain UTF-8, at most 32 bytes
 * @param wifiPassphrase 8-63 printable ASCII characters, or the 64-hex PMK
 * @param wifiCountry    ISO 3166 alpha-2 country code (the Wi-Fi regulatory domain)
 * @param consoleHosts   the console's addresses as the hub reaches it (host names or IP addresses), first preferred
 * @param consolePort    the console broker's TLS port
 */
public record ProvisionRequest(String house, BootFormat format, Path outDir, String hostname, String user,
                               String password, String sshKey, String wifiSsid, String wifiPassphrase,
                               String wifiCountry, String timezone, String keyboard, List<String> consoleHosts,
                               int consolePort) {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern KEYBOARD = Pattern.compile("[a-z]{2,8}");
    private static final Pattern SSH_KEY = Pattern.compile(
            "(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\\.com)"
                    + " [A-Za-z0-9+/]+={0,3}( [^\\p{Cntrl}]*)?");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> RESERVED_USERS = Set.of("root", "daemon", "bin", "sys", "mosquitto", "nobody");

    public ProvisionRequest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(outDir, "outDir");
        if (house == null || !Slugs.isValid(house)) {
            String problem = Slugs.describeProblem("house", house);
            throw new ProvisionException(Character.toUpperCase(problem.charAt(0)) + problem.substring(1) + ".");
        }
        hostname = hostname == null || hostname.isBlank() ? defaultHostname(house)
                : hostname.strip().toLowerCase(Locale.ROOT);
        if (!LABEL.matcher(hostname).matches()) {
            throw new ProvisionException("\"" + hostname + "\" is not a valid host name: use 1 to 63 lower-case"
                    + " letters, digits and hyphens, not starting or ending with a hyphen (for example hub-"
                    + house + ").");
        }
        user = user == null || user.isBlank() ? "installer" : user.strip();
        if (!USER.matcher(user).matches() || RESERVED_USERS.contains(user)) {
            throw new ProvisionException("\"" + user + "\" cannot be the hub's first user: use a lower-case name"
                    + " such as installer, not a system account.");
        }
        if (password != null && password.isEmpty()) {
            password = null;
        }
        sshKey = sshKey == null || sshKey.isBlank() ? null : sshKey.strip();
        if (password == null && sshKey == null) {
            throw new ProvisionException("Give the hub's first user a password (--password) or an SSH key"
                    + " (--ssh-key), or both, or nobody can log in to it.");
        }
        if (sshKey != null && !SSH_KEY.matcher(sshKey).matches()) {
            throw new ProvisionException("The SSH key is not one OpenSSH public key line (ssh-ed25519 AAAA… comment).");
        }
        if (wifiSsid != null && wifiSsid.isEmpty()) {
            wifiSsid = null;
        }
        if (wifiSsid != null) {
            checkSsid(wifiSsid);
            if (wifiPassphrase == null || !validPassphrase(wifiPassphrase)) {
                throw new ProvisionException("The Wi-Fi passphrase must be 8 to 63 printable ASCII characters"
                        + " (or the 64-hex-digit key); open networks are not supported.");
            }
            wifiCountry = wifiCountry == null ? null : wifiCountry.strip().toUpperCase(Locale.ROOT);
            if (wifiCountry == null || !COUNTRIES.contains(wifiCountry)) {
                throw new ProvisionException("Wi-Fi needs the country it is used in as two letters, such as GB or"
                        + " ES (--wifi-country): it sets which channels the hub may use.");
            }
        } else if (wifiPassphrase != null && !wifiPassphrase.isEmpty()) {
            throw new ProvisionException("A Wi-Fi passphrase was given without the network's name (--wifi-ssid).");
        }
        timezone = timezone == null || timezone.isBlank() ? "UTC" : timezone.strip();
        try {
            if (!timezone.contains("/") && !timezone.equals("UTC")) {
                throw new DateTimeException("not a region");
            }
            ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new ProvisionException("\"" + timezone + "\" is not a time zone: use a name such as Europe/London.");
        }
        keyboard = keyboard == null || keyboard.isBlank() ? "gb" : keyboard.strip().toLowerCase(Locale.ROOT);
        if (!KEYBOARD.matcher(keyboard).matches()) {
            throw new ProvisionException("\"" + keyboard + "\" is not a keyboard layout: use its short name such as"
                    + " gb, us, de or es.");
        }
        consoleHosts = consoleHosts == null ? List.of() : consoleHosts.stream().map(String::strip)
                .filter(h -> !h.isEmpty()).distinct().toList();
        if (consoleHosts.isEmpty()) {
            throw new ProvisionException("Say how the hub reaches the console (--console-host NAME-OR-ADDRESS).");
        }
        for (String host : consoleHosts) {
            if (!validConsoleHost(host)) {
                throw new ProvisionException("\"" + host + "\" is not a host name or IPv4 address the hub can reach"
                        + " the console at.");
            }
        }
        if (consolePort < 1 || consolePort > 65535) {
            throw new ProvisionException("The console has no TLS listener to bridge to (port " + consolePort
                    + "): set mqtt.tls-port.");
        }
    }

    public static String defaultHostname(String house) {
        String name = "hub-" + house;
        name = name.length() > 63 ? name.substring(0, 63) : name;
        while (name.endsWith("-")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    /** The hub bridge's MQTT login and client id. */
    public String hubUsername() {
        return Hub.usernameFor(house);
    }

    private static void checkSsid(String ssid) {
        if (ssid.regionMatches(true, 0, "hex:", 0, 4) || ssid.indexOf('\uFFFD') >= 0) {
            throw new ProvisionException("The Wi-Fi name must be plain UTF-8 text; networks named by raw bytes"
                    + " (hex:…) are not supported.");
        }
        byte[] bytes;
        try {
            bytes = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(java.nio.CharBuffer.wrap(ssid)).array();
        } catch (CharacterCodingException e) {
            throw new ProvisionException("The Wi-Fi name must be plain UTF-8 text; networks named by raw bytes"
                    + " (hex:…) are not supported.");
        }
        int length = ssid.getBytes(StandardCharsets.UTF_8).length;
        if (length > 32 || bytes.length == 0 || ssid.chars().anyMatch(Character::isISOControl)) {
            throw new ProvisionException("A Wi-Fi name is 1 to 32 bytes of text without control characters;"
                    + " \"" + ssid + "\" is " + length + " bytes.");
        }
    }

    private static boolean validPassphrase(String passphrase) {
        if (passphrase.length() == 64 && passphrase.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return true;
        }
        return passphrase.length() >= 8 && passphrase.length() <= 63
                && passphrase.chars().allMatch(c -> c >= 32 && c <= 126);
    }

    private static boolean validConsoleHost(String host) {
        if (host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            for (String part : host.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (host.contains(":")) {
            return false; // Mosquitto's "addresses host:port" cannot carry an IPv6 literal
        }
        if (host.length() > 253) {
            return false;
        }
        for (String label : host.toLowerCase(Locale.ROOT).split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "ProvisionRequest[house=" + house + ", format=" + format.label() + ", out=" + outDir + ", hostname="
                + hostname + ", user=" + user + ", password=" + (password == null ? "none" : "(given)")
                + ", sshKey=" + (sshKey == null ? "none" : "(given)") + ", wifi=" + (wifiSsid == null ? "none" : wifiSsid)
                + ", country=" + wifiCountry + ", timezone=" + timezone + ", keyboard=" + keyboard
                + ", console=" + consoleHosts + ":" + consolePort + "]";
    }
}
