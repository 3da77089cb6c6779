package org.gonghui.platform.person;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;

/** 18-character PRC resident ID numbers (GB 11643-1999): normalisation, checksum, masking. Pure functions. */
public final class ResidentIdNumbers {

    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final char[] CHECK_CHARS = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

    private ResidentIdNumbers() {
    }

    /** Trims, removes inner spaces and upper-cases the check character. */
    public static String normalise(String raw) {
        return raw == null ? null : raw.replace(" ", "").trim().toUpperCase(Locale.ROOT);
    }

    /** The GB 11643 check character for the first 17 digits. */
    public static char checkCharFor(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS[sum % 11];
    }

    /** Why the number is not a valid resident ID, or null when it is. */
    public static String problemWith(String raw) {
        String id = normalise(raw);
        if (id == null || id.isEmpty()) {
            return "is required";
        }
        if (!id.matches("\\d{17}[\\dX]")) {
            return "must be 18 characters: 17 digits and a digit or X";
        }
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
            if (birth.getYear() < 1900 || birth.isAfter(LocalDate.now())) {
                return "has an impossible birth date";
            }
        } catch (DateTimeException e) {
            return "has an impossible birth date";
        }
        if (checkCharFor(id) != id.charAt(17)) {
            return "has a wrong check digit";
        }
        return null;
    }

    public static boolean isValid(String raw) {
        return problemWith(raw) == null;
    }

    /** {@code 4313**********1234}: the first four and last four characters, ten stars between. */
    public static String mask(String raw) {
        String id = normalise(raw);
        if (id == null || id.length() < 8) {
            return id == null ? null : "*".repeat(id.length());
        }
        return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
    }
}
