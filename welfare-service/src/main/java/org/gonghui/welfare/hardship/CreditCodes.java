package org.gonghui.welfare.hardship;

import java.util.Locale;

/** Unified social credit codes (GB 32100-2015): 18 characters, the last a base-31 check character. Pure functions. */
public final class CreditCodes {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

    private CreditCodes() {
    }

    public static String normalise(String raw) {
        return raw == null ? null : raw.replace(" ", "").trim().toUpperCase(Locale.ROOT);
    }

    /** The check character for the first 17 characters. */
    public static char checkCharFor(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** Why the code is not a valid unified social credit code, or null when it is. */
    public static String problemWith(String raw) {
        String code = normalise(raw);
        if (code == null || code.isEmpty()) {
            return "is required";
        }
        if (code.length() != 18) {
            return "must be 18 characters";
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return "contains a character not allowed in a credit code (" + code.charAt(i) + ")";
            }
        }
        if (!code.substring(2, 8).chars().allMatch(Character::isDigit)) {
            return "must carry a 6-digit administrative division code at positions 3 to 8";
        }
        if (checkCharFor(code) != code.charAt(17)) {
            return "has a wrong check character";
        }
        return null;
    }

    public static boolean isValid(String raw) {
        return problemWith(raw) == null;
    }
}
