package org.domus.model;

import java.util.Locale;
import java.util.Optional;

/**
 * Domus's canonical colour is {@code #rrggbb} (lower case). These convert the colour models vendors use (RGB, CIE
 * xy as Zigbee lights report it, hue/saturation) to and from it. Pure and thread-safe.
 */
public final class Colors {

    private Colors() {
    }

    /** {@code #RRGGBB}, {@code RRGGBB} (either case) as {@code #rrggbb}, or empty. */
    public static Optional<String> parseHex(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String v = text.strip();
        if (v.startsWith("#")) {
            v = v.substring(1);
        }
        if (v.length() != 6) {
            return Optional.empty();
        }
        for (int i = 0; i < 6; i++) {
            if (Character.digit(v.charAt(i), 16) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of("#" + v.toLowerCase(Locale.ROOT));
    }

    public static int[] rgb(String hex) {
        int v = Integer.parseInt(parseHex(hex).orElseThrow(() ->
                new IllegalArgumentException("not a #rrggbb colour: " + Printable.of(String.valueOf(hex), 20)))
                .substring(1), 16);
        return new int[] {(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff};
    }

    public static String hex(int r, int g, int b) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", clamp(r), clamp(g), clamp(b));
    }

    /** CIE 1931 xy of an sRGB colour (the formula Philips Hue and Zigbee2MQTT use), 4 decimals. */
    public static double[] xy(String hex) {
        int[] c = rgb(hex);
        double r = linear(c[0] / 255.0);
        double g = linear(c[1] / 255.0);
        double b = linear(c[2] / 255.0);
        double x = r * 0.4124 + g * 0.3576 + b * 0.1805;
        double y = r * 0.2126 + g * 0.7152 + b * 0.0722;
        double z = r * 0.0193 + g * 0.1192 + b * 0.9505;
        double sum = x + y + z;
        if (sum == 0) {
            return new double[] {0.3127, 0.329}; // black has no chromaticity: white point
        }
        return new double[] {Math.round(x / sum * 10_000) / 10_000.0, Math.round(y / sum * 10_000) / 10_000.0};
    }

    /** The sRGB colour of CIE xy at full brightness. */
    public static String fromXy(double x, double y) {
        if (!(y > 0) || !Double.isFinite(x)) {
            return "#ffffff";
        }
        double bigX = x / y;
        double bigZ = (1 - x - y) / y;
        double r = bigX * 3.2406 - 1.5372 - bigZ * 0.4986;
        double g = -bigX * 0.9689 + 1.8758 + bigZ * 0.0415;
        double b = bigX * 0.0557 - 0.2040 + bigZ * 1.0570;
        double max = Math.max(r, Math.max(g, b));
        if (max > 0) {
            r /= max;
            g /= max;
            b /= max;
        }
        return hex(encoded(r), encoded(g), encoded(b));
    }

    /** The sRGB colour of a hue (degrees) and saturation (percent) at full value. */
    public static String fromHs(double hue, double saturation) {
        double h = ((hue % 360) + 360) % 360 / 60.0;
        double s = Math.max(0, Math.min(100, saturation)) / 100.0;
        double x = s * (1 - Math.abs(h % 2 - 1));
        double m = 1 - s;
        double[] rgb = switch ((int) h) {
            case 0 -> new double[] {s, x, 0};
            case 1 -> new double[] {x, s, 0};
            case 2 -> new double[] {0, s, x};
            case 3 -> new double[] {0, x, s};
            case 4 -> new double[] {x, 0, s};
            default -> new double[] {s, 0, x};
        };
        return hex((int) Math.round((rgb[0] + m) * 255), (int) Math.round((rgb[1] + m) * 255),
                (int) Math.round((rgb[2] + m) * 255));
    }

    private static double linear(double v) {
        return v > 0.04045 ? Math.pow((v + 0.055) / 1.055, 2.4) : v / 12.92;
    }

    private static int encoded(double linear) {
        double v = Math.max(0, Math.min(1, linear));
        v = v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
        return (int) Math.round(v * 255);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
