package org.gonghui.welfare.hardship;

import java.util.UUID;

/**
 * Fired (synchronously, in the closing transaction) when a hardship case is closed, so that the grants based on it
 * stop: the application feature observes it without the case feature depending on applications.
 */
public record CaseClosed(UUID caseId, String reason) {
}
