package org.gonghui.gateway.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

import io.quarkus.elytron.security.common.BcryptUtil;

/** bcrypt (Elytron) hashing and a constant-time check that costs the same whether or not the account exists. */
@Singleton
public class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** What bcrypt reads of a password. */
    public static final int MAX_BYTES = 72;

    private final int cost;
    /** Checked against when the username is unknown, so that answer takes as long as a wrong password. */
    private final String decoyHash;

    public Passwords(@ConfigProperty(name = "gonghui.auth.bcrypt-cost", defaultValue = "11") int cost) {
        this.cost = cost;
        this.decoyHash = hash(randomPassword());
    }

    public String hash(String password) {
        requireHashable("password", password);
        return BcryptUtil.bcryptHash(password, cost);
    }

    /**
     * bcrypt reads only the first 72 bytes, so a longer password would be cut short silently (issue 29.10): refused
     * with 400 naming the field. The length counts UTF-8 bytes: a Chinese character takes 3.
     */
    public static void requireHashable(String field, String password) {
        int bytes = utf8Bytes(password);
        if (bytes > MAX_BYTES) {
            throw org.gonghui.platform.errors.ProblemException.invalidField(field, "at most " + MAX_BYTES
                    + " bytes in UTF-8 (bcrypt reads no more; a Chinese character takes 3 bytes): this one has "
                    + bytes);
        }
    }

    static int utf8Bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Recomputes the hash with the stored salt and cost and compares in constant time. */
    public boolean matches(String password, String storedHash) {
        // a password longer than bcrypt reads can no longer be set, so it never matches: an old hash made from a
        // cut-short password must not let in every password that starts with the same 72 bytes
        boolean tooLong = utf8Bytes(password) > MAX_BYTES;
        String stored = storedHash == null || tooLong ? decoyHash : storedHash;
        try {
            BCryptPassword parsed = (BCryptPassword) ModularCrypt.decode(stored);
            String recomputed = BcryptUtil.bcryptHash(password, parsed.getIterationCount(), parsed.getSalt());
            return MessageDigest.isEqual(recomputed.getBytes(StandardCharsets.US_ASCII),
                    stored.getBytes(StandardCharsets.US_ASCII)) && storedHash != null && !tooLong;
        } catch (InvalidKeySpecException | ClassCastException e) {
            return false;
        }
    }

    /** Burns the time of one check for an unknown user or a refused attempt; always false. */
    public boolean checkDecoy(String password) {
        return matches(password, null);
    }

    /** 24 random characters (144 bits), URL-safe. */
    public static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
