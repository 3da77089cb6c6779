package org.gonghui.platform.input;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses query parameters and path segments that {@link SafeText} refuses (single-line rules), before any resource
 * sees them: {@code GET /roll?award=loudi%00craftsman} reached PostgreSQL, which answered 500 on the NUL (issue
 * 19.13). JSON bodies are checked by {@link JsonInput}.
 */
public class ParameterTextFilter {

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(true);
        String pathProblem = SafeText.problem(path, true);
        if (pathProblem != null) {
            throw new InvalidParameterException("path", pathProblem);
        }
        for (Map.Entry<String, List<String>> e : request.getUriInfo().getQueryParameters(true).entrySet()) {
            String keyProblem = SafeText.problem(e.getKey(), true);
            if (keyProblem != null) {
                throw new InvalidParameterException("query", "parameter names " + keyProblem);
            }
            for (String value : e.getValue()) {
                String problem = SafeText.problem(value, true);
                if (problem != null) {
                    throw new InvalidParameterException(e.getKey(), problem);
                }
            }
        }
    }
}
