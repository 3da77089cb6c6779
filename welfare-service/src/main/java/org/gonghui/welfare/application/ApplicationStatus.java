package org.gonghui.welfare.application;

/**
 * SUBMITTED -> APPROVED -> PAID, or REJECTED / CANCELLED; BLOCKED when the beneficiary's model-worker title was
 * revoked while the application was pending.
 */
public enum ApplicationStatus {
    SUBMITTED, APPROVED, PAID, REJECTED, CANCELLED, BLOCKED
}
