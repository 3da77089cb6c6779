package org.gonghui.volunteer.activity;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.paging.PageParams;
import org.gonghui.platform.security.Roles;
import org.gonghui.volunteer.activity.ActivityDtos.SignupView;
import org.gonghui.volunteer.support.Times;
import org.gonghui.volunteer.volunteer.Volunteer;
import org.gonghui.volunteer.volunteer.VolunteerAccess;

@Path("/api/v1/volunteer/volunteers/{id}/signups")
@Produces(MediaType.APPLICATION_JSON)
public class VolunteerSignupsResource {

    public record OwnSignup(SignupView signup, String title, OffsetDateTime startsAt, OffsetDateTime endsAt,
            Activity.Status activityStatus) {
    }

    private final VolunteerAccess access;

    @Inject
    public VolunteerSignupsResource(VolunteerAccess access) {
        this.access = access;
    }

    @GET
    @RolesAllowed({ Roles.COORDINATOR, Roles.VOLUNTEER })
    @Operation(summary = "A volunteer's live sign-ups (confirmed and waitlisted), latest first, with their ids to cancel")
    public Page<OwnSignup> signups(@PathParam("id") UUID id, @BeanParam @Valid PageParams page) {
        Volunteer v = access.require(id);
        var em = Signup.getEntityManager();
        var rows = em.createQuery("""
                select s, a from Signup s, Activity a
                where s.activityId = a.id and s.volunteerId = :v and s.status <> :cancelled
                order by a.startsAt desc, a.id""", Object[].class)
                .setParameter("v", v.id).setParameter("cancelled", Signup.Status.CANCELLED)
                .setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        long total = Signup.count("volunteerId = ?1 and status <> ?2", v.id, Signup.Status.CANCELLED);
        return new Page<>(rows.stream().map(row -> {
            Signup s = (Signup) row[0];
            Activity a = (Activity) row[1];
            return new OwnSignup(SignupView.of(s, ActivityService.position(s)), a.title, Times.local(a.startsAt),
                    Times.local(a.endsAt), a.status);
        }).toList(), page.page, page.size, total);
    }
}
