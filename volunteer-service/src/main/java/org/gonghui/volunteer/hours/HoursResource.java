package org.gonghui.volunteer.hours;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.security.Roles;
import org.gonghui.volunteer.activity.Activity;
import org.gonghui.volunteer.support.Times;
import org.gonghui.volunteer.volunteer.Volunteer;
import org.gonghui.volunteer.volunteer.VolunteerAccess;

@Path("/api/v1/volunteer/volunteers/{id}/hours")
@Produces(MediaType.APPLICATION_JSON)
public class HoursResource {

    public record HoursLine(UUID activityId, String title, OffsetDateTime startsAt, int minutes,
            String overrideReason) {
    }

    /** {@code hours} is {@code totalMinutes / 60} rounded down; minutes are the exact figure. */
    public record YearHours(UUID volunteerId, String name, int year, long totalMinutes, long hours,
            List<HoursLine> activities) {
    }

    private final VolunteerAccess access;

    @Inject
    public HoursResource(VolunteerAccess access) {
        this.access = access;
    }

    @GET
    @RolesAllowed({ Roles.COORDINATOR, Roles.VOLUNTEER })
    @Operation(summary = "Service minutes credited to a volunteer in a year (Asia/Shanghai; default this year), per activity")
    public YearHours hours(@PathParam("id") UUID id,
            @QueryParam("year") @Min(1949) @Max(2200) Integer yearParam) {
        Volunteer v = access.require(id);
        int year = yearParam != null ? yearParam : java.time.LocalDate.now(Times.ZONE).getYear();
        List<HoursLine> lines = HoursEntry.getEntityManager().createQuery("""
                select h, a from HoursEntry h, Activity a
                where h.activityId = a.id and h.volunteerId = :v and h.year = :year
                order by a.startsAt, a.id""", Object[].class)
                .setParameter("v", v.id).setParameter("year", year).getResultList().stream()
                .map(row -> {
                    HoursEntry h = (HoursEntry) row[0];
                    Activity a = (Activity) row[1];
                    return new HoursLine(a.id, a.title, Times.local(a.startsAt), h.minutes, h.overrideReason);
                }).toList();
        long total = lines.stream().mapToLong(HoursLine::minutes).sum();
        return new YearHours(v.id, v.name, year, total, total / 60, lines);
    }
}
