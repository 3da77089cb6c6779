package org.gonghui.volunteer.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.volunteer.activity.Activity;
import org.gonghui.volunteer.activity.Signup;
import org.gonghui.volunteer.volunteer.Volunteer;
import org.gonghui.volunteer.volunteer.VolunteerAccess;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/volunteer/volunteers/{id}/calendar.ics")
public class VolunteerCalendarResource {

    private final SecurityIdentity identity;
    private final VolunteerAccess access;

    @Inject
    public VolunteerCalendarResource(SecurityIdentity identity, VolunteerAccess access) {
        this.identity = identity;
        this.access = access;
    }

    /**
     * Open to calendar apps that cannot send a bearer token: the secret {@code feed} parameter (rotated with
     * POST /volunteers/{id}/calendar-feed) authorises the read; without it the caller needs a token of a coordinator
     * or of the volunteer itself.
     */
    @GET
    @Produces(IcsFeeds.MEDIA_TYPE)
    @PermitAll
    @Operation(summary = "The volunteer's confirmed shifts as an iCalendar feed (token, or the secret feed URL)")
    public Response volunteerCalendar(@PathParam("id") UUID id, @QueryParam("feed") String feed) {
        Volunteer v;
        if (feed != null) {
            v = Volunteer.findById(id);
            if (v == null || !MessageDigest.isEqual(v.calendarSecret.getBytes(StandardCharsets.UTF_8),
                    feed.getBytes(StandardCharsets.UTF_8))) {
                throw ProblemException.notFound("Calendar feed");
            }
        } else {
            if (identity.isAnonymous()) {
                throw new UnauthorizedException("a bearer token or the secret feed URL is needed");
            }
            if (!identity.hasRole(org.gonghui.platform.security.Roles.COORDINATOR)
                    && !identity.hasRole(org.gonghui.platform.security.Roles.VOLUNTEER)) {
                throw ProblemException.forbidden("forbidden", "coordinators and the volunteer itself read this feed");
            }
            v = access.require(id);
        }
        List<Activity> activities = Activity.getEntityManager().createQuery("""
                select a from Activity a, Signup s
                where s.activityId = a.id and s.volunteerId = :volunteer and s.status = :confirmed
                order by a.startsAt, a.id""", Activity.class)
                .setParameter("volunteer", v.id).setParameter("confirmed", Signup.Status.CONFIRMED).getResultList();
        return Response.ok(IcsFeeds.render(v.name, activities, TeamCalendarResource.communitiesOf(activities)))
                .header("Content-Disposition", "inline; filename=\"volunteer-" + v.id + ".ics\"").build();
    }
}
