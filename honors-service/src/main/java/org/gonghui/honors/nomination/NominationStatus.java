package org.gonghui.honors.nomination;

import java.util.Set;

/** {@code DRAFT -> SUBMITTED -> PUBLIC_NOTICE | NOT_SELECTED; PUBLIC_NOTICE -> CONFERRED | WITHDRAWN | REJECTED}. */
public enum NominationStatus {
    DRAFT, SUBMITTED, PUBLIC_NOTICE, NOT_SELECTED, CONFERRED, WITHDRAWN, REJECTED;

    /** Statuses that hold a place in the campaign's quota. */
    public static final Set<NominationStatus> COUNTING_AGAINST_QUOTA = Set.of(SUBMITTED, PUBLIC_NOTICE, CONFERRED);

    /** Statuses in which the nominee cannot be nominated again in the same campaign. */
    public static final Set<NominationStatus> LIVE = Set.of(DRAFT, SUBMITTED, PUBLIC_NOTICE, CONFERRED);
}
