package org.domus.provision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.nio.charset.StandardCharsets;

/**
 * Writes the text of a hub's boot files in each {@link BootFormat}, following Raspberry Pi Imager's generators
 * (reference/pi-provisioning.md §4.3-4.5) and adding Domus's first-boot step: a script in the boot partition's
 * {@value #HUB_FOLDER}/ folder that, once the network is up, installs Mosquitto, puts the CA certificate, the
 * password file and the bridge configuration in place, enables and starts it. Pure: secrets arrive already
 * hashed (the first user's password as SHA-512 crypt, the Wi-Fi passphrase as its PMK).
 */
final class BootFiles {

    static final String HUB_FOLDER = "domus-hub";
    static final String SETUP_SCRIPT = "domus-hub-setup.sh";
    static final String SETUP_UNIT = "domus-hub-setup.service";

    /** What every format needs, hashed already. */
    record Settings(ProvisionRequest request, String houseName, String passwordHash, String wifiPmk, Instant createdAt) {
    }

    private BootFiles() {
    }

    /** The step that runs once the network is up; {@code $0}'s folder is the boot partition's {@value #HUB_FOLDER}. */
    static String setupScript(String house) {
        return """
                #!/bin/sh
                # Domus hub setup for house %s: installs Mosquitto and bridges the house to the console.
                # Runs once the network is up (from %s, or from cloud-init's runcmd); safe to run again.
                set -eu

                SRC=$(cd -- "$(dirname -- "$0")" && pwd)
                BOOT=$(dirname -- "$SRC")

                if ! command -v mosquitto >/dev/null 2>&1; then
                   apt-get update
                   DEBIAN_FRONTEND=noninteractive apt-get install -y mosquitto mosquitto-clients
                fi

                GROUP=root
                if getent group mosquitto >/dev/null 2>&1; then
                   GROUP=mosquitto
                fi
                install -d -m 755 /etc/mosquitto/conf.d /etc/mosquitto/certs
                install -m 644 "$SRC/console-ca.crt" %s
                install -m 644 "$SRC/mosquitto/00-hub.conf" /etc/mosquitto/conf.d/00-hub.conf
                if [ -f "$SRC/mosquitto/20-bridge-console.conf" ]; then
                   install -m 640 -o root -g "$GROUP" "$SRC/mosquitto/20-bridge-console.conf" /etc/mosquitto/conf.d/20-bridge-console.conf
                fi
                if [ -f "$SRC/mosquitto/passwd" ]; then
                   install -m 640 -o root -g "$GROUP" "$SRC/mosquitto/passwd" %s
                fi

                systemctl enable mosquitto
                systemctl restart mosquitto

                # The secrets now live only in /etc/mosquitto, readable by root and Mosquitto.
                rm -f "$SRC/mosquitto/20-bridge-console.conf" "$SRC/mosquitto/passwd"
                rm -f "$BOOT"/domus-hub-*.zip
                if [ -f /etc/systemd/system/%s ]; then
                   systemctl disable %s || true
                   rm -f /etc/systemd/system/%s
                fi
                exit 0
                """.formatted(house, SETUP_UNIT, MosquittoConfig.CA_PATH, MosquittoConfig.PASSWORD_FILE,
                SETUP_UNIT, SETUP_UNIT, SETUP_UNIT);
    }

    /**
     * {@code firstrun.sh}: with {@code system} true the whole Imager-style customisation (host name, user, SSH,
     * Wi-Fi, locale) and then the hub's setup unit; with {@code system} false only the unit (rpi-preseed does the rest).
     */
    static String firstRun(Settings settings, boolean system) {
        ProvisionRequest r = settings.request();
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/sh\n");
        s.append("# Domus hub ").append(r.hostname()).append(" for house ").append(r.house())
                .append(", written ").append(settings.createdAt()).append(".\n");
        s.append("# Runs once at first boot (systemd.run on the kernel command line), then removes itself.\n\n");
        s.append("set +e\n\n");
        s.append("BOOT=/boot/firmware\n");
        s.append("if [ ! -d \"$BOOT/" + HUB_FOLDER + "\" ]; then\n   BOOT=/boot\nfi\n\n");
        if (system) {
            systemPart(s, settings);
        }
        s.append("""
                # Domus: install the hub's setup step, which runs once the network is up.
                cat >/etc/systemd/system/%1$s <<UNITEOF
                [Unit]
                Description=Domus hub setup (Mosquitto bridge to the console)
                Wants=network-online.target
                After=network-online.target
                ConditionPathExists=$BOOT/%2$s/%3$s

                [Service]
                Type=oneshot
                ExecStart=/bin/sh $BOOT/%2$s/%3$s
                Restart=on-failure
                RestartSec=30

                [Install]
                WantedBy=multi-user.target
                UNITEOF
                systemctl enable %1$s

                rm -f "$BOOT/firstrun.sh"
                sed -i 's| systemd.run.*||g' "$BOOT/cmdline.txt"
                exit 0
                """.formatted(SETUP_UNIT, HUB_FOLDER, SETUP_SCRIPT));
        return s.toString();
    }

