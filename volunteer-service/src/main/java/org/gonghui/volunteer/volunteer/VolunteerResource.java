package org.gonghui.volunteer.volunteer;

import java.net.URI;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.platform.audit.AuditLog;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.paging.PageParams;
import org.gonghui.platform.person.PersonRefs;
import org.gonghui.platform.security.OrgScope;
import org.gonghui.platform.security.Roles;
import org.gonghui.volunteer.honor.PersonHonor;

import io.quarkus.panache.common.Sort;

@Path("/api/v1/volunteer/volunteers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VolunteerResource {

    public record VolunteerRequest(
            @NotBlank @Size(max = 100) String name,
            // '*' only so that a masked number read back can be sent unchanged (see apply)
            @NotBlank @Pattern(regexp = "^\\+?[0-9][0-9* -]{4,30}$", message = "must be a phone number") String phone,
            @Size(max = 18) String idNumber,
            @Size(max = 64) String orgCode,
            List<@NotBlank @Size(max = 50) String> skills) {
    }

    public record HonorView(UUID honorId, String awardCode, String level, boolean modelWorker, int year,
            String certificateNo) {
        static HonorView of(PersonHonor h) {
            return new HonorView(h.honorId, h.awardCode, h.level, h.modelWorker, h.year, h.certificateNo);
        }
    }

    public record VolunteerView(UUID id, String name, String phone, String idNumberMasked, String orgCode,
            List<String> skills, List<HonorView> honors, String calendarFeedPath) {
    }

    public record CalendarFeed(String calendarFeedPath) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OrgScope scope;
    private final VolunteerAccess access;
    private final PersonRefs personRefs;
    private final AuditLog audit;

    @Inject
    public VolunteerResource(OrgScope scope, VolunteerAccess access, PersonRefs personRefs, AuditLog audit) {
        this.scope = scope;
        this.access = access;
        this.personRefs = personRefs;
        this.audit = audit;
    }

    @POST
    @Transactional
    @RolesAllowed({ Roles.COORDINATOR, Roles.VOLUNTEER })
    @Operation(summary = "Register a volunteer; a volunteer account registers only itself (once) and gets its id back")
    public Response create(@Valid @NotNull VolunteerRequest request) {
        Volunteer v = new Volunteer();
        if (access.isCoordinator()) {
            v.id = UUID.randomUUID();
        } else {
            UUID own = access.selfId();
            if (own != null && Volunteer.findById(own) != null) {
                throw ProblemException.conflict("profile-exists", "this account already has a volunteer profile")
                        .with("existingId", own);
            }
            v.id = own != null ? own : UUID.randomUUID();
            v.accountSubject = scope.subject();
        }
        v.orgCode = scope.orgForCreate(request.orgCode());
        v.calendarSecret = newSecret();
        v.createdAt = OffsetDateTime.now();
        apply(v, request);
        v.persist();
        audit.record("volunteer.registered", "Volunteer", v.id, v.orgCode, null);
        return Response.created(URI.create("/api/v1/volunteer/volunteers/" + v.id)).entity(view(v, true)).build();
    }

    @GET
    @RolesAllowed({ Roles.COORDINATOR, Roles.VOLUNTEER })
    @Operation(summary = "Volunteers in the caller's subtree; a volunteer account sees only its own profile")
    public Page<VolunteerView> list(@BeanParam @Valid PageParams page) {
        if (!access.isCoordinator()) {
            UUID own = access.selfId();
            Volunteer v = own == null ? null : Volunteer.findById(own);
            List<VolunteerView> items = v == null ? List.of() : List.of(view(v, false));
            return new Page<>(items, page.page, page.size, items.size());
        }
        return Page.of(Volunteer.<Volunteer>find(scope.jpql("orgCode"), Sort.by("name").and("id"), scope.parameters()),
                page, v -> view(v, false));
    }

    @GET
    @Path("{id}")
    @Transactional
    @RolesAllowed({ Roles.COORDINATOR, Roles.VOLUNTEER })
    @Operation(summary = "A volunteer's profile with honors conferred on that person")
    public VolunteerView get(@PathParam("id") UUID id) {
        Volunteer v = access.require(id);
        audit.record("volunteer.read", "Volunteer", v.id, v.orgCode, null);
        return view(v, true);
    }

    @PUT
    @Path("{id}")
    @Transactional
    @RolesAllowed({ Roles.COORDINATOR, Roles.VOLUNTEER })
    @Operation(summary = "Update a profile (a volunteer account only its own)")
    public VolunteerView update(@PathParam("id") UUID id, @Valid @NotNull VolunteerRequest request) {
        Volunteer v = access.require(id);
        if (request.orgCode() != null && !request.orgCode().equals(v.orgCode)) {
            if (!access.isCoordinator()) {
                throw ProblemException.forbidden("org-change-not-allowed", "only a coordinator moves a volunteer");
            }
            v.orgCode = scope.orgForCreate(request.orgCode());
        }
        apply(v, request);
        audit.record("volunteer.updated", "Volunteer", v.id, v.orgCode, null);
        return view(v, true);
    }

    @POST
    @Path("{id}/calendar-feed")
    @Transactional
    @RolesAllowed({ Roles.COORDINATOR, Roles.VOLUNTEER })
    @Operation(summary = "Rotate the secret calendar feed URL (the old URL stops working)")
    public CalendarFeed rotateFeed(@PathParam("id") UUID id) {
        Volunteer v = access.require(id);
        v.calendarSecret = newSecret();
        audit.record("volunteer.calendar-feed-rotated", "Volunteer", v.id, v.orgCode, null);
        return new CalendarFeed(feedPath(v));
    }

    private void apply(Volunteer v, VolunteerRequest request) {
        v.name = request.name().strip();
        String phone = request.phone().strip();
        if (PhoneMask.isMasked(phone)) {
            // a caller who sees the number masked may send it back as it was; it then stays what it is
            if (v.phone == null || !PhoneMask.mask(v.phone).equals(phone)) {
                throw ProblemException.invalidField("phone", "must be a phone number (a masked one only unchanged)");
            }
        } else {
            v.phone = phone;
        }
        if (request.idNumber() != null && !request.idNumber().isBlank()) {
            PersonRefs.Person person = personRefs.identify("idNumber", request.idNumber());
            Volunteer same = Volunteer.find("personRef = ?1 and id <> ?2", person.personRef(), v.id).firstResult();
            if (same != null) {
                ProblemException duplicate = ProblemException.conflict("duplicate-volunteer",
                        "this person is already registered as a volunteer");
                throw scope.covers(same.orgCode) ? duplicate.with("existingId", same.id) : duplicate;
            }
            v.personRef = person.personRef();
            v.idNumberMasked = person.idNumberMasked();
        }
        v.skills = request.skills() == null ? new String[0]
                : request.skills().stream().map(String::strip).distinct().toArray(String[]::new);
    }

    private VolunteerView view(Volunteer v, boolean detail) {
        List<HonorView> honors = detail ? PersonHonor.liveOf(v.personRef).stream().map(HonorView::of).toList() : null;
        String phone = access.seesPhoneOf(v) ? v.phone : PhoneMask.mask(v.phone);
        return new VolunteerView(v.id, v.name, phone, v.idNumberMasked, v.orgCode, List.of(v.skills), honors,
                detail ? feedPath(v) : null);
    }

    static String feedPath(Volunteer v) {
        return "/api/v1/volunteer/volunteers/" + v.id + "/calendar.ics?feed=" + v.calendarSecret;
    }

    private static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
