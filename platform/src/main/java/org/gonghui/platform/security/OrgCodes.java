package org.gonghui.platform.security;

import java.util.regex.Pattern;

/** Rules of the dotted org codes ({@code ld}, {@code ld.lsj}, {@code ld.lsj.steel}). Pure functions. */
public final class OrgCodes {

    /** Lowercase letters and digits in dot-separated segments; no LIKE wildcards can sneak in. */
    public static final String PATTERN = "^[a-z0-9]+(\\.[a-z0-9]+)*$";
    private static final Pattern VALID = Pattern.compile(PATTERN);
    public static final int MAX_LENGTH = 64;

    private OrgCodes() {
    }

    public static boolean isValid(String code) {
        return code != null && code.length() <= MAX_LENGTH && VALID.matcher(code).matches();
    }

    /** True when {@code code} is {@code scope} or lies below it, matching whole segments only. */
    public static boolean covers(String scope, String code) {
        if (!isValid(scope) || !isValid(code)) {
            return false;
        }
        return code.equals(scope) || code.startsWith(scope + ".");
    }

    /** The parent code, or null for a root. */
    public static String parentOf(String code) {
        int dot = code.lastIndexOf('.');
        return dot < 0 ? null : code.substring(0, dot);
    }
}