    private static void systemPart(StringBuilder s, Settings settings) {
        ProvisionRequest r = settings.request();
        String host = r.hostname();
        String user = r.user();
        s.append("CURRENT_HOSTNAME=$(tr -d \" \\t\\n\\r\" </etc/hostname)\n");
        s.append("if [ -f /usr/lib/raspberrypi-sys-mods/imager_custom ]; then\n");
        s.append("   /usr/lib/raspberrypi-sys-mods/imager_custom set_hostname ").append(host).append('\n');
        s.append("else\n");
        s.append("   echo ").append(host).append(" >/etc/hostname\n");
        s.append("   sed -i \"s/127.0.1.1.*$CURRENT_HOSTNAME/127.0.1.1\\t").append(host).append("/g\" /etc/hosts\n");
        s.append("fi\n");
        s.append("FIRSTUSER=$(getent passwd 1000 | cut -d: -f1)\n");
        if (r.sshKey() != null) {
            s.append("FIRSTUSERHOME=$(getent passwd 1000 | cut -d: -f6)\n");
            s.append("if [ -f /usr/lib/raspberrypi-sys-mods/imager_custom ]; then\n");
            s.append("   /usr/lib/raspberrypi-sys-mods/imager_custom enable_ssh");
            s.append(" -k ").append(quote(r.sshKey())).append('\n');
            s.append("else\n");
            s.append("   install -o \"$FIRSTUSER\" -m 700 -d \"$FIRSTUSERHOME/.ssh\"\n");
            s.append("   cat > \"$FIRSTUSERHOME/.ssh/authorized_keys\" <<'EOF'\n").append(r.sshKey()).append("\nEOF\n");
            s.append("   chown \"$FIRSTUSER:$FIRSTUSER\" \"$FIRSTUSERHOME/.ssh/authorized_keys\"\n");
            s.append("   chmod 600 \"$FIRSTUSERHOME/.ssh/authorized_keys\"\n");
            if (r.password() == null) {
                s.append("   echo 'PasswordAuthentication no' >>/etc/ssh/sshd_config\n");
            }
            s.append("   systemctl enable ssh\n");
            s.append("fi\n");
        } else {
            s.append("if [ -f /usr/lib/raspberrypi-sys-mods/imager_custom ]; then\n");
            s.append("   /usr/lib/raspberrypi-sys-mods/imager_custom enable_ssh\n");
            s.append("else\n   systemctl enable ssh\nfi\n");
        }
        // Without a password the account is locked ("*"): only the SSH key logs in.
        String hash = settings.passwordHash() == null ? "*" : settings.passwordHash();
        s.append("if [ -f /usr/lib/userconf-pi/userconf ]; then\n");
        s.append("   /usr/lib/userconf-pi/userconf ").append(quote(user)).append(' ').append(quote(hash)).append('\n');
        s.append("else\n");
        s.append("   echo \"$FIRSTUSER:\"").append(quote(hash)).append(" | chpasswd -e\n");
        s.append("   if [ \"$FIRSTUSER\" != ").append(quote(user)).append(" ]; then\n");
        s.append("      usermod -l ").append(quote(user)).append(" \"$FIRSTUSER\"\n");
        s.append("      usermod -m -d ").append(quote("/home/" + user)).append(' ').append(quote(user)).append('\n');
        s.append("      groupmod -n ").append(quote(user)).append(" \"$FIRSTUSER\"\n");
        s.append("      if [ -f /etc/sudoers.d/010_pi-nopasswd ]; then\n");
        s.append("         sed -i \"s/^$FIRSTUSER /").append(user).append(" /\" /etc/sudoers.d/010_pi-nopasswd\n");
        s.append("      fi\n");
        s.append("   fi\n");
        s.append("fi\n");
        if (r.wifiSsid() != null) {
            String country = r.wifiCountry();
            s.append("if [ -f /usr/lib/raspberrypi-sys-mods/imager_custom ]; then\n");
            s.append("   /usr/lib/raspberrypi-sys-mods/imager_custom set_wlan ").append(quote(r.wifiSsid())).append(' ')
                    .append(quote(settings.wifiPmk())).append(' ').append(quote(country)).append('\n');
            s.append("else\n");
            s.append("   cat >/etc/wpa_supplicant/wpa_supplicant.conf <<'WPAEOF'\n");
            s.append("country=").append(country).append('\n');
            s.append("ctrl_interface=DIR=/var/run/wpa_supplicant GROUP=netdev\nap_scan=1\n\nupdate_config=1\n");
            s.append("network={\n");
            // The SSID in hex: any text is safe there, quotes and all.
            s.append("\tssid=").append(HexFormat.of().formatHex(r.wifiSsid().getBytes(StandardCharsets.UTF_8))).append('\n');
            s.append("\tkey_mgmt=WPA-PSK SAE\n\tpsk=").append(settings.wifiPmk()).append("\n\tieee80211w=1\n}\n");
            s.append("WPAEOF\n");
            s.append("   chmod 600 /etc/wpa_supplicant/wpa_supplicant.conf\n");
            s.append("   rfkill unblock wifi\n");
            s.append("   for filename in /var/lib/systemd/rfkill/*:wlan ; do\n");
            s.append("       [ -e \"$filename\" ] && echo 0 > \"$filename\"\n");
            s.append("   done\n");
            s.append("fi\n");
        }
        s.append("if [ -f /usr/lib/raspberrypi-sys-mods/imager_custom ]; then\n");
        s.append("   /usr/lib/raspberrypi-sys-mods/imager_custom set_keymap ").append(quote(r.keyboard())).append('\n');
        s.append("   /usr/lib/raspberrypi-sys-mods/imager_custom set_timezone ").append(quote(r.timezone())).append('\n');
        s.append("else\n");
        s.append("   rm -f /etc/localtime\n");
        s.append("   echo ").append(quote(r.timezone())).append(" >/etc/timezone\n");
        s.append("   dpkg-reconfigure -f noninteractive tzdata\n");
        s.append("   cat >/etc/default/keyboard <<'KBEOF'\n");
        s.append("XKBMODEL=\"pc105\"\nXKBLAYOUT=\"").append(r.keyboard()).append("\"\nXKBVARIANT=\"\"\nXKBOPTIONS=\"\"\n\nKBEOF\n");
        s.append("   dpkg-reconfigure -f noninteractive keyboard-configuration\n");
        s.append("fi\n\n");
    }

