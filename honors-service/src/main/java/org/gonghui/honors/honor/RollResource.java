package org.gonghui.honors.honor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gonghui.honors.award.Award;
import org.gonghui.platform.paging.Page;
import org.gonghui.platform.paging.PageParams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** The public honor roll (光荣榜): names, units, award and year only; never ID numbers or personRefs. */
@Path("/api/v1/honors/roll")
@Produces(MediaType.APPLICATION_JSON)
public class RollResource {

    public record RollEntry(String name, String unitName, String awardCode, String awardName, String awardNameEn,
            int year) {
    }

    private final ObjectMapper mapper;
    private final RollCache cache;
    private final int maxAgeSeconds;

    @Inject
    public RollResource(ObjectMapper mapper, RollCache cache,
            @ConfigProperty(name = "gonghui.honors.roll.max-age", defaultValue = "300") int maxAgeSeconds) {
        this.mapper = mapper;
        this.cache = cache;
        this.maxAgeSeconds = maxAgeSeconds;
    }

    @GET
    @PermitAll
    @Operation(summary = "Public honor roll, cacheable (Cache-Control, ETag; 304 on a matching If-None-Match)")
    public Response roll(@QueryParam("year") @Min(1949) @Max(2200) Integer year,
            @QueryParam("award") String award,
            @BeanParam @Valid PageParams page, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        RollCache.Page rendered = cache.get(year + "|" + award + "|" + page.page + "|" + page.size,
                () -> QuarkusTransaction.joiningExisting().call(() -> render(year, award, page)));
        EntityTag etag = new EntityTag(rendered.etag());
        CacheControl cacheControl = new CacheControl();
        cacheControl.setMaxAge(maxAgeSeconds);
        cacheControl.setPrivate(false);
        if (ifNoneMatch != null && matches(ifNoneMatch, etag.getValue())) {
            return Response.notModified(etag).cacheControl(cacheControl).build();
        }
        return Response.ok(rendered.body(), MediaType.APPLICATION_JSON).tag(etag).cacheControl(cacheControl).build();
    }

    private RollCache.Page render(Integer year, String award, PageParams page) throws JsonProcessingException {
        StringBuilder where = new StringBuilder("revokedAt is null");
        Parameters params = new Parameters();
        if (year != null) {
            where.append(" and year = :year");
            params.and("year", year);
        }
        if (award != null) {
            where.append(" and awardCode = :award");
            params.and("award", award);
        }
        PanacheQuery<Honor> query = Honor.find(where.toString(),
                Sort.descending("year").and("awardCode").and("certificateNo"), params);
        List<RollEntry> items = query.page(page.page, page.size).list().stream().map(h -> {
            Award a = Award.findById(h.awardCode);
            return new RollEntry(h.name, h.unitName, h.awardCode, a.name, a.nameEn, h.year);
        }).toList();
        byte[] body = mapper.writeValueAsBytes(new Page<>(items, page.page, page.size, query.count()));
        return new RollCache.Page(body, sha256(body));
    }

    private static boolean matches(String ifNoneMatch, String tag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals("\"" + tag + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
