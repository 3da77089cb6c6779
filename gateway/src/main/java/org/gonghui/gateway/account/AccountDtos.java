package org.gonghui.gateway.account;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the accounts API; a password never leaves the gateway. */
public final class AccountDtos {

    public static final String USERNAME_PATTERN = "^[a-z0-9][a-z0-9._-]{2,63}$";
    public static final int MIN_PASSWORD = 12;
    /** bcrypt reads at most 72 bytes; {@link Passwords#requireHashable} checks the UTF-8 bytes as well. */
    public static final int MAX_PASSWORD = 72;

    private AccountDtos() {
    }

    public record AccountView(UUID id, String username, String orgCode, Set<String> roles, UUID volunteerId,
            boolean enabled, boolean mustChangePassword, OffsetDateTime lockedUntil, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static AccountView of(Account a) {
            return new AccountView(a.id, a.username, a.orgCode, a.roleSet(), a.volunteerId, a.enabled,
                    a.mustChangePassword, a.lockedUntil, a.createdAt, a.updatedAt);
        }
    }

    public record NewAccount(
            @NotBlank @Pattern(regexp = USERNAME_PATTERN,
                    message = "3-64 characters: lowercase letters, digits, '.', '_' or '-'") String username,
            @NotBlank @Size(min = MIN_PASSWORD, max = MAX_PASSWORD) String password,
            String orgCode,
            @NotEmpty Set<@NotBlank String> roles,
            UUID volunteerId,
            Boolean enabled) {
    }

    /** Every field optional: only the given ones change. */
    public record AccountChange(
            @Size(min = MIN_PASSWORD, max = MAX_PASSWORD) String password,
            String orgCode,
            @Size(min = 1) Set<@NotBlank String> roles,
            UUID volunteerId,
            Boolean enabled,
            /** true lifts a lockout before its 15 minutes are over */
            Boolean unlock) {
    }
}
