package org.gonghui.platform.input;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.gonghui.platform.errors.Problem;

/**
 * A query or path parameter that cannot be read: 400 {@code /problems/validation} naming it. A
 * {@link WebApplicationException} because RESTEasy passes those from a parameter converter on unchanged (anything
 * else becomes a 404).
 */
public class InvalidParameterException extends WebApplicationException {

    private final String parameter;
    private final String reason;

    public InvalidParameterException(String parameter, String reason) {
        super(parameter + ": " + reason, null, Response.Status.BAD_REQUEST);
        this.parameter = parameter;
        this.reason = reason;
    }

    public Problem toProblem() {
        return new Problem(Problem.TYPE_PREFIX + "validation", "Invalid input", 400, parameter + ": " + reason, null,
                List.of(new Problem.FieldError(parameter, reason)), null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // a client's mistake: no stack trace to pay for
    }
}
