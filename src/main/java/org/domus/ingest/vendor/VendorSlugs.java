package org.domus.ingest.vendor;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.domus.model.Slugs;

/**
 * Slugs from vendor names. Lower case; {@code _ / . : space} become {@code -}; other characters are dropped. When
 * characters were dropped or the result cut to length, a stable hash of the original is appended, so two ids that
 * differ only there stay apart. Pure and thread-safe.
 */
final class VendorSlugs {

    static final int MAX = 63;
    private static final int HASH_CHARS = 6;

    private VendorSlugs() {
    }

    /** The device slug for a vendor id; never empty. */
    static String device(String vendor, String vendorId) {
        StringBuilder lossy = new StringBuilder();
        String base = clean(vendorId, lossy);
        if (lossy.isEmpty() && !base.isEmpty() && base.length() <= MAX) {
            return base;
        }
        return withHash(base, vendor + ":" + vendorId);
    }

    /** {@code base} with the hash of {@code original} appended, cut to fit. */
    static String withHash(String base, String original) {
        String hash = hash(original);
        String head = base.length() > MAX - HASH_CHARS - 1 ? base.substring(0, MAX - HASH_CHARS - 1) : base;
        head = trimDashes(head);
        String slug = head.isEmpty() ? hash : head + "-" + hash;
        return Slugs.isValid(slug) ? slug : "d" + hash;
    }

    /** An attribute name from a vendor's property name, or empty when nothing usable is left. */
    static Optional<String> attribute(String property) {
        String slug = clean(property, new StringBuilder());
        if (slug.length() > MAX) {
            slug = trimDashes(slug.substring(0, MAX));
        }
        return Slugs.isValid(slug) ? Optional.of(slug) : Optional.empty();
    }

    private static String clean(String text, StringBuilder lossy) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                out.append(c);
            } else if (c == '-' || c == '_' || c == '/' || c == '.' || c == ':' || c == ' ') {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != '-') {
                    out.append('-');
                }
            } else {
                lossy.append(c);
            }
        }
        String slug = trimDashes(out.toString());
        if (slug.length() > MAX) {
            lossy.append('…');
        }
        return slug;
    }

    private static String trimDashes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '-') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '-') {
            end--;
        }
        return text.substring(start, end);
    }

    /** FNV-1a, base 36, {@value #HASH_CHARS} characters. */
    static String hash(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        String digits = Long.toString(hash & Long.MAX_VALUE, 36);
        return digits.substring(digits.length() - HASH_CHARS);
    }
}
