package org.gonghui.gateway.auth;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.gonghui.platform.errors.Problem;
import org.gonghui.platform.errors.ProblemException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A problem that tells the client when to try again ({@code Retry-After}): 423 locked, 429 throttled. */
public class ThrottledException extends ProblemException {

    private final long retryAfterSeconds;

    public ThrottledException(int status, String slug, String title, String detail, long retryAfterSeconds) {
        super(status, slug, title, detail);
        this.retryAfterSeconds = retryAfterSeconds;
        with("retryAfterSeconds", retryAfterSeconds);
    }

    /** Maps this subtype ahead of the platform's general ProblemException mapper, adding the header. */
    public static class Mapper {
        @ServerExceptionMapper
        public Response map(ThrottledException e, UriInfo uri) {
            return Response.status(e.status()).type(Problem.MEDIA_TYPE)
                    .header("Retry-After", e.retryAfterSeconds)
                    .entity(e.toProblem().withInstance(uri.getPath())).build();
        }
    }
}
