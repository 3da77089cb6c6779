package org.gonghui.platform.errors;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.gonghui.platform.input.ApiTypes;
import org.gonghui.platform.input.InvalidParameterException;
import org.gonghui.platform.input.SafeText;
import org.gonghui.platform.input.UnsafeTextException;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Turns every failure into an RFC 9457 problem+json response: client mistakes become 4xx with a reason, database
 * outages 503, and anything unexpected a 500 that names an error id but never a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Problem problem = e.toProblem();
        Response r = respond(problem, uri);
        // a problem that says when to retry says it in the header too (issue 29.17: the objection throttle's 429)
        Object retry = problem.extensions().get("retryAfterSeconds");
        return retry == null ? r : Response.fromResponse(r).header(HttpHeaders.RETRY_AFTER, retry.toString()).build();
    }

    @ServerExceptionMapper
    public Response violation(ResteasyReactiveViolationException e, UriInfo uri) {
        return violations(e, uri);
    }

    @ServerExceptionMapper
    public Response violation(ConstraintViolationException e, UriInfo uri) {
        return violations(e, uri);
    }

    private Response violations(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldName(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return respond(new Problem(Problem.TYPE_PREFIX + "validation", "Invalid input", 400,
                "The request has " + errors.size() + " invalid field(s)", null, errors, null), uri);
    }

    /** {@code create.request.nominee.name} -> {@code nominee.name}: drop the method and parameter nodes. */
    static String fieldName(Path path) {
        String parameter = null;
        List<String> names = new ArrayList<>();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case PARAMETER -> parameter = node.getName();
                case PROPERTY, CONTAINER_ELEMENT -> {
                    String name = node.getName() == null ? "" : node.getName();
                    if (node.getIndex() != null) {
                        name += "[" + node.getIndex() + "]";
                    } else if (node.getKey() != null) {
                        name += "[" + node.getKey() + "]";
                    }
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
                default -> {
                }
            }
        }
        if (!names.isEmpty()) {
            return String.join(".", names);
        }
        return parameter == null ? "request" : parameter;
    }

    @ServerExceptionMapper({ JsonParseException.class, JsonProcessingException.class })
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String duplicate = duplicateKey(e);
        if (duplicate != null) {
            String message = "is given more than once";
            return respond(new Problem(Problem.TYPE_PREFIX + "validation", "Invalid input", 400,
                    duplicate + ": " + message, null, List.of(new Problem.FieldError(duplicate, message)), null), uri);
        }
        return respond(new Problem(Problem.TYPE_PREFIX + "malformed-json", "Malformed JSON", 400,
                "The request body is not valid JSON", null, null, null), uri);
    }

    /**
     * The path of a key that {@code STRICT_DUPLICATE_DETECTION} refused ({@code nominee.name}), or null for other
     * parse errors. The key itself is only named when it is plain text, since it is echoed back.
     */
    static String duplicateKey(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate field '") || !message.endsWith("'")) {
            return null;
        }
        String key = message.substring("Duplicate field '".length(), message.length() - 1);
        if (SafeText.problem(key, true) != null || key.length() > 100) {
            key = "?";
        }
        String parent = "";
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            StringBuilder sb = new StringBuilder();
            for (JsonStreamContext c = parser.getParsingContext().getParent(); c != null && !c.inRoot();
                    c = c.getParent()) {
                String part = c.inArray() ? "[" + c.getCurrentIndex() + "]"
                        : c.getCurrentName() == null ? "" : "." + c.getCurrentName();
                sb.insert(0, part);
            }
            parent = sb.toString();
        }
        String path = parent + "." + key;
        return path.startsWith(".") ? path.substring(1) : path;
    }

    @ServerExceptionMapper({ MismatchedInputException.class, InvalidFormatException.class,
            UnrecognizedPropertyException.class, ValueInstantiationException.class, JsonMappingException.class })
    public Response unmappableJson(JsonMappingException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException cause && duplicateKey(cause) != null) {
            // a duplicate key inside a nested object, met while binding it (the parser's context has the full path)
            String field = duplicateKey(cause);
            String message = "is given more than once";
            return respond(new Problem(Problem.TYPE_PREFIX + "validation", "Invalid input", 400,
                    field + ": " + message, null, List.of(new Problem.FieldError(field, message)), null), uri);
        }
        String field = jsonPath(e);
        String message = e instanceof UnrecognizedPropertyException ? "unknown field"
                : e instanceof UnsafeTextException u ? u.reason()
                : e instanceof InvalidFormatException f ? ApiTypes.expected(f.getTargetType())
                : e instanceof MismatchedInputException m && m.getTargetType() != null
                        ? ApiTypes.expected(m.getTargetType())
                : "has an invalid value";
        return respond(new Problem(Problem.TYPE_PREFIX + "validation", "Invalid input", 400,
                field + ": " + message, null, List.of(new Problem.FieldError(field, message)), null), uri);
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e, UriInfo uri) {
        return respond(e.toProblem(), uri);
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "request" : sb.toString();
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        Response r = respond(new Problem(Problem.TYPE_PREFIX + "unauthorized", "Unauthorized", 401,
                "A valid bearer token is required", null, null, null), uri);
        return Response.fromResponse(r).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_PREFIX + "forbidden", "Forbidden", 403,
                "Your roles do not allow this operation", null, null, null), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonMappingException m) {
            return unmappableJson(m, uri);
        }
        if (status == 400 && e.getCause() instanceof JsonProcessingException j) {
            // Quarkus REST's JSON reader wraps parse errors (a duplicate key among them) in a plain 400
            return malformedJson(j, uri);
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No such resource";
            case 405 -> "Method not allowed on this resource";
            case 406 -> "No acceptable representation";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported content type";
            default -> e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? title : e.getMessage();
        };
        Response r = respond(new Problem(Problem.TYPE_PREFIX + slug(title), title, status, detail, null, null, null),
                uri);
        if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(r).header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW))
                    .build();
        }
        return r;
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response concurrentUpdate(RuntimeException e, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_PREFIX + "concurrent-update", "Conflict", 409,
                "The record was changed by someone else at the same time; reload and retry", null, null, null), uri);
    }

    @ServerExceptionMapper
    public Response persistence(PersistenceException e, UriInfo uri) {
        SQLException sql = findCause(e, SQLException.class);
        String state = sql == null ? null : sql.getSQLState();
        if (findCause(e, OptimisticLockException.class) != null || findCause(e, StaleStateException.class) != null) {
            return concurrentUpdate(e, uri);
        }
        if (state != null && state.startsWith("23")) {
            return respond(new Problem(Problem.TYPE_PREFIX + "duplicate", "Conflict", 409,
                    "The request conflicts with an existing record", null, null, null), uri);
        }
        if (state != null && (state.equals("40001") || state.equals("40P01"))) {
            return respond(new Problem(Problem.TYPE_PREFIX + "concurrent-update", "Conflict", 409,
                    "A concurrent transaction conflicted; retry", null, null, null), uri);
        }
        return unavailableOrUnexpected(e, uri);
    }

    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_PREFIX + "invalid-argument", "Bad Request", 400,
                "Invalid argument", null, null, null), uri);
    }

    @ServerExceptionMapper
    public Response anythingElse(Throwable e, UriInfo uri, HttpServerRequest request) {
        if (findCause(e, io.vertx.core.http.HttpClosedException.class) != null) {
            // the client went away mid-body, or the gateway cut it off (body limit, slow body): not a server fault,
            // and no stack trace in the log for it (found by the hardening sweep, issue 11)
            LOG.debugf("connection closed before the request body of %s was complete", uri == null ? "?" : uri.getPath());
            if (request != null && request.response().ended()) {
                // the gateway's body deadline answered 408 before it closed the connection: a second answer cannot
                // be written (Vert.x throws "Response has already been written"); without an entity RESTEasy only
                // ends the response, which it skips for an ended one
                return Response.status(Response.Status.BAD_REQUEST).build();
            }
            return respond(new Problem(Problem.TYPE_PREFIX + "incomplete-body", "Bad Request", 400,
                    "The connection closed before the request body was complete", null, null, null), uri);
        }
        return unavailableOrUnexpected(e, uri);
    }

    private Response unavailableOrUnexpected(Throwable e, UriInfo uri) {
        if (DatabaseFailures.isUnavailable(e)) {
            LOG.warnf("database unavailable on %s: %s", uri == null ? "?" : uri.getPath(), e.toString());
            return Response.fromResponse(respond(new Problem(Problem.TYPE_PREFIX + "unavailable",
                    "Service Unavailable", 503, "The database is not reachable at the moment; retry shortly", null,
                    null, null), uri)).header(HttpHeaders.RETRY_AFTER, "2").build();
        }
        return unexpected(e, uri);
    }

    private Response unexpected(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", errorId, uri == null ? "?" : uri.getPath());
        return respond(new Problem(Problem.TYPE_PREFIX + "internal", "Internal Server Error", 500,
                "An unexpected error occurred; quote error id " + errorId, null, null,
                java.util.Map.of("errorId", errorId)), uri);
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static Response respond(Problem problem, UriInfo uri) {
        Problem body = uri == null ? problem : problem.withInstance(uri.getPath());
        return Response.status(body.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
