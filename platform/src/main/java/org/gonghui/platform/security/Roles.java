package org.gonghui.platform.security;

/** The suite's roles, as carried in the token's {@code groups} claim. */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String STAFF = "staff";
    public static final String REVIEWER = "reviewer";
    public static final String FINANCE = "finance";
    public static final String COORDINATOR = "coordinator";
    public static final String VOLUNTEER = "volunteer";
    public static final String AUDITOR = "auditor";

    public static final java.util.List<String> ALL = java.util.List.of(ADMIN, STAFF, REVIEWER, FINANCE, COORDINATOR,
            VOLUNTEER, AUDITOR);

    private Roles() {
    }
}
