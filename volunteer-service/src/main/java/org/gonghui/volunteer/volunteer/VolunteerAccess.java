package org.gonghui.volunteer.volunteer;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;

/**
 * Who may act on a volunteer: a coordinator on any volunteer in their subtree, a volunteer account only on its own
 * profile (the token's {@code volunteerId}, or the profile it registered itself when the token has no such claim).
 */
@RequestScoped
public class VolunteerAccess {

    private final OrgScope scope;

    @Inject
    public VolunteerAccess(OrgScope scope) {
        this.scope = scope;
    }

    public boolean isCoordinator() {
        return scope.hasRole(Roles.COORDINATOR);
    }

    /**
     * The caller's own volunteer id, or null when the account has no profile (yet). A {@code volunteerId} claim naming
     * a volunteer outside the token's org subtree counts as no claim (issue 19.6): the claim is set by an admin, and
     * must never open another county's profile.
     */
    public UUID selfId() {
        String claim = scope.volunteerId();
        if (claim != null && !claim.isBlank()) {
            UUID id;
            try {
                id = UUID.fromString(claim);
            } catch (IllegalArgumentException e) {
                return null;
            }
            Volunteer claimed = Volunteer.findById(id);
            return claimed == null || scope.covers(claimed.orgCode) ? id : null;
        }
        Volunteer own = Volunteer.find("accountSubject", scope.subject()).firstResult();
        return own == null ? null : own.id;
    }

    /**
     * Whether the caller sees {@code v}'s phone number in full: a coordinator of the volunteer's own org (not of a
     * parent org) or the volunteer itself (issue 19.11); everyone else gets {@link PhoneMask#mask}.
     */
    public boolean seesPhoneOf(Volunteer v) {
        return (isCoordinator() && scope.org().equals(v.orgCode)) || isSelf(v.id);
    }

    public boolean isSelf(UUID volunteerId) {
        return scope.hasRole(Roles.VOLUNTEER) && volunteerId != null && volunteerId.equals(selfId());
    }

    /** The volunteer, visible to a coordinator of its subtree or to itself; else 404 (absent) or 403 (not yours). */
    public Volunteer require(UUID id) {
        Volunteer v = Volunteer.findById(id);
        if (v == null || !scope.covers(v.orgCode)) {
            throw ProblemException.notFound("Volunteer");
        }
        if (isCoordinator() || isSelf(id)) {
            return v;
        }
        throw ProblemException.forbidden("self-only", "a volunteer account may only act on its own profile");
    }

    /** Like {@link #require} but for a write that takes the row lock (serialises a volunteer's sign-ups). */
    public Volunteer requireLocked(UUID id) {
        require(id);
        return Volunteer.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }
}
