package org.gonghui.honors.honor;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rendered pages of the public honor roll. The roll is public, read far more than it changes and already
 * {@code Cache-Control: max-age}-cacheable, so the service keeps the rendered bytes instead of querying twice per
 * request. Every change of the honor table in this service calls {@link #changed()}, which empties the cache
 * <em>after</em> its transaction commits; a page computed before that moment is not stored (generation check), so
 * a reader never sees an honor disappear or reappear once it was committed. The TTL only bounds changes made
 * outside the service (e.g. by hand in SQL).
 */
@ApplicationScoped
public class RollCache {

    public record Page(byte[] body, String etag) {
    }

    private record Entry(Page page, long expiresAtNanos) {
    }

    private static final int MAX_ENTRIES = 2_000;

    private final Map<String, Entry> pages = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;
    private final TransactionSynchronizationRegistry transactions;

    @Inject
    public RollCache(@ConfigProperty(name = "gonghui.honors.roll.cache-ttl", defaultValue = "PT60S") Duration ttl,
            TransactionSynchronizationRegistry transactions) {
        this.ttlNanos = ttl.toNanos();
        this.transactions = transactions;
    }

    public Page get(String key, Supplier<Page> render) {
        long now = System.nanoTime();
        Entry e = pages.get(key);
        if (e != null && now - e.expiresAtNanos() < 0) {
            return e.page();
        }
        long before = generation.get();
        Page page = render.get();
        if (ttlNanos > 0 && generation.get() == before) {
            if (pages.size() >= MAX_ENTRIES) {
                pages.clear(); // many distinct query strings: start over rather than grow without bound
            }
            pages.put(key, new Entry(page, now + ttlNanos));
            if (generation.get() != before) {
                pages.remove(key); // a change committed while we stored it
            }
        }
        return page;
    }

    /** The honor table changes in the current transaction: drop every page once it has committed. */
    public void changed() {
        invalidate();
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    invalidate();
                }
            });
        }
    }

    private void invalidate() {
        generation.incrementAndGet();
        pages.clear();
    }
}
