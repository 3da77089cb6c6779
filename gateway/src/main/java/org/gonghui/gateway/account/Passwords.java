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

    private final int cost;
    /** Checked against when the username is unknown, so that answer takes as long as a wrong password. */
    private final String decoyHash;

    public Passwords(@ConfigProperty(name = "gonghui.auth.bcrypt-cost", defaultValue = "11") int cost) {
        this.cost = cost;
        this.decoyHash = hash(randomPassword());
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    /** Recomputes the hash with the stored salt and cost and compares in constant time. */
    public boolean matches(String password, String storedHash) {
        String stored = storedHash == null ? decoyHash : storedHash;
        try {
            BCryptPassword parsed = (BCryptPassword) ModularCrypt.decode(stored);
            String recomputed = BcryptUtil.bcryptHash(password, parsed.getIterationCount(), parsed.getSalt());
            return MessageDigest.isEqual(recomputed.getBytes(StandardCharsets.US_ASCII),
                    stored.getBytes(StandardCharsets.US_ASCII)) && storedHash != null;
        } catch (InvalidKeySpecException | ClassCastException e) {
            return false;
        }
    }

    /** Burns the time of one check for an unknown user. */
    public void checkDecoy(String password) {
        matches(password, null);
    }

    /** 24 random characters (144 bits), URL-safe. */
    public static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
