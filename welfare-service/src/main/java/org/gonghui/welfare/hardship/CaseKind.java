package org.gonghui.welfare.hardship;

public enum CaseKind {
    WORKER, HOUSEHOLD, ENTERPRISE
}
