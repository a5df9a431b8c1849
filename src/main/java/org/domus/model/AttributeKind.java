package org.domus.model;

import java.util.Locale;

/** What an attribute's values are; decides how they are stored, charted and commanded. */
public enum AttributeKind {
    NUMERIC, BOOLEAN, ENUM, TEXT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AttributeKind fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
