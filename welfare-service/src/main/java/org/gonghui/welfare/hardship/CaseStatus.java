package org.gonghui.welfare.hardship;

/** OPEN -> VERIFIED -> CLOSED (closed = out of hardship). */
public enum CaseStatus {
    OPEN, VERIFIED, CLOSED
}