    /** cloud-init's {@code user-data} (cloudinit-rpi flavour: the singular {@code user:} key, see §4.4). */
    static String userData(Settings settings) {
        ProvisionRequest r = settings.request();
        List<String> lines = new ArrayList<>();
        lines.add("#cloud-config");
        lines.add("# Domus hub " + r.hostname() + " for house " + r.house() + ", written " + settings.createdAt() + ".");
        lines.add("manage_resolv_conf: false");
        lines.add("");
        lines.add("hostname: " + r.hostname());
        lines.add("manage_etc_hosts: true");
        lines.add("packages:");
        lines.add("- avahi-daemon");
        lines.add("- mosquitto");
        lines.add("- mosquitto-clients");
        lines.add("apt:");
        lines.add("  preserve_sources_list: true");
        lines.add("  conf: |");
        lines.add("    Acquire {");
        lines.add("      Check-Date \"false\";");
        lines.add("    };");
        lines.add("timezone: " + yaml(r.timezone()));
        lines.add("keyboard:");
        lines.add("  model: pc105");
        lines.add("  layout: " + yaml(r.keyboard()));
        lines.add("user:");
        lines.add("  name: " + r.user());
        lines.add("  shell: /bin/bash");
        lines.add("  lock_passwd: " + (settings.passwordHash() == null));
        if (settings.passwordHash() != null) {
            lines.add("  passwd: " + yaml(settings.passwordHash()));
        }
        if (r.sshKey() != null) {
            lines.add("  ssh_authorized_keys:");
            lines.add("    - " + yaml(r.sshKey()));
        }
        lines.add("  sudo: null");
        lines.add("ssh_pwauth: " + (r.sshKey() == null));
        lines.add("runcmd:");
        lines.add("  - [ systemctl, enable, --now, ssh ]");
        lines.add("  - [ sh, /boot/firmware/" + HUB_FOLDER + "/" + SETUP_SCRIPT + " ]");
        return String.join("\n", lines) + "\n";
    }

