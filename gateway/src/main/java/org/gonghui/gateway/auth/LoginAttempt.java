package org.gonghui.gateway.auth;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One login attempt, counted by the per-client throttle. */
@Entity
@Table(name = "login_attempt")
public class LoginAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "client_ip")
    public String clientIp;

    public String username;

    public boolean succeeded;

    /** Answered "locked" without a password check: counts for the address's throttle, not towards a lock. */
    public boolean refused;

    @Column(name = "attempted_at")
    public OffsetDateTime attemptedAt;
}
