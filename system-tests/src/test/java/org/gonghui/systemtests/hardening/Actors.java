package org.gonghui.systemtests.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.gonghui.platform.person.ResidentIdNumbers;
import org.gonghui.systemtests.RunningSuite;

/**
 * Accounts made by the first admin for the hardening sweeps, with their passwords and tokens noted in the
 * {@link Ledger} so the log check can look for them; volunteers get a volunteer record and a linked account.
 */
final class Actors {

    static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    record Login(String username, String password, String accessToken, String refreshToken, UUID accountId) {
    }

    private Actors() {
    }

    static Login account(String name, String org, List<String> roles, String volunteerId) {
        String username = name + "-" + RUN;
        String password = "Pw-" + UUID.randomUUID();
        Ledger.secret(password);
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "password", password, "orgCode", org,
                "roles", roles, "enabled", true));
        if (volunteerId != null) {
            body.put("volunteerId", volunteerId);
        }
        Wire.Answer created = Wire.json("POST", "/api/v1/accounts", RunningSuite.adminToken(), body);
        assertEquals(201, created.status(), created.toString());
        return login(username, password, UUID.fromString(created.json().path("id").asText()));
    }

    static Login login(String username, String password, UUID accountId) {
        Wire.Answer pair = Wire.json("POST", "/auth/token", null, Map.of("username", username, "password", password));
        assertEquals(200, pair.status(), pair.toString());
        String access = pair.json().path("accessToken").asText();
        String refresh = pair.json().path("refreshToken").asText();
        Ledger.secret(access);
        Ledger.secret(refresh);
        return new Login(username, password, access, refresh, accountId);
    }

    static String token(String name, String org, String... roles) {
        return account(name, org, List.of(roles), null).accessToken();
    }

    /** A volunteer record created by {@code coordinator} and an account bound to it; returns [volunteerId, token]. */
    static String[] volunteer(String coordinator, String name, String org) {
        Wire.Answer v = Wire.json("POST", "/api/v1/volunteer/volunteers", coordinator, Map.of("name", name + " " + RUN,
                "phone", "+86 138 0000 " + (1000 + new Random().nextInt(9000)), "orgCode", org, "skills", List.of("visits")));
        assertEquals(201, v.status(), v.toString());
        String id = v.json().path("id").asText();
        return new String[] { id, account(name, org, List.of("volunteer"), id).accessToken() };
    }

    /** A valid (GB 11643 checksum) but made-up resident ID number, noted as a secret the logs must not show. */
    static String idNumber() {
        Random random = new Random();
        String first17 = String.format("431302%04d%02d%02d%03d", 1950 + random.nextInt(40), 1 + random.nextInt(12),
                1 + random.nextInt(28), random.nextInt(1000));
        String id = first17 + ResidentIdNumbers.checkCharFor(first17);
        Ledger.idNumber(id);
        return id;
    }
}
