package org.gonghui.honors.campaign;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.security.OrgCodes;
import org.gonghui.platform.security.OrgScope;

/** Campaign lookups and the one visibility rule for campaigns. */
@ApplicationScoped
public class Campaigns {

    private final OrgScope scope;

    @Inject
    public Campaigns(OrgScope scope) {
        this.scope = scope;
    }

    /**
     * A campaign is visible to the org running it and its subtree (counties nominate into the municipal campaign),
     * and to the orgs above it.
     */
    public boolean visible(Campaign campaign) {
        return OrgCodes.covers(campaign.orgCode, scope.org()) || scope.covers(campaign.orgCode);
    }

    public Campaign requireVisible(UUID id) {
        Campaign campaign = id == null ? null : Campaign.findById(id);
        if (campaign == null || !visible(campaign)) {
            throw ProblemException.notFound("Campaign");
        }
        return campaign;
    }

    /** The campaign with a row lock held until commit: serialises quota checks and shortlisting. */
    public Campaign lock(UUID id) {
        return Campaign.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
