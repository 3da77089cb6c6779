package org.gonghui.volunteer.volunteer;

/**
 * How a phone number is shown to someone who may see that a volunteer exists but not how to reach them: the first
 * three and the last four digits stay, every digit between becomes {@code *} (13812345678 -> 138****5678; spaces, dashes
 * and a leading + are kept so the shape stays readable). Numbers with fewer than eight digits keep only their last two.
 */
public final class PhoneMask {

    private PhoneMask() {
    }

    public static String mask(String phone) {
        if (phone == null) {
            return null;
        }
        int digits = (int) phone.chars().filter(Character::isDigit).count();
        int keepHead = digits >= 8 ? 3 : 0;
        int keepTail = digits >= 8 ? 4 : Math.min(2, digits);
        StringBuilder out = new StringBuilder(phone.length());
        int seen = 0;
        for (char c : phone.toCharArray()) {
            if (Character.isDigit(c)) {
                seen++;
                out.append(seen <= keepHead || seen > digits - keepTail ? c : '*');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public static boolean isMasked(String phone) {
        return phone != null && phone.indexOf('*') >= 0;
    }
}
