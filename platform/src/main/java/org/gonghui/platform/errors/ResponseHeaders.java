package org.gonghui.platform.errors;

import java.net.URI;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Headers every application answers the same way, whatever the resource wrote:
 * <ul>
 * <li>{@code Location} is a path ({@code /api/v1/volunteer/activities/{id}}), never an absolute URL: JAX-RS makes a
 * relative {@code Response.created(...)} absolute with the address the request reached, which behind the gateway is
 * the service's internal one ({@code http://localhost:8083/...}, issue 29.6). The public paths of the services are
 * the gateway's, so the path is the resource's public address relative to whatever host the client used.</li>
 * <li>every 429 carries {@code Retry-After} (issue 29.17): from the problem's {@code retryAfterSeconds} (see
 * {@link ProblemMappers}), or 1 s when the answer did not say.</li>
 * </ul>
 */
public class ResponseHeaders {

    @ServerResponseFilter
    public void apply(ContainerResponseContext response) {
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location != null) {
            String relative = relative(location.toString());
            if (!relative.equals(location.toString())) {
                response.getHeaders().putSingle(HttpHeaders.LOCATION, relative);
            }
        }
        if (response.getStatus() == 429 && response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER) == null) {
            response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, "1");
        }
    }

    /** {@code http://localhost:8083/api/v1/x?y} -> {@code /api/v1/x?y}; a path stays as it is. */
    static String relative(String location) {
        try {
            URI uri = URI.create(location);
            if (!uri.isAbsolute()) {
                return location;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (IllegalArgumentException e) {
            return location;
        }
    }
}
