package org.gonghui.gateway.account;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A login: bcrypt hash, home org, roles; plus the failure counter and lock of the lockout rule. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    public UUID id;

    public String username;

    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "org_code")
    public String orgCode;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] roles;

    @Column(name = "volunteer_id")
    public UUID volunteerId;

    public boolean enabled;

    /** Set by an admin's password reset: the next login must choose a new password first. */
    @Column(name = "must_change_password")
    public boolean mustChangePassword;

    /** Kept for the migration's sake; failures are counted from the attempt log (issue 19.8). */
    @Column(name = "failed_attempts")
    public int failedAttempts;

    /** Informational: the end of the latest lock of this username from some address (set when one begins). */
    @Column(name = "locked_until")
    public OffsetDateTime lockedUntil;

    /** An admin's unlock: failures before this no longer count. */
    @Column(name = "failures_reset_at")
    public OffsetDateTime failuresResetAt;

    @Version
    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public Set<String> roleSet() {
        return new TreeSet<>(Arrays.asList(roles));
    }

    public static Account findByUsername(String username) {
        return find("username", username).firstResult();
    }
}
