package org.gonghui.platform.input;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.gonghui.platform.paging.PageParams;

/** Stand-in endpoints for the platform's input checks: typed query parameters and a JSON body of each shape. */
@Path("/test/input")
@PermitAll
public class InputTestResource {

    public enum Kind {
        WORKER, HOUSEHOLD, ENTERPRISE
    }

    public record Nominee(String name, String note) {
    }

    public record Body(String code, String name, String reason, Kind kind, OffsetDateTime at, Integer count,
            Map<String, Object> details, List<String> tags, Nominee nominee) {
    }

    @GET
    public String query(@QueryParam("year") Integer year, @QueryParam("kind") Kind kind,
            @QueryParam("from") OffsetDateTime from, @QueryParam("id") UUID id, @QueryParam("award") String award,
            @QueryParam("all") boolean all, @BeanParam @Valid PageParams page) {
        return year + " " + kind + " " + from + " " + id + " " + award + " " + all + " " + page.page + " " + page.size;
    }

    public static class Extra {
        @QueryParam("n")
        public Integer n;
    }

    @GET
    @Path("/extra")
    public String extra(@BeanParam Extra extra) {
        return String.valueOf(extra.n);
    }

    @GET
    @Path("/{code}")
    public String path(@PathParam("code") String code) {
        return code;
    }

    @POST
    @Consumes("application/json")
    public Body body(Body body) {
        return body;
    }
}
