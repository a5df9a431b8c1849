package org.domus.provision;

import java.util.Locale;
import java.util.Optional;

/**
 * Which customisation an SD card's image expects (Raspberry Pi Imager's {@code init_format}, see
 * reference/pi-provisioning.md §4.1).
 */
public enum BootFormat {
    /** {@code firstrun.sh} run once from the kernel command line: Raspberry Pi OS Bookworm. */
    FIRSTRUN("firstrun"),
    /** cloud-init NoCloud ({@code user-data}, {@code meta-data}, {@code network-config}): newest Raspberry Pi OS, Ubuntu. */
    CLOUD_INIT("cloud-init"),
    /** {@code rpi-preseed.toml} applied by the rpi-preseed package, plus Domus's own first-boot step. */
    PRESEED("preseed");

    private final String label;

    BootFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<BootFormat> parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (BootFormat format : values()) {
            if (format.label.equals(wanted) || format.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
