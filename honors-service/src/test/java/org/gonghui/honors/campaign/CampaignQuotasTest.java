package org.gonghui.honors.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

import org.gonghui.honors.campaign.CampaignQuotas.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Org quotas are allocations of the total (#29.4): plain unit tests of the rule. */
class CampaignQuotasTest {

    private static final String[] ORGS = { "ld", "ld.lsj", "ld.lsj.steel", "ld.lsj.coal", "ld.lx", "ld.ly",
            "ld.sf", "ld.xh", "ld.xh.tea" };

    @Test
    void countyWithoutQuotaSharesOnlyWhatIsLeft() {
        // the campaign: 3 places, one each reserved for ld.lx and ld.lsj, 1 left for everyone else
        CampaignQuotas q = new CampaignQuotas(3, Map.of("ld.lx", 1, "ld.lsj", 1));
        assertEquals(1, q.unallocated());
        assertEquals(Optional.empty(), q.refusal("ld.ly", List.of()));
        Refusal second = q.refusal("ld.ly", List.of("ld.ly")).orElseThrow();
        assertEquals(CampaignQuotas.UNALLOCATED, second.scope());
        assertEquals(1, second.quota());
        assertTrue(second.message().contains("ld.lsj, ld.lx"), second.message());
        assertEquals(Optional.empty(), q.refusal("ld.lx", List.of("ld.ly")));
        assertEquals(Optional.empty(), q.refusal("ld.lsj", List.of("ld.ly", "ld.lx")));
        assertEquals("total", q.refusal("ld.sf", List.of("ld.ly", "ld.lx", "ld.lsj")).orElseThrow().scope());
    }

    @ParameterizedTest(name = "quota {0}, org quotas [{1}], placed [{2}]: {3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            3  | ld.lsj=1          | ld.lsj                  | ld.lsj.steel | ld.lsj
            3  | ld.lsj=1          | ld.lsj                  | ld.lx        | ok
            3  | ld.lsj=1          | ld.lsj,ld.lx            | ld.sf        | ok
            3  | ld.lsj=1          | ld.lsj,ld.lx,ld.sf      | ld.xh        | total
            3  | ld.lsj=1          | ld.lx,ld.sf             | ld.xh        | unallocated
            3  | ld.lsj=1          | ld.lx,ld.sf             | ld.lsj       | ok
            2  | ld.lsj=1,ld.lx=1  |                         | ld.ly        | unallocated
            2  | ld.lsj=1,ld.lx=1  |                         | ld             | unallocated
            5  | ld.lsj=2,ld.lsj.steel=1 | ld.lsj.steel      | ld.lsj.steel | ld.lsj.steel
            5  | ld.lsj=2,ld.lsj.steel=1 | ld.lsj.steel      | ld.lsj.coal  | ok
            5  | ld.lsj=2,ld.lsj.steel=1 | ld.lsj.coal,ld.lsj | ld.lsj      | ld.lsj
            5  | ld.lsj=2,ld.lsj.steel=1 | ld.lsj.coal,ld.lsj | ld.ly       | ok
            10 |                   | ld.ly,ld.ly,ld.ly       | ld.ly        | ok
            """)
    void examples(int total, String orgQuotas, String placed, String nominee, String expected) {
        Map<String, Integer> quotas = new LinkedHashMap<>();
        if (orgQuotas != null) {
            for (String entry : orgQuotas.split(",")) {
                String[] kv = entry.strip().split("=");
                quotas.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        List<String> placedOrgs = placed == null ? List.of() : Arrays.stream(placed.split(",")).map(String::strip).toList();
        Optional<Refusal> refusal = new CampaignQuotas(total, quotas).refusal(nominee.strip(), placedOrgs);
        assertEquals(expected, refusal.map(Refusal::scope).orElse("ok"));
    }

    static IntStream seeds() {
        return IntStream.range(0, 300);
    }

    /**
     * Property, checked on 300 random campaigns (seeded, so a failure repeats) with random submissions and
     * withdrawals: the places taken never exceed the total, an org quota or the unallocated rest; and whatever the
     * others did, an org with a quota can still fill every place of it.
     */
    @ParameterizedTest(name = "random campaign {0}")
    @MethodSource("seeds")
    void quotaNeverExceededAndReservedPlacesStayAvailable(int seed) {
        Random random = new Random(seed);
        int total = 1 + random.nextInt(12);
        Map<String, Integer> orgQuotas = new HashMap<>();
        int left = total;
        for (String org : ORGS) {
            if (left > 0 && random.nextInt(3) == 0) {
                int q = random.nextInt(left + 1);
                orgQuotas.put(org, q);
                left -= q;
            }
        }
        CampaignQuotas rule = new CampaignQuotas(total, orgQuotas);
        List<String> placed = new ArrayList<>();
        for (int step = 0; step < 80; step++) {
            if (!placed.isEmpty() && random.nextInt(4) == 0) {
                placed.remove(random.nextInt(placed.size()));
                continue;
            }
            String org = ORGS[random.nextInt(ORGS.length)];
            if (rule.refusal(org, placed).isEmpty()) {
                placed.add(org);
            }
            assertWithinQuotas(rule, total, orgQuotas, placed, seed);
        }
        for (Map.Entry<String, Integer> e : orgQuotas.entrySet()) {
            String org = e.getKey();
            long held = placed.stream().filter(o -> org.equals(rule.quotaOrgFor(o))).count();
            for (long i = held; i < e.getValue(); i++) {
                assertEquals(Optional.empty(), rule.refusal(org, placed),
                        "seed " + seed + ": " + org + " lost a reserved place; quotas " + orgQuotas + " placed " + placed);
                placed.add(org);
            }
            assertTrue(rule.refusal(org, placed).isPresent(), "seed " + seed + ": " + org + " exceeds its quota");
        }
        assertWithinQuotas(rule, total, orgQuotas, placed, seed);
    }

    private static void assertWithinQuotas(CampaignQuotas rule, int total, Map<String, Integer> orgQuotas,
            List<String> placed, int seed) {
        String where = "seed " + seed + ": total " + total + " quotas " + orgQuotas + " placed " + placed;
        assertTrue(placed.size() <= total, where);
        orgQuotas.forEach((org, q) -> assertTrue(
                placed.stream().filter(o -> org.equals(rule.quotaOrgFor(o))).count() <= q, where));
        assertTrue(placed.stream().filter(o -> rule.quotaOrgFor(o) == null).count() <= rule.unallocated(), where);
    }
}
