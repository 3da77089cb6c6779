package org.gonghui.honors.campaign;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.gonghui.platform.security.OrgCodes;

/**
 * The places of a campaign (#29.4). An org quota is an allocation of the total, not only a cap: nominations of that
 * org and its subtree take places from it alone, and nobody else's can. Orgs without a quota of their own share what
 * is left, the total minus the sum of the org quotas (the unallocated places). A nomination counts against the most
 * specific quota org covering its org ({@code ld.lsj.steel} -> {@code ld.lsj}). Places held: SUBMITTED,
 * PUBLIC_NOTICE and CONFERRED nominations; the caller counts them with the campaign row locked.
 */
public final class CampaignQuotas {

    /** The {@code quotaScope} of the places that no org quota holds. */
    public static final String UNALLOCATED = "unallocated";

    private final int total;
    private final Map<String, Integer> orgQuotas;

    public CampaignQuotas(int total, Map<String, Integer> orgQuotas) {
        this.total = total;
        this.orgQuotas = Map.copyOf(orgQuotas);
    }

    /** Why a nominee cannot take a place: {@code scope} is {@code total}, an org code or {@link #UNALLOCATED}. */
    public record Refusal(String scope, int quota, String message) {
    }

    /** The quota org a nominee's org counts against: the most specific one covering it, or null (unallocated). */
    public String quotaOrgFor(String nomineeOrg) {
        String best = null;
        for (String org : orgQuotas.keySet()) {
            if (OrgCodes.covers(org, nomineeOrg) && (best == null || org.length() > best.length())) {
                best = org;
            }
        }
        return best;
    }

    public int unallocated() {
        return Math.max(0, total - orgQuotas.values().stream().mapToInt(Integer::intValue).sum());
    }

    /**
     * Whether a nominee of {@code nomineeOrg} may take a place while nominations of {@code placedOrgs} hold one each:
     * empty when it may, else the refusal.
     */
    public Optional<Refusal> refusal(String nomineeOrg, Collection<String> placedOrgs) {
        // never past the total, also if places were taken under an earlier rule
        if (placedOrgs.size() >= total) {
            return Optional.of(new Refusal("total", total, "All " + total + " places of the campaign are taken"));
        }
        String quotaOrg = quotaOrgFor(nomineeOrg);
        long used = placedOrgs.stream().filter(o -> same(quotaOrg, quotaOrgFor(o))).count();
        if (quotaOrg != null) {
            int quota = orgQuotas.get(quotaOrg);
            return used < quota ? Optional.empty() : Optional.of(new Refusal(quotaOrg, quota,
                    "All " + quota + " places of " + quotaOrg + " in this campaign are taken"));
        }
        int shared = unallocated();
        return used < shared ? Optional.empty() : Optional.of(new Refusal(UNALLOCATED, shared, "All " + shared
                + " places not allocated to an org quota are taken; the other " + (total - shared)
                + " belong to " + String.join(", ", orgQuotas.keySet().stream().sorted().toList())
                + " until the nomination window closes"));
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
