package org.gonghui.gateway.account;

import static org.gonghui.gateway.account.AccountAdministration.Verdict.ALLOWED;
import static org.gonghui.gateway.account.AccountAdministration.Verdict.NOT_VISIBLE;
import static org.gonghui.gateway.account.AccountAdministration.Verdict.PEER;
import static org.gonghui.gateway.account.AccountAdministration.Verdict.SELF;
import static org.gonghui.gateway.account.AccountAdministration.Verdict.WIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.gonghui.gateway.account.AccountAdministration.Party;
import org.junit.jupiter.api.Test;

class AccountAdministrationTest {

    static final Set<String> FIRST_ADMIN = Set.of("admin", "staff", "reviewer", "finance", "coordinator", "auditor");

    private static Party p(String id, String org, String... roles) {
        return new Party(id, org, Set.of(roles));
    }

    @Test
    void aCountyAdminCannotTakeOverAFinanceAccountOfItsCounty() {
        assertEquals(WIDER, AccountAdministration.mayChange(p("a", "ld.lsj", "admin"), p("f", "ld.lsj", "finance")));
        assertEquals(Set.of("finance"),
                AccountAdministration.missing(p("a", "ld.lsj", "admin"), p("f", "ld.lsj", "finance")));
    }

    @Test
    void nobodyButItselfChangesTheFirstAdmin() {
        Party first = new Party("first", "ld", FIRST_ADMIN);
        assertEquals(SELF, AccountAdministration.mayChange(first, first));
        assertEquals(PEER, AccountAdministration.mayChange(new Party("second", "ld", FIRST_ADMIN), first));
        assertEquals(PEER, AccountAdministration.mayChange(new Party("second", "ld",
                Set.of("admin", "staff", "reviewer", "finance", "coordinator", "auditor", "volunteer")), first));
        assertEquals(WIDER, AccountAdministration.mayChange(p("city", "ld", "admin", "staff"), first));
        assertEquals(NOT_VISIBLE, AccountAdministration.mayChange(new Party("county", "ld.lsj", FIRST_ADMIN), first));
    }

    @Test
    void peersAtTheSameOrgNeverChangeEachOtherButASubOrgsAdminIsManaged() {
        assertEquals(PEER, AccountAdministration.mayChange(p("a", "ld.lsj", "admin"), p("b", "ld.lsj", "admin")));
        assertEquals(ALLOWED, AccountAdministration.mayChange(p("a", "ld", "admin"), p("b", "ld.lsj", "admin")));
        assertEquals(ALLOWED, AccountAdministration.mayChange(p("a", "ld.lsj", "admin", "staff"),
                p("b", "ld.lsj", "admin")));
        assertEquals(WIDER, AccountAdministration.mayChange(p("a", "ld", "admin"), p("b", "ld.lsj", "admin", "staff")));
    }

    @Test
    void theVolunteerRoleNeitherWidensATargetNorCountsForTheCaller() {
        assertEquals(ALLOWED, AccountAdministration.mayChange(p("a", "ld.lsj", "admin"), p("v", "ld.lsj", "volunteer")));
        assertEquals(ALLOWED, AccountAdministration.mayChange(p("a", "ld.lsj", "admin", "staff"),
                p("v", "ld.lsj", "staff", "volunteer")));
        assertEquals(PEER, AccountAdministration.mayChange(p("a", "ld.lsj", "admin", "volunteer"),
                p("b", "ld.lsj", "admin")));
    }

    @Test
    void outsideTheSubtreeIsInvisible() {
        assertEquals(NOT_VISIBLE, AccountAdministration.mayChange(p("a", "ld.lsj", "admin", "staff"),
                p("b", "ld.ly", "staff")));
        assertEquals(NOT_VISIBLE, AccountAdministration.mayChange(p("a", "ld.lsj", "admin", "staff"),
                p("b", "ld.lsjx", "staff")));
    }
}
