package org.domus.model;

/** Untrusted text (topics, slugs from the wire) made safe for a one-line log message. */
public final class Printable {

    private Printable() {
    }

    /** {@code text} cut to {@code maxChars} (with "…") and its control characters, NUL included, escaped. */
    public static String of(String text, int maxChars) {
        String shortened = text.length() > maxChars ? text.substring(0, maxChars) + "…" : text;
        StringBuilder out = new StringBuilder(shortened.length());
        shortened.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
