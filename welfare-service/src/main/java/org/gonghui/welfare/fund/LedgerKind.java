package org.gonghui.welfare.fund;

public enum LedgerKind {
    BUDGET, COMMIT, RELEASE, PAYOUT
}