    static String metaData(Settings settings) {
        return "instance-id: " + instanceId(settings) + "\n";
    }

    static String instanceId(Settings settings) {
        return "domus-" + settings.request().hostname() + "-" + settings.createdAt().toEpochMilli();
    }

    /** cloud-init's {@code network-config} (netplan v2), only when Wi-Fi is set. */
    static String networkConfig(Settings settings) {
        ProvisionRequest r = settings.request();
        return String.join("\n",
                "network:",
                "  version: 2",
                "  ethernets:",
                "    eth0:",
                "      dhcp4: true",
                "      dhcp6: true",
                "      optional: true",
                "  wifis:",
                "    wlan0:",
                "      dhcp4: true",
                "      regulatory-domain: " + yaml(r.wifiCountry()),
                "      access-points:",
                "        " + yaml(r.wifiSsid()) + ":",
                "          password: " + yaml(settings.wifiPmk()),
                "      optional: true",
                "");
    }

    /** {@code rpi-preseed.toml} (§4.5). */
    static String preseed(Settings settings) {
        ProvisionRequest r = settings.request();
        StringBuilder t = new StringBuilder();
        t.append("# Domus hub ").append(r.hostname()).append(" for house ").append(r.house()).append(", written ")
                .append(settings.createdAt()).append(".\n");
        t.append("config_version = \"1.0\"\n\n");
        t.append("[system]\nhostname = ").append(toml(r.hostname())).append("\n\n");
        t.append("[user]\nname = ").append(toml(r.user())).append('\n');
        if (settings.passwordHash() != null) {
            t.append("password = ").append(toml(settings.passwordHash())).append("\npassword_encrypted = true\n");
        }
        t.append("groups = [\"sudo\"]\n\n");
        t.append("[ssh]\nenabled = true\npassword_authentication = ").append(r.sshKey() == null).append('\n');
        if (r.sshKey() != null) {
            t.append("authorized_keys = [\n  ").append(toml(r.sshKey())).append(",\n]\n");
        }
        t.append('\n');
        if (r.wifiSsid() != null) {
            t.append("[wlan]\nssid = ").append(toml(r.wifiSsid())).append('\n');
            t.append("password = ").append(toml(settings.wifiPmk())).append("\npassword_encrypted = true\n");
            t.append("hidden = false\ncountry = ").append(toml(r.wifiCountry())).append("\n\n");
        }
        t.append("[locale]\nkeymap = ").append(toml(r.keyboard())).append("\ntimezone = ").append(toml(r.timezone()))
                .append('\n');
        return t.toString();
    }

    /** What goes at the end of the one line of {@code cmdline.txt}, with a leading space. */
    static String cmdlineAddition(Settings settings) {
        ProvisionRequest r = settings.request();
        StringBuilder line = new StringBuilder();
        switch (r.format()) {
            case FIRSTRUN, PRESEED -> line.append(" systemd.run=/boot/firmware/firstrun.sh"
                    + " systemd.run_success_action=reboot systemd.unit=kernel-command-line.target");
            case CLOUD_INIT -> line.append(" ds=nocloud;i=").append(instanceId(settings));
        }
        if (r.wifiCountry() != null) {
            line.append(" cfg80211.ieee80211_regdom=").append(r.wifiCountry());
        }
        return line.toString();
    }

    /** A single-quoted shell word. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** A double-quoted YAML scalar (JSON string rules, which YAML accepts). */
    static String yaml(String text) {
        return json(text);
    }

    /** A TOML basic string. */
    static String toml(String text) {
        return json(text);
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
