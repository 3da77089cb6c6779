package org.gonghui.honors.award;

import jakarta.enterprise.context.ApplicationScoped;

import org.gonghui.platform.errors.ProblemException;

/** Looks awards up by code; the one place that turns an unknown code into a problem. */
@ApplicationScoped
public class Awards {

    public Award require(String code, String field) {
        Award award = code == null ? null : Award.findById(code);
        if (award == null) {
            throw ProblemException.invalidField(field, "unknown award code " + code);
        }
        return award;
    }
}
