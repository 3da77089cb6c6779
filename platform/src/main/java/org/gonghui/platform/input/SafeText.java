package org.gonghui.platform.input;

import java.util.Locale;

/**
 * The characters no text field or parameter may hold (issue 19.13): NUL and the other C0 controls, DEL, the C1
 * controls and the Unicode direction overrides and isolates (U+202A-U+202E, U+2066-U+2069), which make a name read
 * differently on screen than in the database. PostgreSQL refuses NUL outright (a 500 before this check).
 * <p>
 * Tab, line feed and carriage return are allowed in free text (reasons, notes, addresses), but not in single-line
 * fields: names, codes and numbers, recognised by their JSON property name ({@link #isSingleLine(String)}), and every
 * query or path parameter.
 */
public final class SafeText {

    public static final String CONTROL_MESSAGE = "must not contain control characters";
    public static final String LINE_BREAK_MESSAGE = "must be a single line (no tab or line break)";
    public static final String DIRECTION_MESSAGE = "must not contain Unicode direction overrides";

    private SafeText() {
    }

    /** Why {@code value} is refused, or null when it is acceptable. */
    public static String problem(CharSequence value, boolean singleLine) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                if (singleLine) {
                    return LINE_BREAK_MESSAGE;
                }
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return CONTROL_MESSAGE;
            } else if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                return DIRECTION_MESSAGE;
            }
        }
        return null;
    }

    /**
     * A JSON property holds a single line when it is a name, a code, a number or an id ({@code name},
     * {@code unitName}, {@code username}, {@code orgCode}, {@code idNumber}, {@code volunteerId}, ...).
     */
    public static boolean isSingleLine(String property) {
        if (property == null) {
            return false;
        }
        String p = property.toLowerCase(Locale.ROOT);
        return p.endsWith("name") || p.endsWith("code") || p.endsWith("number") || p.endsWith("id")
                || p.equals("username") || p.equals("password");
    }
}
