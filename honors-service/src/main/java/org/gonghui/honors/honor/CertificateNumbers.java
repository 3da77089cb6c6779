package org.gonghui.honors.honor;

import java.util.Collection;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** {@code HON-<year>-<seq>}, numbered per year without gaps from concurrent conferrals colliding. */
@ApplicationScoped
public class CertificateNumbers {

    private final EntityManager em;

    @Inject
    public CertificateNumbers(EntityManager em) {
        this.em = em;
    }

    /**
     * Locks the counters of {@code years} until the transaction ends, in ascending order (two imports never wait for
     * each other crosswise). Every honor takes its number through {@link #reserve}, under the same row lock, so after
     * this no other transaction is inserting an honor of these years: a holdings check made now sees all of them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockYears(Collection<Integer> years) {
        for (int year : new TreeSet<>(years)) {
            em.createNativeQuery("""
                    INSERT INTO certificate_counter (year, last) VALUES (?1, 0)
                    ON CONFLICT (year) DO UPDATE SET last = certificate_counter.last""").setParameter(1, year)
                    .executeUpdate();
        }
    }

    /** Reserves {@code count} consecutive numbers of {@code year}; returns the first sequence number. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long reserve(int year, int count) {
        Number last = (Number) em.createNativeQuery("""
                INSERT INTO certificate_counter (year, last) VALUES (?1, ?2)
                ON CONFLICT (year) DO UPDATE SET last = certificate_counter.last + ?2
                RETURNING last""").setParameter(1, year).setParameter(2, (long) count).getSingleResult();
        return last.longValue() - count + 1;
    }

    public static String format(int year, long seq) {
        return String.format("HON-%d-%06d", year, seq);
    }
}
