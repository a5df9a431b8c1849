package org.domus.model;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Checks on what a user types when editing the house model: slugs (as {@link Slugs} defines them) and display
 * names. Each refusal is an {@link InvalidModelException} with one sentence.
 */
public final class ModelChecks {

    /** The longest display name of a house, floor, room, device or attribute. */
    public static final int MAX_NAME = 80;
    /** The longest unit. */
    public static final int MAX_UNIT = 16;

    private ModelChecks() {
    }

    /** The slug, or an exception naming what is wrong with it; {@code what} is "house", "room" or "device". */
    public static String slug(String what, String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            throw new InvalidModelException(ModelProblem.SLUG_EMPTY, "The " + what + "'s short name is empty.",
                    List.of(what));
        }
        if (candidate.length() > 63) {
            throw new InvalidModelException(ModelProblem.SLUG_TOO_LONG, "The " + what + "'s short name is longer"
                    + " than 63 characters.", List.of(what, candidate));
        }
        if (!Slugs.isValid(candidate)) {
            String shown = Printable.of(candidate, 40);
            throw new InvalidModelException(ModelProblem.SLUG_INVALID, "The " + what + "'s short name \"" + shown
                    + "\" may hold only lower-case letters, digits and '-', and must start with a letter or digit.",
                    List.of(what, shown));
        }
        return candidate;
    }

    /** A room's slug: also refuses {@code hub} and {@code raw}, which topics reserve. */
    public static String roomSlug(String candidate) {
        slug("room", candidate);
        if (Slugs.isReservedRoom(candidate)) {
            throw new InvalidModelException(ModelProblem.SLUG_RESERVED, "\"" + candidate + "\" is reserved in"
                    + " topics and cannot name a room.", List.of(candidate));
        }
        return candidate;
    }

    /** The name with control characters blanked and surrounding blanks removed; refuses an empty or too long one. */
    public static String name(String what, String candidate) {
        String name = withoutControls(candidate);
        if (name.isEmpty()) {
            throw new InvalidModelException(ModelProblem.NAME_EMPTY, "The " + what + " needs a name.", List.of(what));
        }
        if (name.length() > MAX_NAME) {
            throw new InvalidModelException(ModelProblem.NAME_TOO_LONG, "The " + what + "'s name is longer than "
                    + MAX_NAME + " characters.", List.of(what, Integer.toString(MAX_NAME)));
        }
        return name;
    }

    /** A label or unit the user may leave empty, cleaned as {@link #name} cleans names. */
    public static String optional(String candidate, int max, ModelProblem tooLong, String what) {
        String text = withoutControls(candidate);
        if (text.length() > max) {
            throw new InvalidModelException(tooLong, "The " + what + " is longer than " + max + " characters.",
                    List.of(text.substring(0, Math.min(text.length(), 24)), Integer.toString(max)));
        }
        return text;
    }

    private static String withoutControls(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", " ").strip();
    }

    /**
     * A slug made from a display name, for a form to propose: "Salón de té" gives {@code salon-de-te}; empty
     * when the name has no letter or digit.
     */
    public static String suggestSlug(String name) {
        if (name == null) {
            return "";
        }
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        boolean dash = false;
        for (int i = 0; i < plain.length() && slug.length() < 63; i++) {
            char c = plain.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                if (dash && !slug.isEmpty()) {
                    slug.append('-');
                }
                dash = false;
                slug.append(c);
            } else if (c != '\'' && c != '\u2019') {
                dash = true; // an apostrophe joins ("kid's" gives "kids"); anything else separates
            }
        }
        String result = slug.length() > 63 ? slug.substring(0, 63) : slug.toString();
        return result.endsWith("-") ? result.substring(0, result.length() - 1) : result;
    }
}
