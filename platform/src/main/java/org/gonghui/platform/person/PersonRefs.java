package org.gonghui.platform.person;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gonghui.platform.errors.Problem;
import org.gonghui.platform.errors.ProblemException;

/**
 * {@code personRef} = HMAC-SHA256(suite secret, normalised resident ID number), hex: the join key for a person across
 * services, from which the number itself cannot be recovered without the secret.
 */
@ApplicationScoped
public class PersonRefs {

    private final SecretKeySpec key;

    @Inject
    public PersonRefs(@ConfigProperty(name = "gonghui.person-ref.secret") String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("gonghui.person-ref.secret must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String of(String idNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(
                    mac.doFinal(ResidentIdNumbers.normalise(idNumber).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Validates the number (400 naming {@code field} when invalid) and returns its personRef and masked form. */
    public Person identify(String field, String idNumber) {
        String problem = ResidentIdNumbers.problemWith(idNumber);
        if (problem != null) {
            throw new ProblemException(400, "validation", "Invalid input", field + " " + problem,
                    List.of(new Problem.FieldError(field, problem)), Map.of());
        }
        return new Person(of(idNumber), ResidentIdNumbers.mask(idNumber));
    }

    public record Person(String personRef, String idNumberMasked) {
    }
}
