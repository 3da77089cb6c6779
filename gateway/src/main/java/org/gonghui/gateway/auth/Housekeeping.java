package org.gonghui.gateway.auth;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Keeps the login tables small: login attempts older than the retention (far past any throttle window) and refresh
 * tokens expired for a day are deleted at start and then hourly.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final EntityManager em;
    private final Vertx vertx;
    private final Duration attemptRetention;

    public Housekeeping(EntityManager em, Vertx vertx,
            @ConfigProperty(name = "gonghui.auth.attempt-retention", defaultValue = "7d") Duration attemptRetention) {
        this.em = em;
        this.vertx = vertx;
        this.attemptRetention = attemptRetention;
    }

    void onStart(@Observes StartupEvent start) {
        prune();
        vertx.setPeriodic(Duration.ofHours(1).toMillis(), id -> vertx.executeBlocking(() -> {
            prune();
            return null;
        }, false));
    }

    public int prune() {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                int attempts = em.createNativeQuery("DELETE FROM login_attempt WHERE attempted_at < now() - "
                        + "make_interval(secs => ?1)").setParameter(1, (double) attemptRetention.toSeconds())
                        .executeUpdate();
                int tokens = em.createNativeQuery(
                        "DELETE FROM refresh_token WHERE expires_at < now() - interval '1 day'").executeUpdate();
                if (attempts + tokens > 0) {
                    LOG.debugf("pruned %d login attempts and %d expired refresh tokens", attempts, tokens);
                }
                return attempts + tokens;
            });
        } catch (RuntimeException e) {
            LOG.warnf("housekeeping of the login tables failed, will retry: %s", e.toString());
            return 0;
        }
    }
}
